/**
 * @module ivr calls
 * IVR flows on live calls (docs/decisions/024-ivr-on-live-calls.md). A phone line may have a
 * flow attached; a call on it walks the flow's published version before it reaches the ACD.
 * Every turn replays the flow from the start over the caller's inputs so far with `runIvr`
 * (ivr-execute.ts, the simulator's function) at the moment the call started, so business hours
 * do not flip mid-call and a replay test of the same keys takes the same path. The session row
 * keeps the inputs and the path (nodes, keys): the call card reads it, and the node that queues
 * the call is its IVR choice for routing rules.
 */
import type { Kysely } from 'kysely'
import type { IvrDefinition, IvrNode, IvrSimulation, IvrStep } from '../../../../contracts/contact-center-content.js'
import type { Database } from '../../db/database.js'
import type { SqlDialect } from '../../db/dialects/sql-dialect.js'
import { updateRecord } from '../../engine/records.js'
import type { IvrPort, IvrPrompt, IvrTurn, IvrTurnEnd } from '../telephony/ivr-port.js'
import { runIvr } from './ivr-execute.js'
import { lookup, serviceContext, type IvrLookupDeps } from './ivr-lookup.js'
import * as repo from './ivr.repository.js'

/** Seconds a menu waits for a key unless the node says otherwise. */
export const DEFAULT_GATHER_SECONDS = 5
const DEFAULT_LOOKUP_DIGITS = 20

interface Session {
  lineId: string; callId: string; flowId: string; version: number; language: string; from: string | null; to: string | null
  startedAt: string; inputs: string[]; pending: string; turn: number; path: IvrStep[]; outcome: string
}

export interface IvrCallView {
  flowId: string; version: number; language: string; startedAt: string; inputs: string[]; path: IvrStep[]
  /** `waiting` while the caller is in the menus, else the last node's kind (queue, hangup, voicemail, callback). */
  outcome: string
}

/** The path as the call card shows it: `welcome → hours (open) → main [2] → order [42] → sales`; `–` is silence. */
export function pathText(path: IvrStep[]): string {
  return path.map((s) => (s.input !== undefined ? `${s.node} [${s.input === '' ? '–' : s.input}]` : s.via ? `${s.node} (${s.via})` : s.node)).join(' → ').slice(0, 1000)
}

const sessionFromRow = (row: Record<string, any>, dialect: SqlDialect): Session => ({
  lineId: row.line_id, callId: row.call_id, flowId: row.flow_id, version: Number(row.version), language: row.language,
  from: row.from_number ?? null, to: row.to_number ?? null, startedAt: dialect.fromDb('timestamp', row.started_at) as string,
  inputs: dialect.fromDb('json', row.inputs) as string[], pending: row.pending, turn: Number(row.turn), path: dialect.fromDb('json', row.path) as IvrStep[], outcome: row.outcome,
})

/** A lookup's answer as words: money as "19.90 EUR", lists joined, empty values left out. */
function spoken(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map(spoken).filter(Boolean).join(', ')
  if (typeof value === 'object') {
    const money = value as { amount?: unknown; currency?: unknown }
    return money.amount !== undefined ? `${String(money.amount)} ${String(money.currency ?? '')}`.trim() : ''
  }
  return String(value)
}

/** `{status}` in a prompt after a found lookup becomes the answer's value. */
const fill = (text: string, answer: Record<string, unknown> | null) =>
  answer ? text.replace(/\{([A-Za-z0-9_.-]{1,60})\}/g, (whole, field: string) => (Object.hasOwn(answer, field) ? spoken(answer[field]) : whole)) : text

/** What the caller hears and does next, from a replay's result. */
export function turnOf(definition: IvrDefinition, language: string, result: Omit<IvrSimulation, 'version'>, inputCount: number, call: { from: string | null; to: string | null }): IvrTurn {
  const { path, action } = result
  let last = -1
  for (let i = path.length - 1; i >= 0; i--) if (path[i].input !== undefined) { last = i; break }
  const found = last >= 0 && path[last].type === 'lookup' ? result.lookups.at(-1) ?? null : null
  const answer = found?.found ? found.answer : null
  const prompts: IvrPrompt[] = []
  const after = path.slice(last + 1)
  // A found answer is read out: in the next prompts' {field} placeholders, or on its own when no prompt names one.
  if (answer && !after.some((s) => s.said && /\{[A-Za-z0-9_.-]+\}/.test(s.said))) {
    const words = Object.values(answer).map(spoken).filter(Boolean).join(', ')
    if (words) prompts.push({ node: path[last].node, text: words, audioUrl: null })
  }
  for (const step of after) {
    const node = definition.nodes[step.node]
    const prompt = 'prompt' in node ? node.prompt : undefined
    if (!prompt || step.said === undefined) continue
    prompts.push({ node: step.node, text: fill(step.said, answer), audioUrl: prompt.audioUrl?.[language as 'en'] ?? null })
  }
  let end: IvrTurnEnd
  if (action.kind === 'incomplete' && action.reason === 'waiting-for-input') {
    const node = definition.nodes[action.node] as Extract<IvrNode, { type: 'menu' | 'lookup' }>
    end = node.type === 'lookup'
      ? { kind: 'gather', node: action.node, numDigits: node.maxDigits ?? DEFAULT_LOOKUP_DIGITS, timeoutSeconds: DEFAULT_GATHER_SECONDS, finishOnKey: '#' }
      : { kind: 'gather', node: action.node, numDigits: 1, timeoutSeconds: node.timeoutSeconds ?? DEFAULT_GATHER_SECONDS, finishOnKey: null }
  } else if (action.kind === 'queue') {
    end = { kind: 'queue', node: action.node, queueId: null, ivrChoice: action.node, priorityBoost: action.priority }
  } else if (action.kind === 'incomplete') {
    end = { kind: 'hangup', node: action.node, reason: 'step-limit' }
  } else {
    end = { kind: 'hangup', node: action.node, reason: action.kind }
  }
  return { language, prompts, end, inputCount, from: call.from, to: call.to }
}

