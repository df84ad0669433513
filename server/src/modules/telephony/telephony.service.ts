/**
 * @module telephony
 * Call event intake: a transaction records each event (the unique key makes a duplicate a
 * no-op), folds all of the call's events into its state (so arrival order does not matter),
 * and creates or updates the call card activity. The call row is locked first, so two events
 * of one call never fold concurrently. Events arriving together share one transaction (group
 * commit on SQLite, see submit()); each is acknowledged only after its commit, then pushed to agents.
 * A sweeper closes calls whose phone system never sent an end.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { getObject } from '../../engine/metadata-store.js'
import { createRecord, updateRecord, type RecordContext } from '../../engine/records.js'
import type { AccessService, Member } from '../access/access.service.js'
import type { WorkspacesService } from '../workspaces/workspaces.service.js'
import { toE164, type CallEvent } from './call-event.js'
import { foldCall, talkSeconds, type CallState } from './call-state.js'
import { cardLinks, cardValues } from './call-card.js'
import { matchCaller, type CallerMatches } from './caller-match.js'
import type { CallStream } from './call-stream.js'
import type { VerifiedLine } from './phone-lines.service.js'
import { routeEvent, type CallRoutingPort, type RouteHints, type RoutingOutcome } from './call-routing-port.js'
import type { CallPush } from '../../../../contracts/telephony.js'

export interface IntakeResult {
  duplicate: boolean
  call: CallState & { activityId: string | null }
  /** What the ACD decided for this event (queued, answered, ended), for the phone system to execute. */
  routing?: RoutingOutcome
}

export interface SweepOptions {
  /** A call not answered and silent this long is closed (default 30 min). */
  unansweredAfterMs?: number
  /** Any open call silent this long is closed (default 4 h). */
  openAfterMs?: number
}

const MINUTE = 60_000
const DEFAULT_UNANSWERED_MS = 30 * MINUTE
const DEFAULT_OPEN_MS = 240 * MINUTE
const MEMBER_CACHE_MS = 30_000
/** Most events one group commit holds (bounds the time a transaction keeps SQLite's writer). */
const MAX_BATCH = 64
/** The stored event kind of the sweeper's synthetic end: it can never collide with a real `ended`. */
const TIMEOUT_EVENT = 'timeout'

