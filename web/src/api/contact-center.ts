/**
 * IVR flows, agent scripts and the knowledge base (`/api/v1/contact-center/…`). Writes carry the
 * item's revision as If-Match, so a stale editor gets 412 instead of overwriting someone.
 */
import type {
  AgentScript, CreateArticleBody, CreateIvrFlowBody, CreateScriptBody, IvrFlow, IvrFlowVersion, IvrSimulation, KbArticle, KbSearchHit,
  ScriptRun, ScriptRunBody, SimulateIvrBody, UpdateArticleBody, UpdateIvrFlowBody, UpdateScriptBody,
} from '../../../contracts/contact-center-content.js'
import { apiRequest } from './client.js'

export type * from '../../../contracts/contact-center-content.js'

const CC = '/api/v1/contact-center'
const ifMatch = (revision: number) => ({ 'If-Match': `"${revision}"` })
const id = (value: string) => encodeURIComponent(value)

export const listIvrFlows = async (signal?: AbortSignal) => (await apiRequest<{ data: IvrFlow[] }>('GET', `${CC}/ivr-flows`, { signal })).data
export const createIvrFlow = async (body: CreateIvrFlowBody) => (await apiRequest<{ data: IvrFlow }>('POST', `${CC}/ivr-flows`, { body })).data
export const updateIvrFlow = async (flowId: string, revision: number, body: UpdateIvrFlowBody) =>
  (await apiRequest<{ data: IvrFlow }>('PATCH', `${CC}/ivr-flows/${id(flowId)}`, { body, headers: ifMatch(revision) })).data
export const publishIvrFlow = async (flowId: string) => (await apiRequest<{ data: IvrFlowVersion }>('POST', `${CC}/ivr-flows/${id(flowId)}/publish`)).data
export const simulateIvrFlow = async (flowId: string, body: SimulateIvrBody) =>
  (await apiRequest<{ data: IvrSimulation }>('POST', `${CC}/ivr-flows/${id(flowId)}/simulate`, { body })).data

export const listScripts = async (signal?: AbortSignal) => (await apiRequest<{ data: AgentScript[] }>('GET', `${CC}/scripts`, { signal })).data
export const createScript = async (body: CreateScriptBody) => (await apiRequest<{ data: AgentScript }>('POST', `${CC}/scripts`, { body })).data
export const updateScript = async (scriptId: string, revision: number, body: UpdateScriptBody) =>
  (await apiRequest<{ data: AgentScript }>('PATCH', `${CC}/scripts/${id(scriptId)}`, { body, headers: ifMatch(revision) })).data
export const runScript = async (scriptId: string, body: ScriptRunBody) => (await apiRequest<{ data: ScriptRun }>('POST', `${CC}/scripts/${id(scriptId)}/runs`, { body })).data
export const listScriptRuns = async (activityId: string, signal?: AbortSignal) =>
  (await apiRequest<{ data: ScriptRun[] }>('GET', `${CC}/script-runs`, { query: { activityId }, signal })).data

export const searchKb = async (query: { q: string; language?: string }, signal?: AbortSignal) =>
  (await apiRequest<{ data: KbSearchHit[] }>('GET', `${CC}/kb/search`, { query, signal })).data
export const suggestKb = async (text: string, signal?: AbortSignal) => (await apiRequest<{ data: KbSearchHit[] }>('GET', `${CC}/kb/suggest`, { query: { text }, signal })).data
export const getArticle = async (articleId: string, signal?: AbortSignal) => (await apiRequest<{ data: KbArticle }>('GET', `${CC}/kb/articles/${id(articleId)}`, { signal })).data
export const createArticle = async (body: CreateArticleBody) => (await apiRequest<{ data: KbArticle }>('POST', `${CC}/kb/articles`, { body })).data
export const updateArticle = async (articleId: string, revision: number, body: UpdateArticleBody) =>
  (await apiRequest<{ data: KbArticle }>('PATCH', `${CC}/kb/articles/${id(articleId)}`, { body, headers: ifMatch(revision) })).data
export const promoteActivity = async (activityId: string) => (await apiRequest<{ data: KbArticle }>('POST', `${CC}/kb/promote/${id(activityId)}`, { body: {} })).data
