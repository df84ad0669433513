/**
 * The per-workspace RFM schedule (table analysis_schedules, kind 'rfm'): daily at a time of
 * day in a time zone, recomputing RFM segments into a field (engine/rfm.ts write-back) with
 * the workspace's system access. Reading and setting are for administrators (the write-back is).
 */
import { AppError, ProblemCollector } from '../../errors.js'
import { getObject } from '../../engine/metadata-store.js'
import { checkWritableSelect } from '../../engine/pareto.js'
import { RFM_SEGMENTS, writeRfmSegments } from '../../engine/rfm.js'
import type { RecordContext } from '../../engine/records.js'
import { isTimeOfDay, isTimeZone, localDate, nextRunAt } from './time-of-day.js'
import type { RfmSchedule, RfmScheduleInput } from '../../../../contracts/segments-forecasts.js'

export const KIND = 'rfm'

function requireAdmin(ctx: RecordContext): void {
  if (!ctx.access.isAdmin) throw new AppError('forbidden', 'Only administrators schedule analysis write-backs')
}

const parseJson = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value)

export function rowToSchedule(ctx: RecordContext, row: Record<string, unknown>): RfmSchedule {
  const settings = parseJson(row.settings) as { object: string; field: string; currency?: string }
  const ts = (v: unknown) => (v === null || v === undefined ? null : (ctx.ws.dialect.fromDb('timestamp', v) as string))
  return {
    enabled: Number(row.enabled) === 1, time: row.time_of_day as string, timeZone: row.time_zone as string, ...settings,
    nextRunAt: ts(row.next_run_at)!, lastRunAt: ts(row.last_run_at), lastResult: row.last_result ? parseJson(row.last_result) : null, lastError: (row.last_error as string | null) ?? null,
  }
}

export async function getRfmSchedule(ctx: RecordContext): Promise<RfmSchedule | null> {
  requireAdmin(ctx)
  const row = await ctx.ws.db.selectFrom('analysis_schedules').selectAll().where('kind', '=', KIND).executeTakeFirst()
  return row ? rowToSchedule(ctx, row) : null
}

export async function setRfmSchedule(ctx: RecordContext, input: RfmScheduleInput, now: Date): Promise<RfmSchedule> {
  requireAdmin(ctx)
  const problems = new ProblemCollector()
  if (!isTimeOfDay(input.time)) problems.add('/time', 'must be a time of day HH:MM (24-hour)')
  if (!isTimeZone(input.timeZone)) problems.add('/timeZone', 'must be an IANA time zone such as Europe/Vilnius')
  if (input.currency !== undefined && !/^[A-Z]{3}$/.test(input.currency)) problems.add('/currency', 'must be an ISO 4217 code like EUR')
  problems.throwIfAny()
  // The same checks the write-back makes, now rather than at 3 a.m.
  checkWritableSelect(ctx, getObject(ctx.metadata, input.object), input.field, [...RFM_SEGMENTS])
  const settings = JSON.stringify({ object: input.object, field: input.field, ...(input.currency ? { currency: input.currency } : {}) })
  const values = {
    enabled: input.enabled ? 1 : 0, time_of_day: input.time, time_zone: input.timeZone, settings,
    next_run_at: nextRunAt(now, input.time, input.timeZone).toISOString(), updated_at: now.toISOString(),
  }
  await ctx.ws.db.insertInto('analysis_schedules').values({ kind: KIND, ...values })
    .onConflict((oc) => oc.column('kind').doUpdateSet(values)).execute()
  return (await getRfmSchedule(ctx))!
}

export async function deleteRfmSchedule(ctx: RecordContext): Promise<void> {
  requireAdmin(ctx)
  await ctx.ws.db.deleteFrom('analysis_schedules').where('kind', '=', KIND).execute()
}

/**
 * One run of the schedule's write-back as of `now` in its zone, recorded as the last run
 * (result or error). The scheduler calls it for a claimed occurrence; "run now" for the
 * administrator, leaving the next occurrence where it is. Resolves to the error, if any.
 */
export async function runRfm(ctx: RecordContext, schedule: RfmSchedule, now: Date): Promise<Error | null> {
  const asOf = localDate(now, schedule.timeZone)
  try {
    const { updated } = await writeRfmSegments(ctx, { object: schedule.object, asOf, currency: schedule.currency }, schedule.field)
    await ctx.ws.db.updateTable('analysis_schedules')
      .set({ last_run_at: now.toISOString(), last_result: JSON.stringify({ updated, asOf }), last_error: null }).where('kind', '=', KIND).execute()
    return null
  } catch (error) {
    await ctx.ws.db.updateTable('analysis_schedules')
      .set({ last_run_at: now.toISOString(), last_result: null, last_error: String((error as Error).message ?? error).slice(0, 1000) }).where('kind', '=', KIND).execute()
    return error as Error
  }
}

/** POST …/rfm/schedule/run: runs the saved schedule now; its problem, if it fails, is the answer. */
export async function runRfmScheduleNow(ctx: RecordContext, now: Date): Promise<RfmSchedule> {
  const schedule = await getRfmSchedule(ctx)
  if (!schedule) throw new AppError('not-found', 'There is no RFM schedule to run; save one first')
  const error = await runRfm(ctx, schedule, now)
  if (error) throw error
  return (await getRfmSchedule(ctx))!
}