export function createTelephonyService(deps: {
  database: Database; workspaces: WorkspacesService; access: AccessService; stream: CallStream; routing?: CallRoutingPort
}) {
  const members = new Map<string, { at: number; list: Member[] }>()

  /** The workspace's members, cached briefly (read before a transaction: SQLite has one connection). */
  async function rosterOf(workspaceId: string): Promise<Member[]> {
    let cached = members.get(workspaceId)
    if (!cached || cached.at + MEMBER_CACHE_MS < Date.now()) {
      cached = { at: Date.now(), list: await deps.access.listMembers(workspaceId) }
      members.set(workspaceId, cached)
    }
    return cached.list
  }

  /** The member an event's agentId names (user id, email or name), if any. */
  function findAgent(roster: Member[], agentId: string | null): Member | undefined {
    if (!agentId) return undefined
    const needle = agentId.toLowerCase()
    return roster.find((m) => m.userId === agentId || m.email.toLowerCase() === needle || m.name.toLowerCase() === needle)
  }

  const rowToEvent = (dialect: Database['dialect'], row: { event: string; data: unknown }): CallEvent => {
    const data = dialect.fromDb('json', row.data) as CallEvent
    return row.event === TIMEOUT_EVENT ? { ...data, event: 'ended', reason: 'timeout' } : data
  }

  const stateColumns = (state: CallState) => ({
    status: state.status, direction: state.direction, from_number: state.from, to_number: state.to, queue: state.queue, agent_id: state.agentId,
    started_at: state.startedAt, answered_at: state.answeredAt, ended_at: state.endedAt, end_reason: state.endReason,
    recording_url: state.recordingUrl, digits: state.digits, event_count: state.eventCount, last_event_at: state.lastEventAt,
  })

  const rowToState = (row: Record<string, any>): CallState & { activityId: string | null } => ({
    callId: row.call_id, status: row.status, direction: row.direction, from: row.from_number, to: row.to_number, queue: row.queue,
    agentId: row.agent_id, startedAt: row.started_at, answeredAt: row.answered_at, endedAt: row.ended_at, endReason: row.end_reason,
    recordingUrl: row.recording_url, digits: row.digits, eventCount: Number(row.event_count), lastEventAt: row.last_event_at, activityId: row.activity_id,
  })

  /** What the card shows changed (DTMF alone does not touch the card or the agent's screen). */
  const cardChanged = (a: CallState | undefined, b: CallState) => !a || (['status', 'answeredAt', 'endedAt', 'endReason', 'recordingUrl', 'queue', 'agentId', 'direction', 'from', 'to'] as const).some((k) => a[k] !== b[k])

  async function saveCard(ctx: RecordContext, trx: Kysely<any>, activityId: string | null, state: CallState, agentName: string | null, matches: CallerMatches | null): Promise<string | null> {
    const activities = ctx.metadata.objects.get('activities')
    if (!activities) return activityId
    const inTrx: RecordContext = { ...ctx, ws: { ...ctx.ws, db: trx } }
    const values = cardValues(activities, state, agentName)
    if (activityId) {
      await updateRecord(inTrx, trx, getObject(ctx.metadata, 'activities'), activityId, values)
      return activityId
    }
    const created = await createRecord(inTrx, trx, activities, { ...values, ...(matches ? cardLinks(activities, matches) : {}) })
    return created.id
  }

  type Line = Pick<VerifiedLine, 'id' | 'name' | 'workspaceId'>
  type Outcome = { duplicate: boolean; before: CallState | undefined; state: CallState & { activityId: string | null }; agent: Member | undefined; matches: CallerMatches | null }
  interface Job { ctx: RecordContext; line: Line; event: CallEvent; storedKind: string; roster: Member[]; done(outcome: Outcome): void; failed(error: unknown): void }

  /** Records one event and refolds its call inside `trx` (see the module comment). */
  async function apply(trx: Kysely<any>, job: Job): Promise<Outcome> {
    const { ctx, line, event, storedKind, roster } = job
    const { dialect } = ctx.ws
    const key = (q: any) => q.where('line_id', '=', line.id).where('call_id', '=', event.callId)
    const now = new Date().toISOString()
    // The event row first: its unique key answers "redelivery?" in the same statement that
    // records it, so a new event costs no lookup and a duplicate writes nothing else.
    const inserted = await trx.insertInto('call_events').values({
      line_id: line.id, call_id: event.callId, event: storedKind, sequence: event.sequence,
      occurred_at: event.at, received_at: now, data: dialect.toDb('json', event),
    }).onConflict((oc) => oc.columns(['line_id', 'call_id', 'event', 'sequence']).doNothing()).executeTakeFirst()
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
      const current = rowToState(await key(trx.selectFrom('calls').selectAll()).executeTakeFirstOrThrow())
      return { duplicate: true, before: current, state: current, agent: undefined, matches: null }
    }
    // Then the call row, created or rewritten unchanged: one statement that returns it and (on
    // Postgres) holds its row lock until commit, so two events of one call fold one after the
    // other; the fold's read below comes after the lock, so it sees the other's committed event.
    const before = await trx.insertInto('calls').values({
      line_id: line.id, call_id: event.callId, status: 'ringing', started_at: event.at, event_count: 0, last_event_at: event.at, updated_at: now,
    }).onConflict((oc) => oc.columns(['line_id', 'call_id']).doUpdateSet((eb) => ({ updated_at: eb.ref('calls.updated_at') }))).returningAll().executeTakeFirstOrThrow()
    // Only a new card needs the caller lookup.
    const number = event.direction === 'outbound' ? event.to : event.from
    const matches = before.activity_id ? null : await matchCaller({ ...ctx, ws: { ...ctx.ws, db: trx } }, number)
    const rows = await key(trx.selectFrom('call_events').select(['event', 'data'])).execute()
    const state = foldCall(rows.map((row: { event: string; data: unknown }) => rowToEvent(dialect, row)))
    const previous = Number(before.event_count) === 0 ? undefined : rowToState(before)
    const agent = findAgent(roster, state.agentId)
    let activityId: string | null = before.activity_id ?? null
    if (cardChanged(previous, state) || !activityId) activityId = await saveCard(ctx, trx, activityId, state, agent?.name ?? null, matches)
    await key(trx.updateTable('calls').set({ ...stateColumns(state), activity_id: activityId, updated_at: now })).execute()
    return { duplicate: false, before: previous, state: { ...state, activityId }, agent, matches }
  }

  /**
   * Group commit on SQLite: events of one workspace that arrive while a transaction is
   * committing wait and are then written together in the next one (at most MAX_BATCH), so
   * concurrent webhooks share one fsync instead of paying one each — SQLite has one writer
   * connection, so they were serialised anyway. Every event is still acknowledged only after
   * the commit that holds it. If a batch fails, its events are retried one transaction each,
   * so one bad event fails alone. Within a batch events are applied in arrival order.
   * Postgres keeps one transaction per event: its pool runs them in parallel (row locks order
   * two events of one call), and serialising them would cost more than the shared fsync saves.
   */
  const pending = new Map<string, Job[]>()
  function submit(job: Job): void {
    if (job.ctx.ws.dialect.name !== 'sqlite') {
      void job.ctx.ws.db.transaction().execute((trx) => apply(trx, job)).then(job.done, job.failed)
      return
    }
    const workspaceId = job.line.workspaceId
    const queue = pending.get(workspaceId)
    if (queue) {
      queue.push(job)
      return
    }
    pending.set(workspaceId, [job])
    void drain(workspaceId, job.ctx.ws.db)
  }

  async function drain(workspaceId: string, db: Kysely<any>): Promise<void> {
    for (;;) {
      // Let requests that arrived during the last commit (SQLite's commit blocks the event loop) join this batch.
      await new Promise((resolve) => setImmediate(resolve))
      const queue = pending.get(workspaceId)!
      const batch = queue.splice(0, MAX_BATCH)
      if (batch.length === 0) {
        pending.delete(workspaceId)
        return
      }
      try {
        const outcomes = await db.transaction().execute(async (trx) => {
          const out: Outcome[] = []
          for (const job of batch) out.push(await apply(trx, job))
          return out
        })
        batch.forEach((job, i) => job.done(outcomes[i]))
      } catch (error) {
        if (batch.length === 1) batch[0].failed(error)
        else {
          for (const job of batch) {
            await db.transaction().execute((trx) => apply(trx, job)).then(job.done, job.failed)
          }
        }
      }
    }
  }

  async function ingest(line: Line, event: CallEvent, options: { synthetic?: boolean; route?: RouteHints } = {}): Promise<IntakeResult> {
    const workspace = await deps.workspaces.get(line.workspaceId)
    const ctx = await deps.workspaces.recordContext(workspace, `line:${line.id}`)
    const storedKind = options.synthetic ? TIMEOUT_EVENT : event.event
    const roster = await rosterOf(line.workspaceId)
    const outcome = await new Promise<Outcome>((done, failed) => submit({ ctx, line, event, storedKind, roster, done, failed }))

    if (!outcome.duplicate && cardChanged(outcome.before, outcome.state)) {
      const { state, agent } = outcome
      const push: CallPush = {
        type: 'call', lineId: line.id, lineName: line.name, callId: state.callId, status: state.status, direction: state.direction, from: state.from, to: state.to,
        queue: state.queue, agentId: agent?.userId ?? state.agentId, agentName: agent?.name ?? null, startedAt: state.startedAt, answeredAt: state.answeredAt,
        endedAt: state.endedAt, endReason: state.endReason, durationSeconds: talkSeconds(state), recordingUrl: state.recordingUrl, activityId: state.activityId,
      }
      deps.stream.publish(line.workspaceId, agent ? [agent.userId] : null, push)
    }
    if (outcome.duplicate || !deps.routing || options.synthetic) return { duplicate: outcome.duplicate, call: outcome.state }
    // Routing by the caller's attributes (value class, segment) needs the one person the number belongs to.
    const number = event.direction === 'outbound' ? event.to : event.from
    const caller = event.event === 'queued' ? (outcome.matches ?? await matchCaller(ctx, number)).people : []
    const routing = await routeEvent(deps.routing, line.workspaceId, line.id, event, caller.length === 1 ? caller[0].id : undefined, options.route)
    return { duplicate: false, call: outcome.state, ...(routing ? { routing } : {}) }
  }

  return {
    ingest,
    /** The router adapters ask where a call is (to execute its decision); undefined without one. */
    routing: deps.routing,

    /** The workspace's default country, for reading national numbers. */
    async countryOf(workspaceId: string): Promise<string | null> {
      return (await deps.workspaces.get(workspaceId)).defaultCountry ?? null
    },

    /** True when the number is on the line's reject list (both compared as E.164). */
    isBlocked(line: VerifiedLine, raw: string | undefined, country: string | null): boolean {
      const number = raw ? toE164(raw, country) : undefined
      return number !== undefined && line.blockedNumbers.includes(number)
    },

    async findCall(workspaceId: string, lineId: string, callId: string): Promise<(CallState & { activityId: string | null }) | undefined> {
      const row = await deps.database.workspace(workspaceId).db.selectFrom('calls').selectAll().where('line_id', '=', lineId).where('call_id', '=', callId).executeTakeFirst()
      return row ? rowToState(row) : undefined
    },

    /** Closes silent calls (reason `timeout`, ended at their last event); returns how many. */
    async sweep(now = Date.now(), options: SweepOptions = {}): Promise<number> {
      const unanswered = new Date(now - (options.unansweredAfterMs ?? DEFAULT_UNANSWERED_MS)).toISOString()
      const open = new Date(now - (options.openAfterMs ?? DEFAULT_OPEN_MS)).toISOString()
      let closed = 0
      for (const workspace of await deps.workspaces.list()) {
        const db = deps.database.workspace(workspace.id).db
        const stale = await db.selectFrom('calls').innerJoin('phone_lines', 'phone_lines.id', 'calls.line_id')
          .select(['calls.line_id', 'calls.call_id', 'calls.last_event_at', 'phone_lines.name'])
          .where('calls.status', '<>', 'ended')
          .where((eb) => eb.or([eb('calls.last_event_at', '<', open), eb.and([eb('calls.status', 'in', ['ringing', 'queued']), eb('calls.last_event_at', '<', unanswered)])]))
          .execute()
        for (const call of stale) {
          const line = { id: call.line_id, name: call.name, workspaceId: workspace.id }
          await ingest(line, { callId: call.call_id, event: 'ended', reason: 'timeout', sequence: 0, at: call.last_event_at }, { synthetic: true })
          closed++
        }
      }
      return closed
    },
  }
}

export type TelephonyService = ReturnType<typeof createTelephonyService>
