/**
 * The phone system's side of the contact center (`/api/v1/contact-center/…`): each agent's
 * telephony endpoint and the callback list with its complete/cancel actions. Shapes come from
 * the shared contract (contracts/contact-center-telephony.ts).
 */
import type { AgentEndpoint, AgentEndpointBody, CallbackView } from '../../../contracts/contact-center-telephony.js'
import { api } from './client.js'

export type { AgentEndpoint, AgentEndpointBody, CallbackStatus, CallbackView, EndpointKind } from '../../../contracts/contact-center-telephony.js'
export { ENDPOINT_KINDS } from '../../../contracts/contact-center-telephony.js'

const CC = '/api/v1/contact-center'
const id = (value: string) => encodeURIComponent(value)
type Data<T> = { data: T }

export type CallbackFilter = 'open' | 'closed' | 'all'
export const CALLBACK_FILTERS: readonly CallbackFilter[] = ['open', 'closed', 'all']

export const listEndpoints = async (signal?: AbortSignal) => (await api.get<Data<AgentEndpoint[]>>(`${CC}/agent-endpoints`, undefined, signal)).data
export const setEndpoint = async (userId: string, body: AgentEndpointBody) => (await api.put<Data<AgentEndpoint>>(`${CC}/agents/${id(userId)}/endpoint`, body)).data
export const removeEndpoint = (userId: string) => api.delete(`${CC}/agents/${id(userId)}/endpoint`)

export const listCallbacks = async (status: CallbackFilter, signal?: AbortSignal) =>
  (await api.get<Data<CallbackView[]>>(`${CC}/callbacks`, { status, limit: 500 }, signal)).data
/** Completes (the agent called back) or cancels a callback; 409 when it is closed already. */
export const closeCallback = async (callId: string, action: 'complete' | 'cancel') =>
  (action === 'complete'
    ? await api.post<Data<{ callback: CallbackView }>>(`${CC}/callbacks/${id(callId)}/complete`)
    : await api.post<Data<{ callback: CallbackView }>>(`${CC}/callbacks/${id(callId)}/cancel`)).data.callback
