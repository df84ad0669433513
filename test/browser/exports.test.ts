/**
 * The records toolbar's Export action in a real Chromium against a real server: the current
 * view (filter from the URL's saved view, sort, shown columns) downloads as CSV and XLSX whose
 * parsed cells are the records' values, formula text neutralised; the menu in Persian (RTL) and
 * at 375 px. Screenshots go to test-results/screenshots/exports-<locale>-<width>.png.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe } from 'node:test'
import type { Page } from 'playwright-core'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { apiCall, documentDirIs, horizontalOverflow, openBrowserPage, saveScreenshot, SCREENSHOTS, setUpOverApi, startServer, stepper, submitSignIn, type BrowserPage, type RunningServer } from './support.js'

const ADMIN = { workspaceName: 'Export test', name: 'Eva Export', email: 'eva@example.com', password: 'correct horse battery staple' }
const PEOPLE = [
  { firstName: 'Жанна', lastName: 'Alpha', email: 'zhanna@export.example' },
  { firstName: 'ژینا', lastName: 'Bravo', email: 'zhina@export.example' },
  { firstName: '=HYPERLINK("http://evil.example")', lastName: 'Charlie', email: 'evil@export.example' },
  { firstName: 'Ona', lastName: 'Outside', email: 'ona@elsewhere.example' },
]

describe('export from the records toolbar in Chromium', { timeout: 10 * 60_000 }, () => {
  let server: RunningServer
  let browser: BrowserPage
  let page: Page
  let viewId: string
  const problems: string[] = []
  const screenshot = (name: string) => saveScreenshot(page, path.join(SCREENSHOTS, name))
  const step = stepper((slug) => screenshot(`exports-failed-${slug}.png`))

  async function exportAs(label: RegExp): Promise<Buffer> {
    await page.getByRole('button', { name: /^Export People$|^خروجی گرفتن از/ }).click()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: label }).click()])
    return fs.readFileSync((await download.path())!)
  }

  before(async () => {
    server = await startServer()
    await setUpOverApi(server, ADMIN)
    await apiCall(server, 'POST', '/api/v1/records/people/batch', { operations: PEOPLE.map((data) => ({ op: 'create', data })) })
    viewId = (await apiCall<{ data: { id: string } }>(server, 'POST', '/api/v1/views', {
      object: 'people', name: 'Export example', filter: { field: 'email', op: 'contains', value: 'export.example' },
      sort: [{ field: 'lastName', dir: 'desc' }], columns: [{ field: 'lastName' }, { field: 'firstName' }], visibility: 'shared',
    })).data.id
    browser = await openBrowserPage(problems, { consoleErrors: true })
    page = browser.page
  })

  after(async () => {
    await browser?.close()
    await server?.close()
  })

  step('sign in and open a saved view of people', async () => {
    await page.goto(`${server.url}/records/people?view=${viewId}`)
    await submitSignIn(page, ADMIN.email, ADMIN.password)
    await page.getByRole('heading', { name: 'People' }).waitFor()
    await page.getByRole('status').filter({ hasText: '3 records loaded' }).waitFor()
  })

  step('CSV: the view\'s rows, sort and columns, with a BOM and the formula neutralised', async () => {
    await page.getByRole('button', { name: 'Export People' }).click()
    await page.getByRole('menuitem', { name: /CSV/ }).waitFor()
    await screenshot('exports-en-1280.png')
    await page.keyboard.press('Escape')
    const csv = await exportAs(/CSV/)
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf])
    assert.deepEqual(parse(csv, { bom: true }), [
      ['Last name', 'First name'],
      ['Charlie', `'${PEOPLE[2].firstName}`],
      ['Bravo', 'ژینا'],
      ['Alpha', 'Жанна'],
    ])
  })

  step('XLSX: the same rows as sheet cells', async () => {
    const xlsx = await exportAs(/xlsx/)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx as unknown as ArrayBuffer)
    const rows: unknown[][] = []
    book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
    assert.deepEqual(rows, [['Last name', 'First name'], ['Charlie', `'${PEOPLE[2].firstName}`], ['Bravo', 'ژینا'], ['Alpha', 'Жанна']])
  })

  step('Persian (RTL) and a 375 px phone show the action and its menu', async () => {
    await page.getByLabel('Language').selectOption('fa')
    await page.waitForFunction(documentDirIs, 'rtl')
    await page.getByRole('button', { name: /^خروجی گرفتن از/ }).click()
    await page.getByRole('menuitem', { name: /کارپوشهٔ Excel/ }).waitFor()
    await screenshot('exports-fa-1280.png')
    await page.keyboard.press('Escape')
    await page.setViewportSize({ width: 375, height: 812 })
    await page.getByRole('button', { name: /^خروجی گرفتن از/ }).click()
    await page.getByRole('menuitem', { name: /CSV/ }).waitFor()
    await page.waitForTimeout(300)
    await screenshot('exports-fa-375.png')
    assert.ok((await page.evaluate(horizontalOverflow)) <= 0, 'no sideways scroll on a phone')
    await page.keyboard.press('Escape')
    const csv = await exportAs(/CSV/)
    assert.equal(parse(csv, { bom: true }).length, 4)
    await page.getByLabel('زبان').selectOption('en')
    await page.setViewportSize({ width: 1280, height: 800 })
    assert.deepEqual(problems, [], 'no script errors in the console')
  })
})
