/**
 * Filters, columns and saved views in a real Chromium against a real server: build a filter
 * with the builder (a text prefix, a select's choices and a nested "any of" group on a number),
 * check the rows against the API's answer for the same filter, choose, reorder and resize
 * columns, save everything as a shared view, reload with ?view=… and find it all again; then
 * Persian (right to left) and a 375 px phone. Screenshots: test-results/screenshots/views-*.png.
 */
import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, describe } from 'node:test'
import type { Page } from 'playwright-core'
import { apiCall, openBrowserPage, saveScreenshot, SCREENSHOTS, startServer, stepper, submitSetupForm, type BrowserPage, type RunningServer } from './support.js'

const ADMIN = { workspaceName: 'Views test', name: 'Vera Views', email: 'vera@example.com', password: 'correct horse battery staple' }
const LAST_NAMES = ['Kazlauskas', 'Karimi', 'Smith', 'Kowalski', 'Jones', 'Ahmadi', 'Kim', 'Petrov']
const TIERS = ['gold', 'silver', 'bronze', null]
const PEOPLE = 80

/** The filter the steps below build, as the records API takes it. */
const EXPECTED_FILTER = {
  and: [
    { field: 'lastName', op: 'startsWith', value: 'K' },
    { field: 'tier', op: 'in', value: ['gold', 'silver'] },
    { or: [{ field: 'score', op: 'gte', value: 80 }, { field: 'score', op: 'lt', value: 20 }] },
  ],
}

/** A multi-select "has none of" and a related record's field (one level deep). */
const SECOND_FILTER = {
  and: [
    { not: { or: [{ field: 'tags', op: 'contains', value: 'vip' }, { field: 'tags', op: 'contains', value: 'partner' }] } },
    { field: 'company.name', op: 'contains', value: 'acme' },
  ],
}
const TAGS = [['vip'], ['partner', 'lead'], ['lead'], [], null]

async function seed(server: RunningServer): Promise<void> {
  const companies = await apiCall<{ data: { id: string }[] }>(server, 'POST', '/api/v1/records/companies/batch', {
    operations: ['Acme Ltd', 'Globex'].map((name) => ({ op: 'create', data: { name } })),
  })
  await apiCall(server, 'POST', '/api/v1/metadata/objects/people/fields', {
    apiName: 'tags', label: 'Tags', type: 'multiSelect',
    options: { choices: [{ value: 'vip', label: 'VIP' }, { value: 'partner', label: 'Partner' }, { value: 'lead', label: 'Lead' }] },
  })
  await apiCall(server, 'POST', '/api/v1/metadata/objects/people/fields', {
    apiName: 'tier', label: 'Tier', type: 'select',
    options: { choices: [{ value: 'gold', label: 'Gold' }, { value: 'silver', label: 'Silver' }, { value: 'bronze', label: 'Bronze' }] },
  })
  await apiCall(server, 'POST', '/api/v1/metadata/objects/people/fields', { apiName: 'score', label: 'Score', type: 'number' })
  await apiCall(server, 'POST', '/api/v1/records/people/batch', {
    operations: Array.from({ length: PEOPLE }, (_, i) => ({
      op: 'create',
      data: {
        firstName: `P${String(i).padStart(2, '0')}`, lastName: LAST_NAMES[i % LAST_NAMES.length], email: `p${i}@views.example`,
        phone: `+3706${String(1_000_000 + i * 7919).slice(-7)}`, tier: TIERS[i % TIERS.length], score: (i * 37) % 100,
        tags: TAGS[i % TAGS.length], company: companies.data[i % 3]?.id ?? null,
      },
    })),
  })
}

// These run in the page; the test's TypeScript has no DOM types, hence the casts (each function is sent alone).
interface PageDocument { documentElement: { dir: string; scrollWidth: number }; querySelectorAll(selector: string): { length: number } }
const rowCountIs = (n: number) => (globalThis as unknown as { document: PageDocument }).document.querySelectorAll('.record-body [role=row]').length === n
const dirIs = (dir: string) => (globalThis as unknown as { document: PageDocument }).document.documentElement.dir === dir
const scrollWidth = () => (globalThis as unknown as { document: PageDocument }).document.documentElement.scrollWidth

