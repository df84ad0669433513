/**
 * Real-browser test helpers: Debian's Chromium (scripts/ensure-chromium.mjs) driven by
 * playwright-core, and a real `bin/rapport serve` on 127.0.0.1 with a throwaway SQLite data
 * directory. Both are stopped by the returned close(); the server also dies with this process
 * (setpriv --pdeathsig) if the test runner is killed.
 */
import assert from 'node:assert/strict'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, test } from 'node:test'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** DESIGN.md, "Real components in tests": these flags, a fresh profile, nothing else. */
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]
const SERVER_START_TIMEOUT_MS = 60_000
const SERVER_STOP_TIMEOUT_MS = 5_000
/** Installing Chromium with apt on a fresh machine takes about half a minute; allow for a slow mirror. */
const CHROMIUM_INSTALL_TIMEOUT_MS = 10 * 60_000

/** The Chromium to drive: /usr/bin/chromium, installed with apt-get when missing. */
export function chromiumPath(): string {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/ensure-chromium.mjs')], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: CHROMIUM_INSTALL_TIMEOUT_MS,
  })
  const found = result.stdout?.trim()
  if (result.status !== 0 || !found) throw new Error(`no Chromium: scripts/ensure-chromium.mjs exited with ${result.status ?? result.signal} (its reason is printed above)`)
  return found
}

export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const executablePath = chromiumPath()
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-chromium-'))
  // A persistent context is how Playwright takes --user-data-dir: here a fresh, empty one.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 800 }, locale: 'en-US',
  })
  return {
    context,
    async close() {
      await context.close().catch(() => {})
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}

function setprivPath(): string | undefined {
  if (process.platform !== 'linux') return undefined
  return ['/usr/bin/setpriv', '/bin/setpriv'].find((candidate) => fs.existsSync(candidate))
}

export interface RunningServer {
  url: string
  /** The API key `serve` prints on first start (workspace administrator). */
  apiKey: string
  /** The server's SQLite data directory, for a CLI command against the same database (e.g. `seed --demo`). */
  dataDir: string
  close(): Promise<void>
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

/**
 * Starts `node bin/rapport serve` on a free port with its own data directory. SQLite always,
 * even when the suite runs with a PostgreSQL (the browser tests are about the web app).
 * `options.env` adds settings, e.g. RAPPORT_SMTP_URL pointing at a test's mailbox.
 */
export async function startServer(options: { env?: NodeJS.ProcessEnv } = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-browser-'))
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', RAPPORT_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }
  for (const name of ['DATABASE_URL', 'RAPPORT_TEST_PG_URL', 'RAPPORT_PUBLIC_URL', 'RAPPORT_SMTP_URL']) delete env[name]
  // A test's own settings (an SMTP server of its own, say) go on top.
  Object.assign(env, options.env)
  const command = [process.execPath, path.join(ROOT, 'bin/rapport'), 'serve']
  const setpriv = setprivPath()
  const [file, ...args] = setpriv ? [setpriv, '--pdeathsig', 'SIGTERM', '--', ...command] : command
  const child = spawn(file, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      if (!(await waitForExit(child, SERVER_STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL')
        await waitForExit(child, SERVER_STOP_TIMEOUT_MS)
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    const started = await new Promise<{ url: string; apiKey: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start in ${SERVER_START_TIMEOUT_MS} ms:\n${output}`)), SERVER_START_TIMEOUT_MS)
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8')
        const url = /Rapport is running at (http:\/\/\S+)/.exec(output)?.[1]
        const apiKey = /\b(rpk_\S+)/.exec(output)?.[1]
        if (url && apiKey) {
          clearTimeout(timer)
          resolve({ url, apiKey })
        }
      }
      child.stdout!.on('data', onData)
      child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString('utf8') })
      child.once('exit', (code, signal) => {
        clearTimeout(timer)
        reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${output}`))
      })
    })
    return { ...started, dataDir, close }
  } catch (error) {
    await close()
    throw error
  }
}

