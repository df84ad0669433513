/**
 * The /analytics screens in Chromium on seeded demo data (`bin/rapport seed --demo`): every panel
 * shows the figures the API answers for the same question (the Pareto share text, RFM counts,
 * the backtest MAPE, a quota, the chosen k, a rule's lift), the ABC write-back runs from the
 * screen, and the page works in Persian (RTL, Persian digits) and at 375 px without sideways
 * scrolling. Screenshots go to test-results/screenshots/analysis-<locale>-<width>[-tab].png.
 */
import { after, before, describe } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import type { Page } from 'playwright-core'
import {
  ROOT, SCREENSHOTS, apiCall, documentDirIs, horizontalOverflow, openBrowserPage, saveScreenshot, setUpOverApi, startServer, stepper, submitSignIn,
  type BrowserPage, type RunningServer,
} from './support.js'

const ADMIN = { workspaceName: 'Analysis Co', name: 'Ada Admin', email: 'ada@analysis.example', password: 'correct horse battery staple' }
const percent = (language: string, share: number) => new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(share)
const integer = (language: string, n: number) => new Intl.NumberFormat(language).format(n)

describe('analysis screens', () => {
  let server: RunningServer
  let browser: BrowserPage
  let page: Page
  const problems: string[] = []
  const shot = (name: string) => saveScreenshot(page, path.join(SCREENSHOTS, `analysis-${name}.png`), { fullPage: true })
  const step = stepper((slug) => shot(`failed-${slug}`))

  before(async () => {
    server = await startServer()
    await setUpOverApi(server, ADMIN)
    const seeded = spawnSync(process.execPath, [path.join(ROOT, 'bin/rapport'), 'seed', '--demo', '--people', '400'], {
      cwd: ROOT, env: { ...process.env, RAPPORT_DATA_DIR: server.dataDir, DATABASE_URL: '' }, encoding: 'utf8',
    })
    assert.equal(seeded.status, 0, seeded.stderr)
    await apiCall(server, 'POST', '/api/v1/metadata/objects/people/fields', {
      apiName: 'abcClass', label: 'ABC class', type: 'select', options: { choices: ['A', 'B', 'C'].map((value) => ({ value, label: value })) },
    })
    browser = await openBrowserPage(problems, { consoleErrors: true })
    page = browser.page
    await page.setViewportSize({ width: 1280, height: 900 })
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  const open = async (tab: string) => {
    await page.goto(`${server.url}/analytics/${tab}`)
    await page.getByRole('tab', { selected: true }).waitFor()
  }

  step('sign in and open Pareto: the 80% share text equals the API figure', async () => {
    await page.goto(`${server.url}/sign-in`)
    await submitSignIn(page, ADMIN.email, ADMIN.password)
    await page.getByRole('link', { name: 'Analytics' }).click()
    await page.waitForURL(/\/analytics$/)
    const { data } = await apiCall<{ data: { customersFor80Percent: number; shareOfCustomersFor80Percent: number; classes: Record<string, { count: number }> } }>(server, 'GET', '/api/v1/analytics/pareto?object=people&measure=revenue')
    const expected = `${integer('en', data.customersFor80Percent)} customers (${percent('en', data.shareOfCustomersFor80Percent)} of all) make 80% of the total.`
    await page.getByTestId('pareto-share').filter({ hasText: expected }).waitFor()
    const classCells = await page.getByTestId('abc-classes').locator('tbody tr td:nth-child(2)').allTextContents()
    assert.deepEqual(classCells, ['A', 'B', 'C'].map((c) => integer('en', data.classes[c].count)))
    await page.getByRole('img', { name: /Pareto curve/ }).locator('canvas').first().waitFor()
    await shot('en-1280-pareto')
  })

  step('write ABC classes from the screen', async () => {
    await page.getByLabel('Field to write to').fill('abcClass')
    await page.getByRole('button', { name: 'Write classes' }).click()
    await page.getByRole('status').filter({ hasText: /400 records updated\./ }).waitFor()
    const people = await apiCall<{ data: { abcClass: string | null }[] }>(server, 'POST', '/api/v1/records/people/query', { filter: { field: 'abcClass', op: 'eq', value: 'A' }, limit: 500, fields: ['abcClass'] })
    const { data } = await apiCall<{ data: { classes: { A: { count: number } } } }>(server, 'GET', '/api/v1/analytics/pareto?object=people&measure=revenue')
    assert.equal(people.data.length, data.classes.A.count)
  })

  step('RFM: segment counts equal the API', async () => {
    await open('rfm')
    const { data } = await apiCall<{ data: { segments: { name: string; count: number }[] } }>(server, 'GET', '/api/v1/analytics/rfm?object=people')
    const rows = page.getByTestId('rfm-segments').locator('tbody tr')
    await rows.first().waitFor()
    assert.deepEqual(await rows.locator('td:nth-child(2)').allTextContents(), data.segments.map((s) => integer('en', s.count)))
    assert.equal(await rows.first().locator('td').first().textContent(), 'Champions')
    await shot('en-1280-rfm')
  })

  step('cohorts heatmap draws', async () => {
    await open('cohorts')
    await page.getByRole('img', { name: 'Cohort retention heatmap' }).locator('canvas').first().waitFor()
    await shot('en-1280-cohorts')
  })

  step('forecast: the backtest MAPE beside seasonal naive equals the API', async () => {
    await open('forecast')
    const { data } = await apiCall<{ data: { backtest: { mape: number; naiveMape: number; origins: number }; forecast: unknown[] } }>(server, 'GET', '/api/v1/analytics/revenue-forecast?horizon=12')
    const expected = `Backtest error (MAPE) ${percent('en', data.backtest.mape)} over ${data.backtest.origins} months; seasonal naive ${percent('en', data.backtest.naiveMape)}.`
    await page.getByTestId('forecast-mape').filter({ hasText: expected }).waitFor()
    assert.equal(await page.getByTestId('forecast-table').locator('tbody tr').count(), data.forecast.length)
    await shot('en-1280-forecast')
  })

  step('quotas: a quota set over the API shows with its attainment', async () => {
    const members = await apiCall<{ data: { userId: string; email: string }[] }>(server, 'GET', '/api/v1/access/members')
    const ada = members.data.find((m) => m.email === ADMIN.email)!
    await apiCall(server, 'POST', '/api/v1/analytics/quotas', { ownerId: ada.userId, period: '2026-Q4', amount: '125000.50', currency: 'EUR' })
    await open('quotas')
    const row = page.getByTestId('attainment').locator('tbody tr').filter({ hasText: 'Q4 2026' }).filter({ hasText: 'Ada Admin' })
    await row.filter({ hasText: '€125,000.50' }).waitFor()
    await shot('en-1280-quotas')
  })

  step('clusters: the chosen k and customer count equal the API', async () => {
    await open('clusters')
    const { data } = await apiCall<{ data: { k: number; customers: number; silhouette: number } }>(server, 'POST', '/api/v1/analytics/clusters', {
      object: 'people', features: ['recencyDays', 'frequency', 'monetary'], seed: 1,
    })
    const expected = `${data.k} clusters chosen by silhouette (${new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(data.silhouette)}) for ${integer('en', data.customers)} customers.`
    await page.getByTestId('clusters-summary').filter({ hasText: expected }).waitFor()
    assert.equal(await page.getByTestId('cluster-profiles').locator('tbody tr').count(), data.k)
    await shot('en-1280-clusters')
  })

  step('cross-sell rules table equals the API', async () => {
    await open('crossSell')
    const { data } = await apiCall<{ data: { rules: { lift: number }[] } }>(server, 'GET', '/api/v1/analytics/cross-sell/rules?limit=50')
    if (data.rules.length === 0) {
      await page.getByText('No data for this analysis yet.').waitFor()
    } else {
      await page.getByTestId('rules').locator('tbody tr').first().waitFor()
      assert.equal(await page.getByTestId('rules').locator('tbody tr').count(), data.rules.length)
      assert.equal(await page.getByTestId('rules').locator('tbody tr').first().locator('td').nth(4).textContent(), new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(data.rules[0].lift))
    }
    await shot('en-1280-crosssell')
  })

  step('Persian: right-to-left, Persian digits, the same Pareto figure', async () => {
    await open('pareto')
    await page.getByLabel('Language').selectOption('fa')
    await page.waitForFunction(documentDirIs, 'rtl')
    const { data } = await apiCall<{ data: { shareOfCustomersFor80Percent: number } }>(server, 'GET', '/api/v1/analytics/pareto?object=people&measure=revenue')
    await page.getByTestId('pareto-share').filter({ hasText: percent('fa-IR', data.shareOfCustomersFor80Percent) }).waitFor()
    await page.getByRole('tab', { name: 'پیش‌بینی فروش' }).waitFor()
    assert.equal(await page.locator('.analysis-chart').first().getAttribute('data-x-direction'), 'rtl', 'the curve runs right to left')
    await shot('fa-1280-pareto')
    await open('forecast')
    await page.getByTestId('forecast-mape').waitFor()
    await shot('fa-1280-forecast')
  })

  step('375 px: no sideways scrolling on any panel', async () => {
    await page.setViewportSize({ width: 375, height: 800 })
    for (const tab of ['pareto', 'rfm', 'forecast', 'quotas', 'clusters']) {
      await open(tab)
      await page.locator('.analysis-page').waitFor()
      await page.waitForTimeout(300)
      assert.ok((await page.evaluate(horizontalOverflow)) <= 0, `${tab} scrolls sideways at 375 px`)
    }
    await open('forecast')
    await page.getByTestId('forecast-mape').waitFor()
    await shot('fa-375-forecast')
    await page.getByLabel('زبان').selectOption('en')
    await open('pareto')
    await page.getByTestId('pareto-share').waitFor()
    assert.equal(await page.locator('.analysis-chart').first().getAttribute('data-x-direction'), 'ltr')
    await shot('en-375-pareto')
    assert.deepEqual(problems, [])
  })
})
