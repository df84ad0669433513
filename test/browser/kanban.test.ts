/**
 * Kanban board and table group-by in a real Chromium against a real server: column totals equal
 * the aggregate API's values, dragging a card (native drag and drop) and the keyboard move menu
 * change the record's stage through the API, a stale card (412) rolls back with a toast, "load
 * more" pages a column, and clicking a group filters the table. Screenshots (en desktop, fa,
 * 375 px) go to test-results/screenshots/ for a person to look at.
 */
import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, describe } from 'node:test'
import type { Locator, Page } from 'playwright-core'
import { apiCall, openBrowserPage, saveScreenshot, SCREENSHOTS, setUpOverApi, startServer, stepper, submitSignIn, type BrowserPage, type RunningServer, documentDirIs } from './support.js'

const ADMIN = { workspaceName: 'Kanban test', name: 'Kai Kanban', email: 'kai@example.com', password: 'correct horse battery staple' }
const STAGES = [{ name: 'Lead', probability: 10 }, { name: 'Proposal', probability: 50 }, { name: 'Negotiation', probability: 75 }, { name: 'Won', probability: 100 }]
/** Lead gets more cards than one page (20) so "load more" has work to do. */
const DEALS_PER_STAGE = [23, 4, 3, 2]

interface Aggregate { rows: Record<string, any>[]; truncated: boolean }
interface PageGlobals {
  document: { documentElement: { dir: string; scrollWidth: number }; querySelector(selector: string): { getBoundingClientRect(): { left: number; right: number } } | null }
  innerWidth: number
}
const navigationIsOffScreen = () => {
  const box = (globalThis as unknown as PageGlobals).document.querySelector('nav')?.getBoundingClientRect()
  return !box || box.right <= 0 || box.left >= (globalThis as unknown as PageGlobals).innerWidth
}

const MICROS = 1_000_000n
const toMicros = (amount: string) => { const [w, f = ''] = amount.split('.'); return BigInt(w) * MICROS + BigInt(f.padEnd(6, '0')) }
const fromMicros = (m: bigint) => `${m / MICROS}.${(m % MICROS).toString().padStart(6, '0')}`
const euros = (amount: string) => new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(amount as unknown as number)