export function createIvrCalls(deps: IvrLookupDeps & { database: Database }) {
  const store = (workspaceId: string) => deps.database.workspace(workspaceId)

  /** The ACD queue a queue node names: its id, or its name (case-insensitive). */
  async function queueIdOf(db: Kysely<any>, key: string): Promise<string | null> {
    const rows = await db.selectFrom('acd_queues').select(['id', 'name']).execute()
    return (rows.find((q) => q.id === key) ?? rows.find((q) => String(q.name).toLowerCase() === key.toLowerCase()))?.id ?? null
  }

  async function replay(workspaceId: string, session: Session): Promise<IvrTurn> {
    const { db, dialect } = store(workspaceId)
    const version = await repo.findVersion(db, dialect, session.flowId, session.version)
    if (!version) {
      // The flow was deleted while the caller was in it: end politely rather than fail the webhook.
      await db.updateTable('ivr_call_sessions').set({ outcome: 'hangup', updated_at: new Date().toISOString() }).where('line_id', '=', session.lineId).where('call_id', '=', session.callId).execute()
      return { language: session.language, prompts: [], end: { kind: 'hangup', node: session.path.at(-1)?.node ?? '', reason: 'hangup' }, inputCount: session.inputs.length, from: session.from, to: session.to }
    }
    const definition = version.definition
    const service = await serviceContext(deps, workspaceId, session.flowId, definition)
    const result = await runIvr(definition, session.inputs, { at: new Date(session.startedAt), language: session.language, lookup: (node, entered) => lookup(service, node, entered) })
    const turn = turnOf(definition, session.language, result, session.inputs.length, session)
    if (turn.end.kind === 'queue') {
      const node = definition.nodes[turn.end.node] as Extract<IvrNode, { type: 'queue' }>
      turn.end.queueId = await queueIdOf(db, node.queue)
    }
    const outcome = turn.end.kind === 'hangup' ? turn.end.reason : turn.end.kind === 'queue' ? 'queue' : 'waiting'
    await db.updateTable('ivr_call_sessions').set({ path: dialect.toDb('json', result.path), outcome, updated_at: new Date().toISOString() })
      .where('line_id', '=', session.lineId).where('call_id', '=', session.callId).execute()
    if (outcome !== 'waiting' && session.outcome === 'waiting') await writeCard(workspaceId, session, result.path)
    return turn
  }

  /** The path onto the call's card (the `call` activity), when the card and its IVR field exist. */
  async function writeCard(workspaceId: string, session: Session, path: IvrStep[]): Promise<void> {
    const { db } = store(workspaceId)
    const call = await db.selectFrom('calls').select('activity_id').where('line_id', '=', session.lineId).where('call_id', '=', session.callId).executeTakeFirst()
    if (!call?.activity_id) return
    const ctx = await deps.workspaces.recordContext(await deps.workspaces.get(workspaceId), `line:${session.lineId}`)
    const activities = ctx.metadata.objects.get('activities')
    if (!activities?.fields.some((f) => f.apiName === 'callIvrPath')) return
    await updateRecord(ctx, ctx.ws.db, activities, call.activity_id, { callIvrPath: pathText(path) })
  }

  async function findSession(workspaceId: string, lineId: string, callId: string): Promise<Session | undefined> {
    const { db, dialect } = store(workspaceId)
    const row = await db.selectFrom('ivr_call_sessions').selectAll().where('line_id', '=', lineId).where('call_id', '=', callId).executeTakeFirst()
    return row ? sessionFromRow(row, dialect) : undefined
  }

  async function publishedFlowOf(workspaceId: string, lineId: string) {
    const { db, dialect } = store(workspaceId)
    const link = await db.selectFrom('ivr_line_flows').select('flow_id').where('line_id', '=', lineId).executeTakeFirst()
    const flow = link ? await repo.findFlow(db, dialect, link.flow_id) : undefined
    return flow && flow.publishedVersion !== null ? flow : undefined
  }

  const port: IvrPort = {
    async answers(workspaceId, lineId) {
      return (await publishedFlowOf(workspaceId, lineId)) !== undefined
    },

    async start(workspaceId, lineId, call) {
      const existing = await findSession(workspaceId, lineId, call.callId)
      if (existing) return replay(workspaceId, existing)
      const { db, dialect } = store(workspaceId)
      const flow = await publishedFlowOf(workspaceId, lineId)
      if (!flow || flow.publishedVersion === null) return null
      const version = await repo.findVersion(db, dialect, flow.id, flow.publishedVersion)
      if (!version) return null
      const now = new Date().toISOString()
      const session: Session = {
        lineId, callId: call.callId, flowId: flow.id, version: version.version, language: version.definition.languages[0], from: call.from, to: call.to,
        startedAt: call.at, inputs: [], pending: '', turn: 0, path: [], outcome: 'waiting',
      }
      await db.insertInto('ivr_call_sessions').values({
        line_id: lineId, call_id: call.callId, flow_id: flow.id, version: version.version, language: session.language, from_number: call.from, to_number: call.to,
        started_at: dialect.toDb('timestamp', call.at), inputs: dialect.toDb('json', []), pending: '', turn: 0, path: dialect.toDb('json', []), outcome: 'waiting', updated_at: now,
      }).onConflict((oc) => oc.columns(['line_id', 'call_id']).doNothing()).execute()
      return replay(workspaceId, (await findSession(workspaceId, lineId, call.callId))!)
    },

    async current(workspaceId, lineId, callId) {
      const session = await findSession(workspaceId, lineId, callId)
      if (!session || session.outcome !== 'waiting') return null
      if (session.pending !== '') return { language: session.language, prompts: [], end: { kind: 'collecting', node: session.path.at(-1)?.node ?? '' }, inputCount: session.inputs.length, from: session.from, to: session.to }
      return replay(workspaceId, session)
    },

    async input(workspaceId, lineId, callId, keys, options) {
      const session = await findSession(workspaceId, lineId, callId)
      if (!session || session.outcome !== 'waiting') return null
      if (options.expectedCount !== undefined && options.expectedCount !== session.inputs.length) return replay(workspaceId, session)
      const { db, dialect } = store(workspaceId)
      const waiting = [...session.path].reverse().find((s) => s.input === undefined && (s.type === 'menu' || s.type === 'lookup'))
      const version = await repo.findVersion(db, dialect, session.flowId, session.version)
      const node = waiting && version ? version.definition.nodes[waiting.node] : undefined
      let inputs = session.inputs
      let pending = session.pending
      if (options.whole || node?.type !== 'lookup') inputs = [...inputs, keys]
      else {
        // One key at a time: a lookup's number is complete at `#` or at its length.
        pending += keys
        if (keys === '#' || pending.length >= (node.maxDigits ?? DEFAULT_LOOKUP_DIGITS)) { inputs = [...inputs, pending]; pending = '' }
      }
      // Guarded on the count read: two deliveries of one key cannot both append.
      const written = await db.updateTable('ivr_call_sessions').set({ inputs: dialect.toDb('json', inputs), pending, turn: session.turn + 1, updated_at: new Date().toISOString() })
        .where('line_id', '=', lineId).where('call_id', '=', callId).where('turn', '=', session.turn).executeTakeFirst()
      if (Number(written.numUpdatedRows) !== 1) return replay(workspaceId, (await findSession(workspaceId, lineId, callId))!)
      if (inputs.length === session.inputs.length) return { language: session.language, prompts: [], end: { kind: 'collecting', node: waiting!.node }, inputCount: inputs.length, from: session.from, to: session.to }
      return replay(workspaceId, { ...session, inputs, pending })
    },
  }

  return {
    port,

    /** The call's IVR path, for the call card; undefined when the call did not go through an IVR. */
    async callPath(workspaceId: string, lineId: string, callId: string): Promise<IvrCallView | undefined> {
      const session = await findSession(workspaceId, lineId, callId)
      if (!session) return undefined
      const { lineId: _l, callId: _c, pending: _p, turn: _n, from: _f, to: _t, ...view } = session
      return view
    },

    async lineFlow(workspaceId: string, lineId: string): Promise<string | null> {
      const row = await store(workspaceId).db.selectFrom('ivr_line_flows').select('flow_id').where('line_id', '=', lineId).executeTakeFirst()
      return row?.flow_id ?? null
    },

    async attach(workspaceId: string, lineId: string, flowId: string | null): Promise<void> {
      const { db } = store(workspaceId)
      if (flowId === null) {
        await db.deleteFrom('ivr_line_flows').where('line_id', '=', lineId).execute()
        return
      }
      const updated_at = new Date().toISOString()
      await db.insertInto('ivr_line_flows').values({ line_id: lineId, flow_id: flowId, updated_at })
        .onConflict((oc) => oc.column('line_id').doUpdateSet({ flow_id: flowId, updated_at })).execute()
    },
  }
}

export type IvrCalls = ReturnType<typeof createIvrCalls>
