/**
 * Background jobs that checkpoint in their workspace's database (imports, duplicate finding)
 * are continued at server start when a previous process left them running. One job that cannot
 * be resumed (its owner is gone, its role removed) is marked failed and the others go on.
 */
import type { Kysely } from 'kysely'
import type { Principal } from '../../http/auth.js'
import type { RecordContext } from '../../engine/records.js'
import type { SqlDialect } from '../../db/dialects/sql-dialect.js'
import type { Workspace } from '../workspaces/workspaces.service.js'

interface RunningJobsRepository<J> {
  listRunning(db: Kysely<any>): Promise<J[]>
  setStatus(db: Kysely<any>, id: string, status: 'failed', fields: { error?: string | null }): Promise<boolean>
}

export async function resumeInterruptedJobs<J extends { id: string; principal: Principal }>(deps: {
  workspaces: { list(): Promise<Workspace[]>; recordContext(workspace: Workspace, actor: string): Promise<RecordContext> }
  contextFor(principal: Principal): Promise<RecordContext>
  repository(dialect: SqlDialect): RunningJobsRepository<J>
  start(ctx: RecordContext, job: J): Promise<void>
}): Promise<string[]> {
  const resumed: string[] = []
  for (const workspace of await deps.workspaces.list()) {
    const system = await deps.workspaces.recordContext(workspace, 'system')
    const repo = deps.repository(system.ws.dialect)
    for (const job of await repo.listRunning(system.ws.db)) {
      try {
        void deps.start(await deps.contextFor(job.principal), job)
        resumed.push(job.id)
      } catch (error) {
        await repo.setStatus(system.ws.db, job.id, 'failed', { error: `could not resume: ${(error as Error).message}`.slice(0, 1000) })
      }
    }
  }
  return resumed
}
