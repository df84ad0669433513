/**
 * The two commands a user types: `npm start` (bin/rapport serve) prints the URL and an API key
 * that works; the CLI seeds demo data and creates keys. Real processes, real sockets.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const BIN = path.resolve('bin/rapport')

function rapport(dataDir: string, args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, RAPPORT_DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8', timeout: 120_000 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

test('serve prints the URL and a working API key on first start; seed and api-key create work', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-cli-'))
  const server = spawn(process.execPath, [BIN, 'serve'], { env: { ...process.env, RAPPORT_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '' } })
  try {
    let output = ''
    server.stdout.on('data', (chunk) => { output += chunk })
    const deadline = Date.now() + 30_000
    while (!/Try: curl/.test(output) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    const url = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]
    const key = /(rpk_[a-z0-9]{8}_[A-Za-z0-9_-]{32})/.exec(output)?.[1]
    assert.ok(url && key, `output was: ${output}`)
    assert.match(output, /Create the first administrator/)
    const health = await fetch(`${url}/healthz`)
    assert.equal(health.status, 200)
    const people = await fetch(`${url}/api/v1/records/people`, { headers: { authorization: `Bearer ${key}` } })
    assert.equal(people.status, 200)
    assert.deepEqual(((await people.json()) as { data: unknown[] }).data, [])
  } finally {
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
  }
  const seeded = rapport(dataDir, ['seed', '--demo', '--people', '300', '--orders-per-person', '2'])
  assert.equal(seeded.status, 0, seeded.stderr)
  assert.match(seeded.stderr, /people: 300 in/)
  const created = rapport(dataDir, ['api-key', 'create', '--name', 'second'])
  assert.equal(created.status, 0, created.stderr)
  assert.match(created.stdout.trim(), /^rpk_[a-z0-9]{8}_[A-Za-z0-9_-]{32}$/)
  const user = rapport(dataDir, ['user', 'create', '--email', 'Boss@Example.com', '--password', 'correct horse battery', '--role', 'admin'])
  assert.equal(user.status, 0, user.stderr)
  assert.match(user.stdout, /boss@example\.com is Administrator/)
  const userKey = rapport(dataDir, ['api-key', 'create', '--name', 'boss', '--user', 'boss@example.com'])
  assert.equal(userKey.status, 0, userKey.stderr)
  const badRole = rapport(dataDir, ['user', 'create', '--email', 'x@example.com', '--password', 'correct horse battery', '--role', 'emperor'])
  assert.equal(badRole.status, 1)
  assert.match(badRole.stderr, /no role emperor/)
  const wrong = rapport(dataDir, ['frobnicate'])
  assert.equal(wrong.status, 1)
  assert.match(wrong.stderr, /unknown command/)
  fs.rmSync(dataDir, { recursive: true, force: true })
})
