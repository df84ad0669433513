/**
 * ACD configuration and reports (`/api/v1/contact-center/…`): skills, queues, agents with skill
 * levels, routing rules, my own agent state and interval reports. Shapes come from the shared
 * contract (contracts/contact-center.ts), so the client and the route schemas cannot drift.
 */
import type {
  AcdAgentInfo, AcdQueueConfig, AcdRule, AcdSkill, AgentBody, QueueBody, ReportInterval, ReportRow, RuleBody, SkillBody,
} from '../../../contracts/contact-center.js'
import { api } from './client.js'

export type { AcdAgentInfo, AcdQueueConfig, AcdRule, AcdSkill, AgentBody, QueueBody, ReportInterval, ReportRow, RuleBody } from '../../../contracts/contact-center.js'
export { ACD_CHOSEN_STATES, REPORT_INTERVALS, SKILL_KEY_PATTERN } from '../../../contracts/contact-center.js'

const CC = '/api/v1/contact-center'
const id = (value: string) => encodeURIComponent(value)
type Data<T> = { data: T }

export const listSkills = async (signal?: AbortSignal) => (await api.get<Data<AcdSkill[]>>(`${CC}/skills`, undefined, signal)).data
export const createSkill = async (body: SkillBody) => (await api.post<Data<AcdSkill>>(`${CC}/skills`, body)).data

export const listQueues = async (signal?: AbortSignal) => (await api.get<Data<AcdQueueConfig[]>>(`${CC}/queues`, undefined, signal)).data
export const createQueue = async (body: QueueBody) => (await api.post<Data<AcdQueueConfig>>(`${CC}/queues`, body)).data
export const updateQueue = async (queueId: string, body: QueueBody) => (await api.put<Data<AcdQueueConfig>>(`${CC}/queues/${id(queueId)}`, body)).data
export const deleteQueue = (queueId: string) => api.delete(`${CC}/queues/${id(queueId)}`)

export const listAgents = async (signal?: AbortSignal) => (await api.get<Data<AcdAgentInfo[]>>(`${CC}/agents`, undefined, signal)).data
export const configureAgent = async (userId: string, body: AgentBody) => (await api.put<Data<AcdAgentInfo>>(`${CC}/agents/${id(userId)}`, body)).data

export const listRules = async (signal?: AbortSignal) => (await api.get<Data<AcdRule[]>>(`${CC}/routing-rules`, undefined, signal)).data
export const createRule = async (body: RuleBody) => (await api.post<Data<AcdRule>>(`${CC}/routing-rules`, body)).data
export const updateRule = async (ruleId: string, body: RuleBody) => (await api.put<Data<AcdRule>>(`${CC}/routing-rules/${id(ruleId)}`, body)).data
export const reorderRules = async (ids: string[]) => (await api.put<Data<AcdRule[]>>(`${CC}/routing-rules/order`, { ids })).data
export const deleteRule = (ruleId: string) => api.delete(`${CC}/routing-rules/${id(ruleId)}`)

export interface ReportQuery { interval: ReportInterval; by: 'queue' | 'agent'; from: string; to: string }
export const getReport = async (query: ReportQuery, signal?: AbortSignal) => (await api.get<Data<ReportRow[]>>(`${CC}/reports`, { ...query }, signal)).data
