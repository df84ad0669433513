/**
 * SECURITY-TESTS F1 in small: `bin/rapport import` is killed with SIGKILL in the middle of a
 * run, then `bin/rapport import --resume-interrupted` finishes it. Every row of the file is in
 * the database exactly once, on every dialect.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { createServices } from '../server/src/app.js'
import { DIALECTS } from './support/dialects.js'

const BIN = path.resolve('bin/rapport')
const ROWS = 3000
const BATCH_ROWS = '20'

for (const dialect of DIALECTS) {
  describe(`import kill -9 and resume [${dialect.name}]`, () => {
    test('a killed import resumes from its checkpoint with zero duplicated and zero missing rows', async () => {
      const { database, cleanup, processEnv } = await dialect.open()
      const env = { ...process.env, ...processEnv, LOG_LEVEL: 'warn' }
      try {
        const file = path.join(processEnv.RAPPORT_DATA_DIR, 'people.csv')
        const lines = Array.from({ length: ROWS }, (_, i) => `Kill${i},Test,k${i}@kill.example`)
        fs.writeFileSync(file, `Имя,Фамилия,E-mail\n${lines.join('\n')}\n`)
        const child = spawn(process.execPath, [BIN, 'import', file, '--object', 'people', '--batch-rows', BATCH_ROWS], { env })
        let progress = ''
        child.stderr.on('data', (chunk) => { progress += chunk })
        const probe = await createServices(database, { migrateWorkspaces: false })
        // Kill as soon as the job's first checkpoint is committed: read from the database, not
        // the child's progress lines, which on a fast machine come after the run has finished.
        const committedRows = async (): Promise<number> => {
          try {
            const [workspace] = await probe.workspaces.list()
            if (!workspace) return 0
            const job = await probe.database.workspace(workspace.id).db.selectFrom('import_jobs').select('rows_done').executeTakeFirst()
            return Number(job?.rows_done ?? 0)
          } catch {
            return 0 // the workspace or its job is not there yet
          }
        }
        const deadline = Date.now() + 60_000
        let atKill = 0
        while ((atKill = await committedRows()) === 0 && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2))
        child.kill('SIGKILL')
        await new Promise((r) => child.once('exit', r))
        assert.ok(atKill > 0, `a checkpoint was committed before the kill (child said: ${progress})`)

        // Fresh services: the probe may have cached the workspace while the child was still creating it.
        const services = await createServices(database, { migrateWorkspaces: false })

        const [workspace] = await services.workspaces.list()
        const ctx = await services.workspaces.recordContext(workspace, 'test')
        const job = await ctx.ws.db.selectFrom('import_jobs').select(['status', 'rows_done']).executeTakeFirstOrThrow()
        assert.equal(job.status, 'running', 'the killed job was left running')
        assert.ok(Number(job.rows_done) < ROWS, `killed mid-run at ${job.rows_done}`)

        const resumed = spawnSync(process.execPath, [BIN, 'import', '--resume-interrupted'], { env, encoding: 'utf8', timeout: 120_000 })
        assert.equal(resumed.status, 0, resumed.stderr)
        assert.match(resumed.stdout, new RegExp(`completed: created ${ROWS}, updated 0, skipped 0, failed 0`))

        const table = ctx.metadata.objects.get('people')!.tableName
        const emailColumn = ctx.metadata.objects.get('people')!.fieldsByName.get('email')!.columnName!
        const rows = await sql<{ email: string }>`select ${sql.ref(emailColumn)} as email from ${sql.table(table)} where deleted_at is null`.execute(ctx.ws.db)
        const emails = rows.rows.map((r) => r.email)
        assert.equal(emails.length, ROWS, 'no row missing, none twice')
        assert.equal(new Set(emails).size, ROWS)
        assert.deepEqual([...emails].sort(), lines.map((l) => l.split(',')[2]).sort())
      } finally {
        await cleanup()
      }
    })
  })
}