describe('kanban board and group-by in Chromium', { timeout: 15 * 60_000 }, () => {
  let server: RunningServer
  let browser: BrowserPage
  let page: Page
  let pipelineId: string
  const stageIds: string[] = []
  const problems: string[] = []

  const screenshot = (name: string) => saveScreenshot(page, path.join(SCREENSHOTS, name))
  const totals = () => apiCall<Aggregate>(server, 'POST', '/api/v1/analytics/aggregate', {
    object: 'opportunities', filter: { field: 'pipeline', op: 'eq', value: pipelineId }, groupBy: [{ field: 'stage' }], measures: [{ fn: 'count' }, { fn: 'sum', field: 'amount' }],
  })
  const column = (stageId: string | null): Locator => page.locator(`section.kanban-column[data-column="${stageId ?? '∅'}"]`)
  /** The card whose title is exactly `title` ("Lead deal 1" is not "Lead deal 19"). */
  const cardIn = (stageId: string | null, title: string) =>
    column(stageId).locator('.kanban-card').filter({ has: page.getByRole('link', { name: title, exact: true }) })
  const stageOf = async (id: string) => (await apiCall<{ data: { stage: string | null; version: number } }>(server, 'GET', `/api/v1/records/opportunities/${id}`)).data

  /** Every column header shows the API's count and exact sums. */
  async function assertHeadersMatchApi(): Promise<void> {
    const answer = await totals()
    for (const stageId of [...stageIds, null]) {
      const row = answer.rows.find((r) => (r.stage ?? null) === stageId)
      const header = column(stageId).locator('header')
      const wantSums = (row?.sum_amount ?? []).map((s: { currency: string; amount: string }) => `${s.currency}:${s.amount}`).join(' ')
      await page.waitForFunction(([el, count, sums]) => (el as any).dataset.count === count && (el as any).dataset.sums === sums,
        [await header.elementHandle(), String(row?.count ?? 0), wantSums] as const, { timeout: 10_000 })
    }
  }

  const step = stepper((slug) => screenshot(`kanban-failed-${slug}.png`))

  before(async () => {
    server = await startServer()
    await setUpOverApi(server, ADMIN)
    pipelineId = (await apiCall<{ data: { id: string } }>(server, 'POST', '/api/v1/records/pipelines', { name: 'Browser deals', position: 5 })).data.id
    for (const [i, stage] of STAGES.entries()) {
      stageIds.push((await apiCall<{ data: { id: string } }>(server, 'POST', '/api/v1/records/pipelineStages', { ...stage, position: i + 1, pipeline: pipelineId })).data.id)
    }
    const company = (await apiCall<{ data: { id: string } }>(server, 'POST', '/api/v1/records/companies', { name: 'Vilniaus Duona' })).data.id
    const operations = DEALS_PER_STAGE.flatMap((count, s) => Array.from({ length: count }, (_, i) => ({
      op: 'create',
      data: {
        name: `${STAGES[s].name} deal ${i + 1}`, pipeline: pipelineId, stage: stageIds[s], company,
        amount: { amount: `${1000 * (s + 1) + i}.${String(i * 7 % 100).padStart(2, '0')}`, currency: s === 3 && i === 1 ? 'USD' : 'EUR' },
        closeDate: `2026-${String((i % 12) + 1).padStart(2, '0')}-15`,
      },
    })))
    operations.push({ op: 'create', data: { name: 'Unstaged deal', pipeline: pipelineId, stage: null as unknown as string, company, amount: { amount: '99.99', currency: 'EUR' }, closeDate: '2026-01-15' } })
    await apiCall(server, 'POST', '/api/v1/records/opportunities/batch', { operations })
    browser = await openBrowserPage(problems, { consoleErrors: true })
    page = browser.page
  })

  after(async () => {
    await browser?.close()
    await server?.close()
  })

  step('sign in and open the opportunities board for the seeded pipeline', async () => {
    await page.goto(`${server.url}/records/opportunities`)
    await submitSignIn(page, ADMIN.email, ADMIN.password)
    await page.getByRole('heading', { name: 'Opportunities' }).waitFor()
    await page.getByRole('group', { name: 'View' }).getByRole('link', { name: 'Kanban' }).click()
    await page.waitForURL(/\/records\/opportunities\/kanban/)
    await page.getByLabel('Pipeline').selectOption({ label: 'Browser deals' })
    await page.waitForURL(new RegExp(`parent=${pipelineId}`))
    for (const stage of STAGES) await page.getByRole('heading', { name: stage.name, exact: true }).waitFor()
    await page.getByRole('heading', { name: 'No value', exact: true }).waitFor()
  })

  step('column totals equal the aggregate API, formatted exactly, with weighted amounts', async () => {
    await assertHeadersMatchApi()
    const answer = await totals()
    const proposal = answer.rows.find((r) => r.stage === stageIds[1])!
    assert.equal(proposal.count, DEALS_PER_STAGE[1])
    const sum = proposal.sum_amount[0].amount as string
    await column(stageIds[1]).locator('.kanban-sum').getByText(euros(sum)).waitFor()
    const weighted = fromMicros(toMicros(sum) * 50n / 100n)
    await column(stageIds[1]).locator('.kanban-weighted').getByText(euros(weighted)).waitFor()
    assert.equal(await column(stageIds[1]).locator('.kanban-count').textContent(), String(DEALS_PER_STAGE[1]))
    // Won holds euros and dollars: one exact total per currency.
    const won = answer.rows.find((r) => r.stage === stageIds[3])!
    assert.deepEqual(won.sum_amount.map((s: { currency: string }) => s.currency), ['EUR', 'USD'])
    await screenshot('kanban-en-1280.png')
  })

  step('a column pages its cards with "load more"', async () => {
    const lead = column(stageIds[0])
    await lead.locator('.kanban-card').nth(19).waitFor()
    assert.equal(await lead.locator('.kanban-card').count(), 20)
    await lead.getByRole('button', { name: 'Load more' }).click()
    await lead.locator('.kanban-card').nth(DEALS_PER_STAGE[0] - 1).waitFor()
    assert.equal(await lead.getByRole('button', { name: 'Load more' }).count(), 0)
  })

  step('dragging a card to another column changes its stage and the totals', async () => {
    const card = cardIn(stageIds[1], 'Proposal deal 2')
    const id = await card.getAttribute('data-card-id')
    await card.dragTo(column(stageIds[2]).locator('.kanban-cards'))
    await cardIn(stageIds[2], 'Proposal deal 2').waitFor()
    for (let tries = 0; (await stageOf(id!)).stage !== stageIds[2]; tries++) {
      assert.ok(tries < 50, 'the API shows the new stage')
      await page.waitForTimeout(100)
    }
    assert.equal((await totals()).rows.find((r) => r.stage === stageIds[2])!.count, DEALS_PER_STAGE[2] + 1)
    await assertHeadersMatchApi()
  })

  step('the keyboard move menu moves a card too', async () => {
    const card = cardIn(stageIds[2], 'Negotiation deal 1')
    const id = await card.getAttribute('data-card-id')
    await card.getByRole('button', { name: 'Move Negotiation deal 1' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('menuitem', { name: 'Won' }).waitFor()
    await page.getByRole('menuitem', { name: 'Won' }).press('Enter')
    await cardIn(stageIds[3], 'Negotiation deal 1').waitFor()
    for (let tries = 0; (await stageOf(id!)).stage !== stageIds[3]; tries++) {
      assert.ok(tries < 50, 'the API shows the new stage')
      await page.waitForTimeout(100)
    }
    await page.getByRole('status').filter({ hasText: 'Moved to Won' }).waitFor()
    await assertHeadersMatchApi()
  })

  step('a card changed elsewhere (412) rolls back with a toast and reloads', async () => {
    const card = cardIn(stageIds[0], 'Lead deal 5')
    const id = (await card.getAttribute('data-card-id'))!
    await apiCall(server, 'PATCH', `/api/v1/records/opportunities/${id}`, { name: 'Lead deal 5 (renamed)' })
    await card.getByRole('button', { name: 'Move Lead deal 5' }).click()
    await page.getByRole('menuitem', { name: 'Proposal' }).click()
    await page.getByRole('alert').filter({ hasText: 'Lead deal 5 changed since the board was loaded' }).waitFor()
    assert.equal((await stageOf(id)).stage, stageIds[0], 'the stage did not change')
    await cardIn(stageIds[0], 'Lead deal 5 (renamed)').waitFor()
    assert.equal(await cardIn(stageIds[1], 'Lead deal 5').count(), 0, 'the optimistic move was rolled back')
    await assertHeadersMatchApi()
  })

  step('Persian lays the board out right to left; a phone scrolls the columns sideways', async () => {
    await page.getByRole('button', { name: 'Dismiss' }).click()
    await page.getByLabel('Language').selectOption('fa')
    await page.waitForFunction(documentDirIs, 'rtl')
    await page.getByRole('group', { name: 'نما' }).waitFor()
    const first = await column(stageIds[0]).boundingBox()
    const second = await column(stageIds[1]).boundingBox()
    assert.ok(first && second && first.x > second.x, 'the first stage is on the right')
    await column(stageIds[1]).locator('.kanban-count').getByText(/[۰-۹]/).waitFor()
    await screenshot('kanban-fa-1280.png')
    await page.setViewportSize({ width: 375, height: 812 })
    await page.waitForFunction(navigationIsOffScreen)
    await screenshot('kanban-fa-375.png')
    const width = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth)
    assert.ok(width <= 375, `only the board scrolls sideways (page scrollWidth ${width})`)
    await page.getByLabel('زبان').selectOption('en')
    await page.waitForFunction(documentDirIs, 'ltr')
    await page.waitForFunction(navigationIsOffScreen)
    await page.waitForTimeout(400) // the navigation slides out of view
    await screenshot('kanban-en-375.png')
    await page.setViewportSize({ width: 1280, height: 800 })
  })

  step('group-by in the table shows the right counts and sums; a click filters the table', async () => {
    await page.getByRole('group', { name: 'View' }).getByRole('link', { name: 'Table' }).click()
    await page.waitForURL(/\/records\/opportunities$/)
    await page.getByLabel('Group by').selectOption({ label: 'Stage' })
    await page.getByLabel('Total of').selectOption({ label: 'Amount' })
    const groups = await apiCall<Aggregate>(server, 'POST', '/api/v1/analytics/aggregate', {
      object: 'opportunities', groupBy: [{ field: 'stage' }], measures: [{ fn: 'count' }, { fn: 'sum', field: 'amount' }],
    })
    const list = page.getByRole('list', { name: 'Groups by Stage' })
    await list.waitFor()
    for (const [i, stage] of STAGES.entries()) {
      const row = groups.rows.find((r) => r.stage === stageIds[i])!
      const item = list.getByRole('button', { name: new RegExp(`^${stage.name} `) })
      await item.getByText(`${row.count} record${row.count === 1 ? '' : 's'}`).waitFor()
      if (row.sum_amount.length === 1) await item.getByText(euros(row.sum_amount[0].amount)).waitFor()
    }
    const negotiation = groups.rows.find((r) => r.stage === stageIds[2])!
    await screenshot('grouping-en-1280.png')
    await list.getByRole('button', { name: /^Negotiation / }).click()
    await page.waitForURL(/group=/)
    await page.getByRole('status').filter({ hasText: `${negotiation.count} records loaded` }).waitFor()
    assert.equal(await page.locator('.record-body [role=row]').count(), negotiation.count)
    await page.getByRole('button', { name: 'Show all records' }).click()
    await page.waitForURL((url) => !url.search.includes('group='))
    await page.setViewportSize({ width: 375, height: 812 })
    await page.getByLabel('Language').selectOption('fa')
    await page.waitForFunction(documentDirIs, 'rtl')
    await page.waitForFunction(navigationIsOffScreen)
    await page.getByRole('list', { name: 'گروه‌ها بر اساس مرحله' }).waitFor()
    await screenshot('grouping-fa-375.png')
    await page.getByLabel('زبان').selectOption('en')
    await page.setViewportSize({ width: 1280, height: 800 })
    assert.deepEqual(problems, [], 'no script errors in the console')
  })
})
