/**
 * Dashboards in a real Chromium against a real server: the default Sales dashboard renders its
 * charts (canvases) and its table widget's values equal the API's, a bar drills down to the
 * records list filtered to that bar, a widget is added through the dialog, a widget's CSV is
 * downloaded and read back, and Persian lays the dashboard out right to left with Persian
 * digits; a 375 px phone stacks the widgets. Screenshots go to test-results/screenshots/.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe } from 'node:test'
import type { Page } from 'playwright-core'
import { apiCall, documentDirIs, horizontalOverflow, openBrowserPage, saveScreenshot, SCREENSHOTS, setUpOverApi, startServer, stepper, submitSignIn, type BrowserPage, type RunningServer } from './support.js'

const ADMIN = { workspaceName: 'Dashboards test', name: 'Dana Dash', email: 'dana@example.com', password: 'correct horse battery staple' }
type Data = { data: { widgetId: string; data?: any; error?: unknown }[] }
const PRODUCTS = ['Rye bread', 'Kefir', 'Cepelinai', 'Šakotis']

/** `YYYY-MM-DD` in UTC, `months` months from today's month, on `day`. */
function dayIn(months: number, day: number): string {
  const now = new Date()
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, day)).toISOString().slice(0, 10)
}

describe('dashboards in Chromium', { timeout: 15 * 60_000 }, () => {
  let server: RunningServer
  let browser: BrowserPage
  let page: Page
  let salesId: string
  const problems: string[] = []
  const screenshot = (name: string) => saveScreenshot(page, path.join(SCREENSHOTS, name))
  const step = stepper((slug) => screenshot(`dashboards-failed-${slug}.png`))
  const widget = (id: string) => page.locator(`section.dashboard-widget[data-widget="${id}"]`)
  const salesData = async () => Object.fromEntries((await apiCall<Data>(server, 'GET', `/api/v1/dashboards/${salesId}/data?timeZone=UTC`)).data.map((r) => [r.widgetId, r.data]))

  before(async () => {
    server = await startServer()
    await setUpOverApi(server, ADMIN)
    const stages = (await apiCall<{ data: { id: string; outcome: string }[] }>(server, 'GET', '/api/v1/records/pipelineStages?limit=100')).data
    const pipeline = (await apiCall<{ data: { id: string }[] }>(server, 'GET', '/api/v1/records/pipelines?limit=1')).data[0].id
    await apiCall(server, 'POST', '/api/v1/records/opportunities/batch', {
      operations: Array.from({ length: 30 }, (_, i) => ({
        op: 'create',
        data: { name: `Deal ${i + 1}`, pipeline, stage: stages[i % stages.length].id, amount: { amount: `${(i + 1) * 125}.50`, currency: 'EUR' }, closeDate: dayIn(-(i % 3), 1 + (i % 27)) },
      })),
    })
    const products = []
    for (const name of PRODUCTS) products.push((await apiCall<{ data: { id: string } }>(server, 'POST', '/api/v1/records/products', { name, price: { amount: '3.20', currency: 'EUR' } })).data.id)
    for (let i = 0; i < 12; i++) {
      const order = (await apiCall<{ data: { id: string } }>(server, 'POST', '/api/v1/records/orders', {
        orderNumber: `SO-${1000 + i}`, orderDate: dayIn(-(i % 4), 3 + i), status: 'paid', total: { amount: `${(i + 1) * 40}.00`, currency: 'EUR' },
      })).data.id
      await apiCall(server, 'POST', '/api/v1/records/orderLines', { description: 'line', order, product: products[i % PRODUCTS.length], quantity: 1 + (i % 5) })
    }
    browser = await openBrowserPage(problems, { consoleErrors: true })
    page = browser.page
  })

  after(async () => {
    await browser?.close()
    await server?.close()
  })

  step('sign in, find the default dashboards and open Sales', async () => {
    await page.goto(`${server.url}/dashboards`)
    await submitSignIn(page, ADMIN.email, ADMIN.password)
    await page.getByRole('heading', { name: 'Dashboards' }).waitFor()
    await page.getByRole('link', { name: /Service/ }).waitFor()
    await page.getByRole('link', { name: /Sales/ }).click()
    await page.waitForURL(/\/dashboards\/[^/]+$/)
    salesId = page.url().split('/').pop()!
    await page.getByRole('heading', { name: 'Sales', level: 1 }).waitFor()
  })

  step('charts render on canvases; the table and KPI show the API values', async () => {
    for (const id of ['pipeline-by-stage', 'revenue-by-month', 'funnel', 'by-owner']) await widget(id).locator('canvas').first().waitFor()
    const data = await salesData()
    const top = data['top-products']
    assert.ok(top.rows.length > 0)
    const table = widget('top-products').locator('table')
    for (const row of top.rows) {
      const line = table.locator('tbody tr').filter({ hasText: row.labels[0] })
      await line.waitFor()
      assert.equal((await line.locator('td').nth(1).textContent())?.trim(), String(row.values[1]))
    }
    const won = data['won-this-month'].kpi
    const euros = new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(won.current)
    await widget('won-this-month').getByTestId('kpi-value').filter({ hasText: euros }).waitFor()
    await widget('orders-this-month').getByTestId('kpi-value').filter({ hasText: String(data['orders-this-month'].kpi.current) }).waitFor()
    await page.waitForTimeout(300)
    await screenshot('dashboards-en-1280.png')
  })

  step('clicking a bar opens the records list filtered to that bar', async () => {
    const bars = (await salesData())['pipeline-by-stage']
    const canvas = widget('pipeline-by-stage').locator('canvas').first()
    const box = (await canvas.boundingBox())!
    // Bars stand on the axis near the bottom; walk along it until one is hit.
    for (let x = box.x + 30; x < box.x + box.width - 10 && !page.url().includes('?filter='); x += 8) {
      await page.mouse.click(x, box.y + box.height - 40)
      await page.waitForTimeout(30)
    }
    await page.waitForURL(/\/records\/opportunities\?filter=/)
    const filter = JSON.parse(new URL(page.url()).searchParams.get('filter')!)
    const bar = bars.rows.find((row: any) => JSON.stringify(row.filter) === JSON.stringify(filter))
    assert.ok(bar, `the URL's filter is one bar's: ${JSON.stringify(filter)}`)
    await page.getByTestId('drill-filter').waitFor()
    const listed = await apiCall<{ data: unknown[] }>(server, 'POST', '/api/v1/records/opportunities/query', { filter, limit: 1000, fields: ['id'] })
    const count = listed.data.length
    assert.ok(count > 0)
    await page.getByRole('status').filter({ hasText: `${count} record${count === 1 ? '' : 's'} loaded` }).waitFor()
    await page.goBack()
    await page.waitForURL(/\/dashboards\//)
  })

  step('a chart shown as a table drills down from the keyboard', async () => {
    await widget('funnel').getByRole('button', { name: /Actions for/ }).click()
    await page.getByRole('menuitem', { name: 'Show as table' }).click()
    const first = widget('funnel').locator('tbody tr').first().locator('.drill-link')
    await first.focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/records\/opportunities\?filter=/)
    const filter = JSON.parse(new URL(page.url()).searchParams.get('filter')!)
    const rows = (await salesData()).funnel.rows
    assert.deepEqual(filter, rows[0].filter, 'the first (widest) stage')
    await page.goBack()
    await page.waitForURL(/\/dashboards\//)
  })

  step('add a widget through the dialog', async () => {
    await page.getByRole('button', { name: 'Add widget' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add widget' })
    await dialog.getByLabel('Title').fill('Deals per stage')
    await dialog.getByLabel('Chart type').selectOption({ label: 'Table' })
    await dialog.getByLabel('Group by').selectOption({ label: 'Stage' })
    await dialog.getByRole('button', { name: 'Save' }).click()
    await dialog.waitFor({ state: 'detached' })
    const added = page.locator('section.dashboard-widget', { has: page.getByRole('heading', { name: 'Deals per stage' }) })
    await added.locator('tbody tr').first().waitFor()
    const stored = (await apiCall<{ data: { widgets: any[] } }>(server, 'GET', `/api/v1/dashboards/${salesId}`)).data.widgets.find((w) => w.title === 'Deals per stage')
    assert.deepEqual([stored.type, stored.object, stored.measures, stored.groupBy], ['table', 'opportunities', [{ fn: 'count' }], [{ field: 'stage' }]])
    assert.equal(await added.locator('tbody tr').count(), new Set((await salesData())[stored.id].rows.map((r: any) => r.values[0])).size)
  })

  step('export a widget as CSV', async () => {
    await widget('top-products').getByRole('button', { name: /Actions for/ }).click()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Export CSV' }).click()])
    const text = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '')
    const lines = text.trim().split('\r\n')
    assert.equal(lines[0], 'product,sum_quantity,count')
    const top = (await salesData())['top-products']
    assert.deepEqual(lines.slice(1), top.rows.map((r: any) => `${r.labels[0]},${r.values[1]},${r.values[2]}`))
  })

  step('Persian: right to left, Persian digits and titles; a phone stacks the widgets', async () => {
    await page.keyboard.press('Escape')
    await page.getByLabel('Language').selectOption('fa')
    await page.waitForFunction(documentDirIs, 'rtl')
    await page.getByRole('heading', { name: 'فروش', level: 1 }).waitFor()
    await widget('orders-this-month').getByTestId('kpi-value').getByText(/[۰-۹]/).waitFor()
    const first = (await widget('won-this-month').boundingBox())!
    const second = (await widget('win-rate').boundingBox())!
    assert.ok(first.x > second.x, 'the first widget is on the right')
    await page.waitForTimeout(300)
    await screenshot('dashboards-fa-1280.png')
    await page.setViewportSize({ width: 375, height: 812 })
    await page.waitForTimeout(500)
    const a = (await widget('won-this-month').boundingBox())!
    const b = (await widget('win-rate').boundingBox())!
    assert.ok(b.y >= a.y + a.height - 1, 'stacked')
    assert.ok((await page.evaluate(horizontalOverflow)) <= 0, 'no sideways scroll')
    await screenshot('dashboards-fa-375.png')
    await page.getByLabel('زبان').selectOption('en')
    await page.waitForFunction(documentDirIs, 'ltr')
    await page.waitForTimeout(500)
    await screenshot('dashboards-en-375.png')
    await page.setViewportSize({ width: 1280, height: 800 })
    assert.deepEqual(problems, [])
  })
})
