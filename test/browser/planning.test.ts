/**
 * The planning screens under /analytics in Chromium: an administrator adds a quota from the
 * screen and sees its attainment against a won deal (then edits the amount and sees it change),
 * edits the RFM recompute schedule and runs it now, and reads client profitability equal to the
 * API's figures; the same screens in Persian (RTL) and at 375 px without sideways scrolling.
 * Screenshots: test-results/screenshots/planning-<locale>-<width>-<screen>.png.
 */
import { after, before, describe } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { RFM_SEGMENTS } from '../../server/src/engine/rfm.js'
import {
  SCREENSHOTS, apiCall, documentDirIs, horizontalOverflow, openBrowserPage, saveScreenshot, setUpOverApi, startServer, stepper, submitSignIn,
  type BrowserPage, type RunningServer,
} from './support.js'

const ADMIN = { workspaceName: 'Planning Co', name: 'Pat Planner', email: 'pat@planning.example', password: 'correct horse battery staple' }
const today = new Date().toISOString().slice(0, 10)
const quarter = `Q${Math.floor(new Date().getUTCMonth() / 3) + 1} ${new Date().getUTCFullYear()}`
type Data<T> = { data: T }

describe('planning screens', () => {
  let server: RunningServer
  let browser: BrowserPage
  let page: Page
  const problems: string[] = []
  const shot = (name: string) => saveScreenshot(page, path.join(SCREENSHOTS, `planning-${name}.png`), { fullPage: true })
  const step = stepper((slug) => shot(`failed-${slug}`))
  const open = async (tab: string) => {
    await page.goto(`${server.url}/analytics/${tab}`)
    await page.getByRole('tab', { selected: true }).waitFor()
  }

  before(async () => {
    server = await startServer()
    await setUpOverApi(server, ADMIN)
    await apiCall(server, 'PATCH', '/api/v1/workspace', { defaultCurrency: 'EUR' })
    await apiCall(server, 'POST', '/api/v1/metadata/objects/people/fields', {
      apiName: 'rfmSegment', label: 'RFM segment', type: 'select', options: { choices: RFM_SEGMENTS.map((value) => ({ value, label: value })) },
    })
    // One customer with one paid order (2 × 150.00), and one won deal of 400.00 closing today.
    const person = await apiCall<Data<{ id: string }>>(server, 'POST', '/api/v1/records/people', { firstName: 'Pia', lastName: 'Profit' })
    const order = await apiCall<Data<{ id: string }>>(server, 'POST', '/api/v1/records/orders', { orderNumber: 'P-1', orderDate: today, status: 'paid', customer: person.data.id })
    await apiCall(server, 'POST', '/api/v1/records/orderLines', { order: order.data.id, quantity: 2, unitPrice: { amount: '150.00', currency: 'EUR' } })
    const pipelines = await apiCall<Data<{ id: string }[]>>(server, 'POST', '/api/v1/records/pipelines/query', { limit: 1 })
    const stages = await apiCall<Data<{ id: string; outcome: string }[]>>(server, 'POST', '/api/v1/records/pipelineStages/query', { filter: { field: 'pipeline', op: 'eq', value: pipelines.data[0].id }, limit: 20 })
    const members = await apiCall<Data<{ userId: string; email: string }[]>>(server, 'GET', '/api/v1/access/members')
    const pat = members.data.find((m) => m.email === ADMIN.email)!
    await apiCall(server, 'POST', '/api/v1/records/opportunities', {
      name: 'Won deal', pipeline: pipelines.data[0].id, stage: stages.data.find((s) => s.outcome === 'won')!.id, amount: { amount: '400.00', currency: 'EUR' }, closeDate: today, ownerId: pat.userId,
    })
    browser = await openBrowserPage(problems, { consoleErrors: true })
    page = browser.page
    await page.setViewportSize({ width: 1280, height: 900 })
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  step('add a quota from the screen and see its attainment; edit the amount', async () => {
    await page.goto(`${server.url}/sign-in`)
    await submitSignIn(page, ADMIN.email, ADMIN.password)
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
    await open('quotas')
    const form = page.getByRole('form', { name: 'Add a quota' })
    await form.locator('input').and(form.getByLabel(/^Owner/)).click()
    await page.getByRole('option', { name: ADMIN.name }).click()
    await form.getByLabel(/^Amount/).fill('1000.00')
    assert.equal(await form.getByLabel(/^Currency/).inputValue(), 'EUR', 'the workspace currency')
    await form.getByRole('button', { name: 'Add quota' }).click()
    await page.getByTestId('quota-list').locator('tbody tr').filter({ hasText: ADMIN.name }).filter({ hasText: quarter }).filter({ hasText: '€1,000.00' }).waitFor()
    const attainment = page.getByTestId('attainment').locator('tbody tr').filter({ hasText: quarter }).filter({ hasText: ADMIN.name })
    await attainment.filter({ hasText: '€1,000.00' }).filter({ hasText: '€400.00' }).filter({ hasText: '40%' }).waitFor()
    const api = await apiCall<Data<{ quota: string; won: string; attainment: number }[]>>(server, 'GET', '/api/v1/analytics/quotas/attainment?period=quarter')
    assert.deepEqual(api.data.map((r) => [r.quota, r.won, r.attainment]), [['1000.00', '400.00', 0.4]])
    await shot('en-1280-quotas')

    await page.getByRole('button', { name: /^Edit quota of/ }).click()
    await page.getByRole('textbox', { name: /^New amount for/ }).fill('800')
    await page.getByRole('button', { name: 'Save' }).click()
    await attainment.filter({ hasText: '€800.00' }).filter({ hasText: '50%' }).waitFor()

    // A refused write names its field under the input (the owner stays chosen).
    await form.getByLabel(/^Period/).fill('2026-13')
    await form.getByLabel(/^Amount/).fill('5')
    await form.getByRole('button', { name: 'Add quota' }).click()
    await page.getByText('must be a month YYYY-MM or a quarter YYYY-Qn').first().waitFor()
    const quotas = await apiCall<Data<unknown[]>>(server, 'GET', '/api/v1/analytics/quotas')
    assert.equal(quotas.data.length, 1, 'nothing written')
  })

  step('edit the RFM schedule, then run it now', async () => {
    await open('schedules')
    await page.getByText('No schedule yet').waitFor()
    await page.getByLabel(/^Time of day/).fill('04:30')
    await page.getByLabel(/^Time zone/).fill('Europe/Vilnius')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Schedule saved.').waitFor()
    const saved = await apiCall<Data<{ time: string; timeZone: string; field: string; enabled: boolean; nextRunAt: string }>>(server, 'GET', '/api/v1/analytics/rfm/schedule')
    assert.deepEqual([saved.data.time, saved.data.timeZone, saved.data.field, saved.data.enabled], ['04:30', 'Europe/Vilnius', 'rfmSegment', true])
    assert.equal(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Vilnius', hour: '2-digit', minute: '2-digit' }).format(new Date(saved.data.nextRunAt)), '04:30')
    await page.getByTestId('schedule-runs').getByText('never').waitFor()

    await page.getByRole('button', { name: 'Run now' }).click()
    await page.getByTestId('schedule-runs').getByText('1 record updated.').waitFor()
    const ran = await apiCall<Data<{ lastRunAt: string | null; lastResult: { updated: number } | null }>>(server, 'GET', '/api/v1/analytics/rfm/schedule')
    assert.equal(ran.data.lastResult?.updated, 1)
    assert.ok(ran.data.lastRunAt)
    const people = await apiCall<Data<{ rfmSegment: string | null }[]>>(server, 'POST', '/api/v1/records/people/query', { fields: ['rfmSegment'] })
    assert.ok(people.data.some((p) => RFM_SEGMENTS.includes(p.rfmSegment as never)), 'the segment is written')
    await shot('en-1280-schedules')
  })

  step('client profitability equals the API', async () => {
    await open('profitability')
    const { data } = await apiCall<Data<{ totals: { revenue: string; customers: number }; rows: { revenue: string; serviceLoad: number }[] }>>(server, 'GET', '/api/v1/analytics/profitability?object=people&order=margin&limit=100&from=' + new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10))
    assert.equal(data.totals.revenue, '300.00')
    await page.getByTestId('profitability-totals').getByText('€300.00').first().waitFor()
    const row = page.getByTestId('profitability').locator('tbody tr').filter({ hasText: 'Pia' })
    await row.filter({ hasText: '€300.00' }).waitFor()
    await shot('en-1280-profitability')
  })

  step('Persian (RTL) and 375 px: no sideways scrolling', async () => {
    await open('schedules')
    await page.getByLabel('Language').selectOption('fa')
    await page.waitForFunction(documentDirIs, 'rtl')
    await page.getByRole('tab', { name: 'زمان‌بندی‌ها' }).waitFor()
    await page.getByRole('button', { name: 'اکنون اجرا کن' }).waitFor()
    await shot('fa-1280-schedules')
    await open('quotas')
    await page.getByTestId('quota-list').waitFor()
    await shot('fa-1280-quotas')
    await page.setViewportSize({ width: 375, height: 800 })
    for (const tab of ['quotas', 'schedules', 'profitability']) {
      await open(tab)
      await page.locator('.analysis-page').waitFor()
      await page.waitForTimeout(300)
      assert.ok((await page.evaluate(horizontalOverflow)) <= 0, `${tab} scrolls sideways at 375 px (fa)`)
      await shot(`fa-375-${tab}`)
    }
    await page.getByLabel('زبان').selectOption('en')
    await page.waitForFunction(documentDirIs, 'ltr')
    for (const tab of ['quotas', 'schedules']) {
      await open(tab)
      await page.locator('.analysis-page').waitFor()
      await page.waitForTimeout(300)
      assert.ok((await page.evaluate(horizontalOverflow)) <= 0, `${tab} scrolls sideways at 375 px (en)`)
      await shot(`en-375-${tab}`)
    }
    assert.deepEqual(problems.filter((p) => !p.includes('must be a month')), [])
  })
})