/** JSON request with the API key; throws with the problem's detail on failure. */
export async function apiCall<T = unknown>(server: RunningServer, method: string, pathname: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${server.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${pathname} → ${response.status}: ${text}`)
  return (text ? JSON.parse(text) : undefined) as T
}

/** Where screenshots go (looked at by people, not compared by the tests). */
export function screenshotDir(): string {
  const dir = process.env.RAPPORT_SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'rapport-screenshots')
  fs.mkdirSync(dir, { recursive: true })
  return dir
}

/** test-results/screenshots (git-ignored): the pictures a person looks at after a run. */
export const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots')

/** Saves a screenshot of `page` to `file` and prints where, so a reviewer finds it in the log. */
export async function saveScreenshot(page: Page, file: string, options: { fullPage?: boolean } = {}): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  await page.screenshot({ path: file, fullPage: options.fullPage })
  process.stdout.write(`# screenshot: ${file}\n`)
}

/** How long a step may wait for the page: long enough for a slow, shared test machine. */
const PAGE_TIMEOUT_MS = 20_000

export interface BrowserPage {
  context: BrowserContext
  page: Page
  close(): Promise<void>
}

/**
 * A fresh Chromium (launchChromium) and its first page. Script errors on the page go into
 * `problems`, and with `consoleErrors` also console errors, so that a test can assert at the end
 * that there were none. "Failed to load resource" is left out: the app's first GET /auth/me
 * answers 401 before anyone signs in, which is expected, not a fault.
 */
export async function openBrowserPage(problems: string[], options: { consoleErrors?: boolean } = {}): Promise<BrowserPage> {
  const browser = await launchChromium()
  const page = browser.context.pages()[0] ?? (await browser.context.newPage())
  page.setDefaultTimeout(PAGE_TIMEOUT_MS)
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  if (options.consoleErrors) {
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`)
    })
  }
  return { context: browser.context, page, close: browser.close }
}

/**
 * Registers a suite's before/after hooks: a fresh server and a Chromium page whose script and
 * console errors go into `problems`; `ready` receives them once started, and both are closed
 * after the suite.
 */
export function serverAndPageHooks(problems: string[], ready: (server: RunningServer, browser: BrowserPage) => void | Promise<void>): void {
  let server: RunningServer | undefined
  let browser: BrowserPage | undefined
  before(async () => {
    server = await startServer()
    browser = await openBrowserPage(problems, { consoleErrors: true })
    await ready(server, browser)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })
}

/**
 * `step(name, body)` declares a test that is one step of a single person's session: once a step
 * fails the later ones are skipped (they would only time out), and the failing step calls
 * `onFailure` with a file-name-safe slug of its name, to save a screenshot of what it saw.
 */
export function stepper(onFailure: (slug: string) => Promise<unknown>): (name: string, body: () => Promise<void>) => void {
  let broken: string | undefined
  return (name, body) => test(name, async (t) => {
    if (broken) return t.skip(`"${broken}" failed`)
    try {
      await body()
    } catch (error) {
      broken = name
      await onFailure(name.replace(/\W+/g, '-').slice(0, 40)).catch(() => {})
      throw error
    }
  })
}

/** The first administrator and their workspace, as POST /api/v1/auth/setup takes them. */
export interface Admin { workspaceName: string; name: string; email: string; password: string }

/** First-run setup over the API, for tests whose subject is not the setup screen. */
export async function setUpOverApi(server: RunningServer, admin: Admin): Promise<void> {
  const response = await fetch(`${server.url}/api/v1/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) })
  if (response.status !== 201) throw new Error(`POST /api/v1/auth/setup → ${response.status}: ${await response.text()}`)
}

/**
 * A member joins by invitation, through the API: the administrator invites them with `roleId`,
 * and the link from the mail (`linkTo`, test/browser/mailbox.ts) is accepted with their name and
 * password. Answers the accept response (its cookie and csrfToken sign the member in).
 */
export async function joinByInvitation(
  server: RunningServer, mailbox: { linkTo(to: string, pathname: string): Promise<URL> },
  member: { name: string; email: string; password: string }, roleId: string,
): Promise<Response> {
  await apiCall(server, 'POST', '/api/v1/access/invitations', { email: member.email, roleId })
  const link = await mailbox.linkTo(member.email, '/accept-invite')
  const accepted = await fetch(`${server.url}/api/v1/auth/invitations/accept`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link.searchParams.get('token'), name: member.name, password: member.password }),
  })
  if (accepted.status !== 200) throw new Error(`accepting the invitation → ${accepted.status}: ${await accepted.text()}`)
  return accepted
}

/** Fills in the setup screen (already open) and submits it; the caller waits for what it expects next. */
export async function submitSetupForm(page: Page, admin: Admin): Promise<void> {
  await page.getByLabel('Workspace name').fill(admin.workspaceName)
  await page.getByLabel('Your name').fill(admin.name)
  await page.getByLabel('Email').fill(admin.email)
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(admin.password)
  await page.getByRole('button', { name: 'Create workspace' }).click()
}

/** Fills in the sign-in screen (already open) and submits it; the caller waits for what it expects next. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email)
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** What page.evaluate / waitForFunction bodies below read in the browser (no DOM types here). */
interface PageGlobals {
  document: { documentElement: { dir: string; scrollWidth: number } }
  innerWidth: number
}

/** For page.waitForFunction(documentDirIs, 'rtl'): runs in the page, so it must stand alone. */
export const documentDirIs = (dir: string) => (globalThis as unknown as PageGlobals).document.documentElement.dir === dir

/** For page.evaluate: how many pixels the page is wider than the window (0 or less: no sideways scroll). */
export const horizontalOverflow = () => {
  const g = globalThis as unknown as PageGlobals
  return g.document.documentElement.scrollWidth - g.innerWidth
}

/** Polls `read` until `check` accepts its value (the UI saves asynchronously); fails with the last value. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, ms = 10_000): Promise<T> {
  const until = Date.now() + ms
  let last: T
  do {
    last = await read()
    if (check(last)) return last
    await new Promise((resolve) => setTimeout(resolve, 100))
  } while (Date.now() < until)
  assert.fail(`${what}: last value ${JSON.stringify(last)}`)
}
