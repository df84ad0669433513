/**
 * My own agent state (GET /contact-center/agents/me, PUT …/agents/me/state), for the header
 * control on every page. Type-only imports from the contract: this file is in the first-load
 * script, and the contract's schema values (TypeBox) must stay out of it.
 */
import type { ACD_CHOSEN_STATES, AcdAgentInfo, AcdDecision } from '../../../contracts/contact-center.js'
import { api } from './client.js'

export type { AcdAgentInfo } from '../../../contracts/contact-center.js'
export type ChosenState = (typeof ACD_CHOSEN_STATES)[number]
export const CHOSEN_STATES = ['available', 'break', 'offline'] as const satisfies readonly ChosenState[]

const ME = '/api/v1/contact-center/agents/me'

export const getMyAgent = async (signal?: AbortSignal) => (await api.get<{ data: AcdAgentInfo }>(ME, undefined, signal)).data
export const setMyState = async (state: ChosenState) =>
  (await api.put<{ data: { agent: AcdAgentInfo; decisions: AcdDecision[] } }>(`${ME}/state`, { state })).data.agent