/** Drawers and modals slide in for about 200 ms; screenshots wait for them to settle. */
const SETTLE_MS = 400
const header = (page: Page, name: string) => page.locator('[role=columnheader]').filter({ has: page.getByRole('button', { name, exact: true }) })
const headerTexts = (page: Page) => page.locator('.record-head [role=columnheader] .cell-text').allTextContents()
/** The emails in the rendered rows (every matching row is rendered: there are few). */
const shownEmails = async (page: Page) => (await page.locator('.record-body [role=row] [role=cell]').allTextContents()).filter((text) => text.endsWith('@views.example')).sort()

describe('filter builder, columns and saved views in Chromium', { timeout: 10 * 60_000 }, () => {
  let server: RunningServer
  let browser: BrowserPage
  let page: Page
  let expectedEmails: string[]
  let viewId: string
  const problems: string[] = []
  const screenshot = async (name: string) => {
    await page.waitForTimeout(SETTLE_MS)
    await saveScreenshot(page, path.join(SCREENSHOTS, name))
  }
  const step = stepper((slug) => screenshot(`views-failed-${slug}.png`))

  before(async () => {
    server = await startServer()
    await seed(server)
    const answer = await apiCall<{ data: { email: string }[] }>(server, 'POST', '/api/v1/records/people/query', { filter: EXPECTED_FILTER, limit: 1000 })
    expectedEmails = answer.data.map((person) => person.email).sort()
    browser = await openBrowserPage(problems, { consoleErrors: true })
    page = browser.page
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  step('signs in through first-run setup and opens people', async () => {
    assert.ok(expectedEmails.length >= 2 && expectedEmails.length < 25, `a small, non-empty answer (${expectedEmails.length})`)
    await page.goto(`${server.url}/setup`)
    await submitSetupForm(page, ADMIN)
    await page.getByRole('link', { name: 'People' }).click()
    await page.getByRole('table', { name: 'People list' }).waitFor()
    await page.getByRole('button', { name: 'View: All records' }).waitFor()
  })

  step('the builder makes the filter, and the rows are exactly the API\'s answer for it', async () => {
    await page.getByRole('button', { name: 'Filter', exact: true }).click()
    const drawer = page.getByRole('dialog', { name: 'Filter' })
    await drawer.getByText('No conditions yet.').waitFor()

    await drawer.getByRole('button', { name: 'Add condition' }).click()
    const first = drawer.getByRole('group', { name: 'Condition 1' })
    await first.getByRole('combobox', { name: 'Field' }).selectOption('lastName')
    await first.getByRole('combobox', { name: 'Operator' }).selectOption('startsWith')
    await first.getByRole('textbox', { name: 'Last name value' }).fill('K')

    await drawer.getByRole('button', { name: 'Add condition' }).last().click()
    const second = drawer.getByRole('group', { name: 'Condition 2' })
    await second.getByRole('combobox', { name: 'Field' }).selectOption('tier')
    assert.deepEqual(await second.getByRole('combobox', { name: 'Operator' }).locator('option').allTextContents(), ['is any of', 'is none of', 'is empty', 'is not empty'])
    await second.getByRole('checkbox', { name: 'Gold' }).check()
    await second.getByRole('checkbox', { name: 'Silver' }).check()

    await drawer.getByRole('button', { name: 'Add group' }).click()
    const group = drawer.getByRole('group', { name: 'Group of conditions' })
    await group.getByRole('radio', { name: 'Any of' }).check({ force: true })
    const inGroup = group.getByRole('group', { name: 'Condition 1' })
    await inGroup.getByRole('combobox', { name: 'Field' }).selectOption('score')
    await inGroup.getByRole('combobox', { name: 'Operator' }).selectOption('gte')
    await inGroup.getByRole('textbox', { name: 'Score value' }).fill('80')
    await group.getByRole('button', { name: 'Add condition' }).click()
    const inGroup2 = group.getByRole('group', { name: 'Condition 2' })
    await inGroup2.getByRole('combobox', { name: 'Field' }).selectOption('score')
    await inGroup2.getByRole('combobox', { name: 'Operator' }).selectOption('lt')
    await inGroup2.getByRole('textbox', { name: 'Score value' }).fill('20')
    await screenshot('views-en-1280-builder.png')

    const request = page.waitForRequest((r) => r.url().includes('/api/v1/records/people?') && r.url().includes('filter='))
    await drawer.getByRole('button', { name: 'Apply' }).click()
    const sent = JSON.parse(new URL((await request).url()).searchParams.get('filter')!)
    assert.deepEqual(sent, EXPECTED_FILTER, 'the builder sends the filter AST the API documents')
    await page.getByRole('status').filter({ hasText: `${expectedEmails.length} record` }).waitFor()
    await page.waitForFunction(rowCountIs, expectedEmails.length)
    assert.deepEqual(await shownEmails(page), expectedEmails)
    const chips = await page.getByRole('list', { name: 'Applied filters' }).getByRole('listitem').allTextContents()
    assert.deepEqual(chips, ['Last name starts with K', 'Tier is any of Gold, Silver', '(Score at least 80 or Score less than 20)'])
    await page.getByText('Unsaved changes').waitFor()
  })

  step('columns: hide one, move one, resize one by its header edge', async () => {
    await page.getByRole('button', { name: 'Columns' }).click()
    const drawer = page.getByRole('dialog', { name: 'Choose columns' })
    await drawer.getByRole('checkbox', { name: 'Phone', exact: true }).uncheck()
    for (let i = 0; i < 2; i++) await drawer.getByRole('button', { name: 'Move Email up' }).click()
    await screenshot('views-en-1280-columns.png')
    await drawer.getByRole('button', { name: 'Close' }).click()
    await drawer.waitFor({ state: 'hidden' })
    const headers = await headerTexts(page)
    assert.deepEqual(headers.slice(0, 3), ['Email', 'First name', 'Last name'])
    assert.ok(!headers.includes('Phone') && headers.includes('Tier') && headers.includes('Score'), headers.join(', '))

    const before = (await header(page, 'Last name').boundingBox())!.width
    const grip = (await page.getByRole('separator', { name: 'Resize Last name' }).boundingBox())!
    await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2)
    await page.mouse.down()
    await page.mouse.move(grip.x + 60, grip.y + grip.height / 2, { steps: 5 })
    await page.mouse.up()
    const afterDrag = (await header(page, 'Last name').boundingBox())!.width
    assert.ok(Math.abs(afterDrag - before - 56) <= 3, `dragged ~56 px wider: ${before} → ${afterDrag}`)
    await page.getByRole('separator', { name: 'Resize Last name' }).press('ArrowRight')
    assert.equal((await header(page, 'Last name').boundingBox())!.width, afterDrag + 16, 'the keyboard resizes too')
  })

  step('save as a shared view: the URL names it and the API holds the same filter and columns', async () => {
    await page.getByRole('button', { name: 'Save as…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Save as a new view' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill('K gold & silver')
    await dialog.getByRole('switch', { name: 'Share with the workspace' }).check({ force: true })
    await dialog.getByRole('button', { name: 'Save' }).click()
    await page.waitForURL(/\/records\/people\?view=[\w-]+$/)
    viewId = new URL(page.url()).searchParams.get('view')!
    await page.getByRole('button', { name: 'View: K gold & silver' }).waitFor()
    await page.getByText('Unsaved changes').waitFor({ state: 'hidden' })
    const views = await apiCall<{ data: any[] }>(server, 'GET', '/api/v1/views?object=people')
    const saved = views.data.find((view) => view.id === viewId)
    assert.equal(saved.visibility, 'shared')
    assert.deepEqual(saved.filter, EXPECTED_FILTER)
    assert.deepEqual(saved.columns.slice(0, 3).map((c: any) => c.field), ['email', 'firstName', 'lastName'])
    assert.equal(saved.columns.some((c: any) => c.field === 'phone'), false)
    await screenshot('views-en-1280.png')
  })

  step('a reload with ?view=… shows the same filter, columns, widths and rows', async () => {
    const widthBefore = (await header(page, 'Last name').boundingBox())!.width
    const headersBefore = await headerTexts(page)
    await page.reload()
    await page.getByRole('button', { name: 'View: K gold & silver' }).waitFor()
    await page.waitForFunction(rowCountIs, expectedEmails.length)
    assert.deepEqual(await shownEmails(page), expectedEmails)
    assert.deepEqual(await headerTexts(page), headersBefore)
    assert.equal((await header(page, 'Last name').boundingBox())!.width, widthBefore)
    assert.equal(await page.getByRole('list', { name: 'Applied filters' }).getByRole('listitem').count(), 3)
    assert.equal(await page.getByText('Unsaved changes').count(), 0)

    await page.getByRole('button', { name: 'View: K gold & silver' }).click()
    const shared = page.getByRole('group', { name: 'Shared views' })
    await shared.getByRole('menuitem', { name: 'K gold & silver' }).waitFor()
    await page.getByRole('group', { name: 'My views' }).getByRole('menuitem', { name: 'No views yet' }).waitFor()
    await page.keyboard.press('Escape')
  })

  step('removing a chip and sorting mark the view unsaved; discarding restores it', async () => {
    await page.getByRole('button', { name: 'Remove filter: Last name starts with K' }).click()
    await page.getByText('Unsaved changes').waitFor()
    await header(page, 'Score').getByRole('button').click()
    await page.waitForURL(new RegExp(`view=${viewId}&sort=score$`))
    await page.getByRole('button', { name: 'More view actions' }).click()
    await page.getByRole('menuitem', { name: 'Discard changes' }).click()
    await page.waitForURL(new RegExp(`view=${viewId}$`))
    await page.waitForFunction(rowCountIs, expectedEmails.length)
    assert.equal(await page.getByRole('list', { name: 'Applied filters' }).getByRole('listitem').count(), 3)
  })

  step('Persian: right to left, translated toolbar and builder', async () => {
    await page.getByLabel('Language').selectOption('fa')
    await page.waitForFunction(dirIs, 'rtl')
    await page.getByRole('button', { name: 'ستون‌ها' }).waitFor()
    await screenshot('views-fa-1280.png')
    await page.getByRole('button', { name: /^فیلتر/ }).click()
    const drawer = page.getByRole('dialog', { name: 'فیلتر' })
    await drawer.getByRole('group', { name: 'شرط 1' }).first().waitFor()
    const box = (await drawer.boundingBox())!
    assert.ok(box.x < 100, `the drawer opens from the end (left) side in a right-to-left page (x=${box.x})`)
    await screenshot('views-fa-1280-builder.png')
    await drawer.getByRole('button', { name: 'انصراف' }).click()
  })

  step('375 px phone: toolbar fits, the builder opens from the bottom', async () => {
    await page.setViewportSize({ width: 375, height: 812 })
    await page.locator('.record-cards [role=listitem]').first().waitFor()
    await screenshot('views-fa-375.png')
    const width = await page.evaluate(scrollWidth)
    assert.ok(width <= 375, `no sideways scrolling (scrollWidth ${width})`)
    await page.getByLabel('زبان').selectOption('en')
    await page.waitForFunction(dirIs, 'ltr')
    await screenshot('views-en-375.png')
    await page.getByRole('button', { name: /^Filter/ }).click()
    const drawer = page.getByRole('dialog', { name: 'Filter' })
    await drawer.getByRole('group', { name: 'Condition 1' }).first().waitFor()
    const box = (await drawer.boundingBox())!
    assert.ok(box.y > 50 && box.width <= 375, `a bottom sheet: ${JSON.stringify(box)}`)
    await screenshot('views-en-375-builder.png')
    await drawer.getByRole('button', { name: 'Cancel' }).click()
    await page.setViewportSize({ width: 1280, height: 800 })
  })

  step('a save refused with 412 keeps the edits and says why; saving again succeeds', async () => {
    await apiCall(server, 'PATCH', `/api/v1/views/${viewId}`, { name: 'K gold & silver (renamed)' })
    await page.getByRole('button', { name: 'Remove filter: Last name starts with K' }).click()
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'This view is at version 2; read it again and retry' }).waitFor()
    await page.getByRole('button', { name: 'View: K gold & silver (renamed)' }).waitFor()
    await page.getByText('Unsaved changes').waitFor()
    assert.equal(await page.getByRole('list', { name: 'Applied filters' }).getByRole('listitem').count(), 2, 'the edits are still there')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByText('Unsaved changes').waitFor({ state: 'hidden' })
    const saved = await apiCall<{ data: any }>(server, 'GET', `/api/v1/views/${viewId}`)
    assert.equal(saved.data.version, 3)
    assert.equal(saved.data.name, 'K gold & silver (renamed)')
    assert.deepEqual(saved.data.filter, { and: EXPECTED_FILTER.and.slice(1) })
  })

  step('delete the view: back to all records', async () => {
    await page.getByRole('button', { name: 'More view actions' }).click()
    await page.getByRole('menuitem', { name: 'Delete view' }).click()
    await page.getByRole('dialog', { name: 'Delete this view?' }).getByRole('button', { name: 'Delete view' }).click()
    await page.waitForURL(/\/records\/people$/)
    await page.getByRole('button', { name: 'View: All records' }).waitFor()
    assert.deepEqual((await apiCall<{ data: unknown[] }>(server, 'GET', '/api/v1/views?object=people')).data, [])
  })

  step('a view made through the API: a filter the builder cannot show is one clearable chip; an unknown view says so', async () => {
    const filter = { and: [{ not: { field: 'lastName', op: 'startsWith', value: 'K' } }, { field: 'tier', op: 'eq', value: 'gold' }] }
    const created = await apiCall<{ data: { id: string } }>(server, 'POST', '/api/v1/views', { object: 'people', name: 'Made by a script', filter, visibility: 'shared' })
    const expected = (await apiCall<{ data: { email: string }[] }>(server, 'POST', '/api/v1/records/people/query', { filter, limit: 1000 })).data.map((p) => p.email).sort()
    await page.goto(`${server.url}/records/people?view=${created.data.id}`)
    await page.getByRole('button', { name: 'View: Made by a script' }).waitFor()
    await page.waitForFunction(rowCountIs, expected.length)
    assert.deepEqual(await shownEmails(page), expected)
    assert.deepEqual(await page.getByRole('list', { name: 'Applied filters' }).getByRole('listitem').allTextContents(), ['Custom filter (made elsewhere)'])
    await page.getByRole('button', { name: 'Clear the custom filter' }).click()
    await page.getByText('Unsaved changes').waitFor()
    await apiCall(server, 'DELETE', `/api/v1/views/${created.data.id}`)

    await page.goto(`${server.url}/records/people?view=0190aaaa-0000-7000-8000-000000000000`)
    await page.getByText('This view was deleted or is not shared with you; showing all records.').waitFor()
    await page.getByRole('button', { name: 'View: All records' }).waitFor()
    await page.getByRole('status').filter({ hasText: '80 records loaded' }).waitFor()
    await page.goto(`${server.url}/records/people`)
    await page.getByRole('status').filter({ hasText: '80 records loaded' }).waitFor()
  })

  step('a multi-select "has none of" and a related record\'s field filter like the API', async () => {
    const answer = await apiCall<{ data: { email: string }[] }>(server, 'POST', '/api/v1/records/people/query', { filter: SECOND_FILTER, limit: 1000 })
    const expected = answer.data.map((person) => person.email).sort()
    assert.ok(expected.length >= 2 && expected.length < 25, `a small, non-empty answer (${expected.length})`)
    await page.getByRole('button', { name: 'Filter', exact: true }).click()
    const drawer = page.getByRole('dialog', { name: 'Filter' })
    await drawer.getByRole('button', { name: 'Add condition' }).click()
    const tags = drawer.getByRole('group', { name: 'Condition 1' })
    await tags.getByRole('combobox', { name: 'Field' }).selectOption('tags')
    await tags.getByRole('combobox', { name: 'Operator' }).selectOption('nin')
    await tags.getByRole('checkbox', { name: 'VIP' }).check()
    await tags.getByRole('checkbox', { name: 'Partner' }).check()
    await drawer.getByRole('button', { name: 'Add condition' }).click()
    const company = drawer.getByRole('group', { name: 'Condition 2' })
    await company.getByRole('combobox', { name: 'Field' }).selectOption('company.name')
    await company.getByRole('textbox', { name: 'Company › Name value' }).fill('acme')
    const request = page.waitForRequest((r) => r.url().includes('/api/v1/records/people?') && r.url().includes('filter='))
    await drawer.getByRole('button', { name: 'Apply' }).click()
    assert.deepEqual(JSON.parse(new URL((await request).url()).searchParams.get('filter')!), SECOND_FILTER)
    await page.waitForFunction(rowCountIs, expected.length)
    assert.deepEqual(await shownEmails(page), expected)
    assert.deepEqual(await page.getByRole('list', { name: 'Applied filters' }).getByRole('listitem').allTextContents(),
      ['Tags has none of VIP, Partner', 'Company › Name contains acme'])
    assert.deepEqual(problems, [], 'no script errors or CSP violations in the console')
  })
})
