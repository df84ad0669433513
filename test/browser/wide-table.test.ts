/**
 * An object with 60 fields in a real Chromium: the table renders only the columns in view
 * (useVirtualColumns), scrolling sideways brings the far columns in and keeps cells under
 * their headers, and the same holds right to left in Persian. Screenshot:
 * test-results/screenshots/wide-table-*.png.
 */
import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, describe } from 'node:test'
import type { Page } from 'playwright-core'
import { apiCall, documentDirIs, launchChromium, saveScreenshot, SCREENSHOTS, setUpOverApi, startServer, stepper, submitSignIn, type RunningServer } from './support.js'

const ADMIN = { workspaceName: 'Wide test', name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery staple' }
const FIELDS = 60
const label = (i: number) => `Measure ${String(i).padStart(2, '0')}`

interface PageGlobals { document: { querySelector(s: string): { scrollLeft: number; scrollWidth: number } | null } }

describe('a 60-column table in Chromium', { timeout: 10 * 60_000 }, () => {
  let server: RunningServer
  let browser: Awaited<ReturnType<typeof launchChromium>>
  let page: Page
  const problems: string[] = []
  const screenshot = (name: string) => saveScreenshot(page, path.join(SCREENSHOTS, name))
  const step = stepper((slug) => screenshot(`wide-table-failed-${slug}.png`))
  const headers = async () => page.getByRole('columnheader').allTextContents()
  /** Scrolls the table region to its far end (negative scrollLeft in a right-to-left page). */
  const scrollToEnd = (rtl: boolean) => page.evaluate((toLeft) => {
    const scroller = (globalThis as unknown as PageGlobals).document.querySelector('.record-scroller')!
    scroller.scrollLeft = toLeft ? -scroller.scrollWidth : scroller.scrollWidth
  }, rtl)

  /** The last measure's header and the first row's cell in the same column (by aria-colindex). */
  const lastColumn = async () => {
    const headerCell = page.getByRole('columnheader', { name: label(FIELDS - 1) })
    const index = await headerCell.getAttribute('aria-colindex')
    const cellLocator = page.getByRole('row').nth(1).locator(`[role=cell][aria-colindex="${index}"]`)
    const [header, cell] = [await headerCell.boundingBox(), await cellLocator.boundingBox()]
    assert.ok(header && cell, 'both on the page')
    return { header, cell, text: (await cellLocator.textContent())?.trim() ?? '' }
  }

  before(async () => {
    server = await startServer()
    await setUpOverApi(server, ADMIN)
    await apiCall(server, 'POST', '/api/v1/metadata/objects', {
      apiName: 'surveys', labelSingular: 'Survey', labelPlural: 'Surveys', labelField: 'name',
      fields: [{ apiName: 'name', label: 'Name', type: 'text' }, ...Array.from({ length: FIELDS }, (_, i) => ({ apiName: `m${i}`, label: label(i), type: 'number' }))],
    })
    await apiCall(server, 'POST', '/api/v1/records/surveys/batch', {
      operations: Array.from({ length: 30 }, (_, r) => ({ op: 'create', data: { name: `Survey ${r}`, ...Object.fromEntries(Array.from({ length: FIELDS }, (_, i) => [`m${i}`, r * 1000 + i])) } })),
    })
    browser = await launchChromium()
    page = browser.context.pages()[0] ?? (await browser.context.newPage())
    page.setDefaultTimeout(20_000)
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    await page.goto(`${server.url}/sign-in`)
    await submitSignIn(page, ADMIN.email, ADMIN.password)
    await page.getByRole('link', { name: 'Surveys' }).waitFor()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
    assert.deepEqual(problems, [])
  })

  step('only the columns in view are in the page', async () => {
    await page.goto(`${server.url}/records/surveys`)
    await page.getByRole('columnheader', { name: label(0) }).waitFor()
    const shown = await headers()
    assert.ok(shown.length < 20, `${shown.length} column headers rendered of ${FIELDS + 2}`)
    assert.ok(!shown.includes(label(FIELDS - 1)), 'the last column is not rendered yet')
    assert.equal(await page.getByRole('table').getAttribute('aria-colcount'), String(FIELDS + 3), 'name + 60 measures + created + checkbox')
    const cells = await page.getByRole('row').nth(1).getByRole('cell').count()
    assert.ok(cells < 20, `${cells} cells in a row`)
  })

  step('scrolling sideways brings the far columns in, under their headers', async () => {
    await scrollToEnd(false)
    await page.getByRole('columnheader', { name: label(FIELDS - 1) }).waitFor()
    assert.ok(!(await headers()).includes(label(0)), 'the first measure left the page')
    const { header, cell, text } = await lastColumn()
    assert.match(text, /59$/, `the last measure's value (row × 1000 + 59): ${text}`)
    assert.ok(Math.abs(header.x - cell.x) < 2, `header x ${header.x}, cell x ${cell.x}`)
    await screenshot('wide-table-en-1280.png')
  })

  step('right to left, the far columns come in from the left', async () => {
    await page.getByLabel('Language').selectOption('fa')
    await page.waitForFunction(documentDirIs, 'rtl')
    await page.goto(`${server.url}/records/surveys`)
    await page.getByRole('columnheader', { name: label(0) }).waitFor()
    assert.ok(!(await headers()).includes(label(FIELDS - 1)))
    await scrollToEnd(true)
    await page.getByRole('columnheader', { name: label(FIELDS - 1) }).waitFor()
    const { header, cell, text } = await lastColumn()
    assert.match(text, /۵۹$/, `Persian digits: ${text}`)
    assert.ok(Math.abs(header.x + header.width - (cell.x + cell.width)) < 2, `header ${JSON.stringify(header)}, cell ${JSON.stringify(cell)}`)
    await screenshot('wide-table-fa-1280.png')
    await page.getByLabel('زبان').selectOption('en')
  })
})
