/**
 * The in-process scheduler started with the server (main.ts). Every tick it looks at each
 * workspace's due schedules; a run is claimed by moving next_run_at to the following
 * occurrence with a compare-and-set on the old value, and only the caller whose UPDATE changed
 * the row runs it. So a restart (or a second process on the same database) never runs one
 * occurrence twice; occurrences missed while the server was down collapse into one catch-up
 * run. A run that dies with the process is not retried (at most once); its claim is visible as
 * next_run_at moved on without last_run_at.
 */
import { nextRunAt } from './time-of-day.js'
import { KIND, rowToSchedule, runRfm } from './rfm-schedule.js'
import type { RecordContext } from '../../engine/records.js'
import type { Workspace, WorkspacesService } from '../workspaces/workspaces.service.js'

export interface SchedulerOptions {
  workspaces: Pick<WorkspacesService, 'list' | 'recordContext'>
  /** Injected in tests; default the wall clock. */
  clock?: () => Date
  intervalMs?: number
  onError?: (error: unknown) => void
}

export function createAnalysisScheduler(options: SchedulerOptions) {
  const clock = options.clock ?? (() => new Date())
  let timer: NodeJS.Timeout | null = null
  let running: Promise<number> | null = null

  async function runDue(workspace: Workspace, now: Date): Promise<boolean> {
    const ctx: RecordContext = await options.workspaces.recordContext(workspace, 'system:rfm-schedule')
    const row = await ctx.ws.db.selectFrom('analysis_schedules').selectAll().where('kind', '=', KIND).executeTakeFirst()
    if (!row) return false
    const schedule = rowToSchedule(ctx, row)
    if (!schedule.enabled || new Date(schedule.nextRunAt) > now) return false
    const claimed = await ctx.ws.db.updateTable('analysis_schedules')
      .set({ next_run_at: nextRunAt(now, schedule.time, schedule.timeZone).toISOString() })
      .where('kind', '=', KIND).where('next_run_at', '=', row.next_run_at).executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) return false
    await runRfm(ctx, schedule, now)
    return true
  }

  /** One pass over every workspace; resolves to the number of runs made. Passes never overlap. */
  function tick(): Promise<number> {
    running ??= (async () => {
      let runs = 0
      const now = clock()
      for (const workspace of await options.workspaces.list()) {
        try {
          if (await runDue(workspace, now)) runs++
        } catch (error) {
          options.onError?.(error)
        }
      }
      return runs
    })().finally(() => { running = null })
    return running
  }

  return {
    tick,
    start(): void {
      if (timer) return
      timer = setInterval(() => void tick(), options.intervalMs ?? 30_000)
      timer.unref()
      void tick()
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer)
      timer = null
      await running
    },
  }
}

export type AnalysisScheduler = ReturnType<typeof createAnalysisScheduler>
