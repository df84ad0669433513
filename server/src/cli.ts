/**
 * bin/rapport: the command-line front door to the same services HTTP uses.
 *   serve | migrate | workspace create --name N | api-key create --name N [--workspace W]
 *   seed --demo --people N [--workspace W] [--orders-per-person K] [--seed S]
 */
import { parseArgs } from 'node:util'
import { readConfig } from './config.js'
import { openDatabase } from './db/database.js'
import { migrateWorkspace } from './db/migrate.js'
import { createServices, type Services } from './app.js'
import { AppError } from './errors.js'
import { serve } from './main.js'

const USAGE = `Usage: rapport <command>
  serve                                   start the server (PORT, HOST, DATABASE_URL, RAPPORT_DATA_DIR)
  migrate                                 bring the control store and every workspace up to date
  workspace create --name NAME            create a workspace with the standard objects
  api-key create --name NAME [--workspace ID] [--user EMAIL]   create an API key (printed once); without --user it has the administrator role
  user create --email E --password P [--name N] [--role admin|member|readOnly] [--workspace ID]
  seed --demo --people N [--workspace ID] [--orders-per-person K] [--seed S]
  import FILE --object OBJECT [--key FIELD] [--dry-run] [--encoding E] [--delimiter D] [--mapping JSON] [--batch-rows N] [--workspace ID]
         [--template ID] [--kind records|invoiceLines] [--date-format dmy|mdy|ymd] [--currency EUR]
         [--create-related] [--create-options] [--sheet NAME|N] [--default-country LT]
                                          template: a saved import template's mapping and options; create-related:
                                          create a missing company (to-one target); create-options: add missing select values;
                                          default-country: read phones without +prefix in this country
  import --resume-interrupted             continue imports a killed process left running
`

async function withServices<T>(task: (services: Services) => Promise<T>, options: { importBatchRows?: number } = {}): Promise<T> {
  const config = readConfig()
  const database = await openDatabase(config)
  try {
    return await task(await createServices(database, { cursorSecret: config.cursorSecret, ...options }))
  } finally {
    await database.close()
  }
}

