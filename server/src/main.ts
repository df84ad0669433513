/**
 * Starts the server: reads config, opens the database, makes sure a workspace exists, listens.
 * On first start it creates a workspace and prints an API key once.
 */
import type { Config } from './config.js'
import { openDatabase } from './db/database.js'
import { buildApp, createServices } from './app.js'
import { createAnalysisScheduler } from './modules/analysis-schedule/scheduler.js'

export async function serve(config: Config): Promise<void> {
  const database = await openDatabase(config)
  const services = await createServices(database, { cursorSecret: config.cursorSecret })
  const workspaces = await services.workspaces.list()
  let firstKey: string | null = null
  if (workspaces.length === 0) {
    const workspace = await services.workspaces.create({ name: 'My workspace' })
    firstKey = (await services.apiKeys.create(workspace.id, 'first-run', { roleId: await services.access.adminRoleId(workspace.id) })).key
  }
  const needsSetup = !(await services.auth.isSetupDone())
  const app = await buildApp({ services, logger: { level: config.logLevel } })
  const address = await app.listen({ port: config.port, host: config.host })
  // Import jobs a killed process left running continue from their last checkpoint.
  const resumed = await services.imports.resumeInterrupted()
  if (resumed.length) app.log.info({ jobs: resumed }, 'resumed interrupted imports')
  // Scheduled analysis (RFM recomputation); due runs missed while stopped catch up once now.
  const scheduler = createAnalysisScheduler({ workspaces: services.workspaces, onError: (error) => app.log.error({ err: error }, 'scheduled analysis failed') })
  scheduler.start()
  const resumedDuplicates = await services.duplicates.resumeInterrupted()
  if (resumedDuplicates.length) app.log.info({ jobs: resumedDuplicates }, 'resumed interrupted duplicate jobs')
  const where = config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`
  const lines = [
    '',
    `Rapport is running at ${address}  (${where})`,
    needsSetup
      ? `Create the first administrator: POST ${address}/api/v1/auth/setup {"workspaceName","email","password","name"}  or  bin/rapport user create --email you@example.com --password … --role admin`
      : `Sign in: POST ${address}/api/v1/auth/sign-in {"email","password"}`,
    firstKey
      ? `First start: an API key was created for workspace "My workspace". It is shown only now:\n\n    ${firstKey}\n\nTry: curl -H "Authorization: Bearer ${firstKey}" ${address}/api/v1/records/people`
      : 'Authenticate with an API key: bin/rapport api-key create --name me   (then Authorization: Bearer <key>)',
    '',
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
  const stop = async () => {
    await scheduler.stop()
    await app.close()
    await database.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
