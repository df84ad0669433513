/**
 * Vite strips types without checking them, so the web app's TypeScript is checked here
 * (web/tsconfig.json, no output). A type error in web/ fails `npm test`, not a user's screen.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { test } from 'node:test'
import { ROOT } from './support.js'

const TYPE_CHECK_TIMEOUT_MS = 180_000

test('web/ type-checks', { timeout: TYPE_CHECK_TIMEOUT_MS }, () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  const result = spawnSync(process.execPath, [tsc, '-p', 'web/tsconfig.json', '--noEmit', '--pretty', 'false'], {
    cwd: ROOT, encoding: 'utf8', timeout: TYPE_CHECK_TIMEOUT_MS,
  })
  assert.equal(result.status, 0, `tsc -p web/tsconfig.json:\n${result.stdout}${result.stderr}`)
})