async function resolveWorkspace(services: Services, id: string | undefined): Promise<string> {
  if (id) return (await services.workspaces.get(id)).id
  const all = await services.workspaces.list()
  if (all.length === 0) return (await services.workspaces.create({ name: 'My workspace' })).id
  if (all.length > 1) throw new Error(`several workspaces exist; choose one with --workspace (${all.map((w) => `${w.id} ${w.name}`).join(', ')})`)
  return all[0].id
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      name: { type: 'string' }, workspace: { type: 'string' }, demo: { type: 'boolean' }, people: { type: 'string' },
      'orders-per-person': { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      user: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' },
      object: { type: 'string' }, key: { type: 'string' }, 'dry-run': { type: 'boolean' }, encoding: { type: 'string' }, delimiter: { type: 'string' },
      mapping: { type: 'string' }, 'batch-rows': { type: 'string' }, 'resume-interrupted': { type: 'boolean' },
      template: { type: 'string' }, kind: { type: 'string' }, 'date-format': { type: 'string' }, currency: { type: 'string' },
      'create-related': { type: 'boolean' }, 'create-options': { type: 'boolean' }, sheet: { type: 'string' }, 'default-country': { type: 'string' },
    },
  })
  const [command, sub] = positionals
  if (!command || values.help) {
    process.stdout.write(USAGE)
    return
  }
  if (command === 'serve') return serve(readConfig())
  if (command === 'migrate') {
    return withServices(async (services) => {
      for (const workspace of await services.workspaces.list()) {
        const ws = services.database.workspace(workspace.id)
        await migrateWorkspace(ws.db, ws.dialect, ws.schema)
      }
      process.stdout.write('migrations are up to date\n')
    })
  }
  if (command === 'workspace' && sub === 'create') {
    if (!values.name) throw new Error('--name is required')
    return withServices(async (services) => {
      const workspace = await services.workspaces.create({ name: values.name! })
      process.stdout.write(`${workspace.id}\n`)
    })
  }
  if (command === 'api-key' && sub === 'create') {
    if (!values.name) throw new Error('--name is required')
    return withServices(async (services) => {
      const workspaceId = await resolveWorkspace(services, values.workspace)
      const user = values.user ? await services.users.findByEmail(values.user) : undefined
      if (values.user && !user) throw new Error(`no user ${values.user}`)
      const owner = user ? { userId: user.id } : { roleId: await services.access.adminRoleId(workspaceId) }
      const { key } = await services.apiKeys.create(workspaceId, values.name!, owner)
      process.stderr.write(`API key for workspace ${workspaceId} (shown once; only its hash is stored):\n`)
      process.stdout.write(`${key}\n`)
    })
  }
  if (command === 'user' && sub === 'create') {
    if (!values.email || !values.password) throw new Error('--email and --password are required')
    return withServices(async (services) => {
      const workspaceId = await resolveWorkspace(services, values.workspace)
      const roles = await services.access.listRoles(workspaceId)
      const wanted = values.role ?? 'admin'
      const byName: Record<string, (r: (typeof roles)[number]) => boolean> = {
        admin: (r) => r.isAdmin, member: (r) => r.name === 'Member', readOnly: (r) => r.name === 'Read only',
      }
      const role = roles.find(byName[wanted] ?? ((r) => r.id === wanted || r.name === wanted))
      if (!role) throw new Error(`no role ${wanted} (roles: ${roles.map((r) => r.name).join(', ')})`)
      const user = (await services.users.findByEmail(values.email!)) ??
        (await services.users.create({ email: values.email!, password: values.password!, name: values.name ?? values.email!.split('@')[0] }))
      await services.access.addMember(workspaceId, user, role.id)
      await services.database.control.insertInto('instance_settings').values({ name: 'setup_done', value: new Date().toISOString() })
        .onConflict((oc) => oc.column('name').doNothing()).execute()
      process.stdout.write(`user ${user.email} is ${role.name} of workspace ${workspaceId}\n`)
    })
  }
  if (command === 'seed') {
    if (!values.demo) throw new Error('only --demo seeding exists; pass --demo')
    const people = Number(values.people ?? 1000)
    if (!Number.isInteger(people) || people < 1) throw new Error('--people must be a positive integer')
    const { seedDemo } = await import('./modules/seed/seed.service.js')
    return withServices(async (services) => {
      const workspaceId = await resolveWorkspace(services, values.workspace)
      await seedDemo(services, workspaceId, {
        people, ordersPerPerson: values['orders-per-person'] === undefined ? undefined : Number(values['orders-per-person']),
        seed: values.seed === undefined ? undefined : Number(values.seed), progress: (line) => process.stderr.write(`${line}\n`),
      })
    })
  }
  if (command === 'import') {
    const batchRows = values['batch-rows'] === undefined ? undefined : Number(values['batch-rows'])
    if (batchRows !== undefined && (!Number.isInteger(batchRows) || batchRows < 1)) throw new Error('--batch-rows must be a positive integer')
    const { runImportCommand } = await import('./modules/imports/import-cli.js')
    return withServices(async (services) => {
      const workspaceId = await resolveWorkspace(services, values.workspace)
      await runImportCommand(services, workspaceId, {
        file: sub, object: values.object, key: values.key, dryRun: values['dry-run'], encoding: values.encoding, delimiter: values.delimiter,
        mapping: values.mapping, resumeInterrupted: values['resume-interrupted'], template: values.template, kind: values.kind,
        dateFormat: values['date-format'], currency: values.currency, createRelated: values['create-related'], createOptions: values['create-options'], sheet: values.sheet,
        defaultCountry: values['default-country'],
      }, (line) => process.stdout.write(`${line}\n`), (line) => process.stderr.write(`${line}\n`))
    }, { importBatchRows: batchRows })
  }
  throw new Error(`unknown command: ${positionals.join(' ')}\n${USAGE}`)
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof AppError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error)
  process.stderr.write(`rapport: ${message}\n`)
  process.exit(1)
})
