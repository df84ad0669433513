// Prints the path of a Chromium for the browser tests, installing Debian's package if needed.
//
//   node scripts/ensure-chromium.mjs        # prints /usr/bin/chromium (exit 0) or why not (exit 1)
//   import { ensureChromium } from './ensure-chromium.mjs'
//
// Playwright's own browser download does not work here (DESIGN.md, "Real components in
// tests"), so the tests drive Debian's chromium through playwright-core. Installing needs
// root and apt; when that fails the reason is printed and the exit code is non-zero.
// RAPPORT_CHROMIUM=/path/to/chrome overrides the lookup.

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser']

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

function findChromium() {
  const override = process.env.RAPPORT_CHROMIUM
  if (override) return isExecutable(override) ? override : undefined
  return CANDIDATES.find(isExecutable)
}

function run(command, args) {
  process.stderr.write(`[ensure-chromium] ${command} ${args.join(' ')}\n`)
  const result = spawnSync(command, args, {
    // apt's progress goes to our stderr: stdout carries only the path callers read.
    stdio: ['ignore', process.stderr.fd, 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`)
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`)
}

/** The path of a Chromium executable; installs Debian's `chromium` with apt-get when absent. */
export function ensureChromium() {
  const found = findChromium()
  if (found) return found
  if (process.env.RAPPORT_CHROMIUM) throw new Error(`RAPPORT_CHROMIUM=${process.env.RAPPORT_CHROMIUM} is not an executable file`)
  if (process.platform !== 'linux') throw new Error('no Chromium at /usr/bin/chromium; install one and set RAPPORT_CHROMIUM')
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error('no Chromium at /usr/bin/chromium and not root: run `sudo apt-get install -y chromium` or set RAPPORT_CHROMIUM')
  }
  const started = Date.now()
  run('apt-get', ['update'])
  run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'])
  const installed = findChromium()
  if (!installed) throw new Error('apt-get installed chromium but /usr/bin/chromium is still missing')
  process.stderr.write(`[ensure-chromium] installed ${installed} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
  return installed
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(`${ensureChromium()}\n`)
  } catch (error) {
    process.stderr.write(`[ensure-chromium] ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  }
}
