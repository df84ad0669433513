/**
 * The record page and the table's editing in a real Chromium against a real server: edit a
 * field in place (checked through the API), a concurrent change → the conflict dialog →
 * "keep mine" wins, validation before sending, the relation picker, logging a call in the
 * timeline composer (linked to the record in the API), related lists with counts, inline
 * editing of a table cell, bulk delete of two rows with undo, Persian (right-to-left with a
 * Persian-calendar date) and a 375 px phone. Screenshots go to test-results/screenshots/.
 */
import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, describe } from 'node:test'
import type { Page, Route } from 'playwright-core'
import { apiCall, openBrowserPage, saveScreenshot, SCREENSHOTS, startServer, stepper, submitSetupForm, type BrowserPage, type RunningServer, documentDirIs, eventually, horizontalOverflow } from './support.js'

const ADMIN = { workspaceName: 'Record page test', name: 'Rita Admin', email: 'rita@example.com', password: 'correct horse battery staple' }
const PEOPLE = [
  { firstName: 'Eglė', lastName: 'Petraitė', jobTitle: 'Buyer' },
  { firstName: 'Olav', lastName: 'Nilsen', jobTitle: 'Engineer' },
  { firstName: 'Sara', lastName: 'Ahmadi', jobTitle: 'Office manager' },
]

type Data<T> = { data: T }
interface Rec { id: string; version: number; [key: string]: unknown }


describe('record page in Chromium', { timeout: 10 * 60_000 }, () => {
  let server: RunningServer
  let browser: BrowserPage
  let page: Page
  let company: Rec
  let people: Rec[]
  const problems: string[] = []
  const api = <T>(method: string, url: string, body?: unknown) => apiCall<T>(server, method, url, body)
  const getCompany = async () => (await api<Data<Rec>>('GET', `/api/v1/records/companies/${company.id}`)).data
  const screenshot = (name: string) => saveScreenshot(page, path.join(SCREENSHOTS, name), { fullPage: true })
  const step = stepper((slug) => screenshot(`record-page-failed-${slug}.png`))

  before(async () => {
    server = await startServer()
    company = (await api<Data<Rec>>('POST', '/api/v1/records/companies', { name: 'Nordlys AB', employees: 40 })).data
    const batch = await api<Data<{ data: Rec }[]>>('POST', '/api/v1/records/people/batch', {
      operations: PEOPLE.map((person) => ({ op: 'create', data: { ...person, company: company.id } })),
    })
    people = batch.data.map((result) => result.data)
    await api('POST', '/api/v1/records/opportunities/batch', {
      operations: ['Fjord fibre', 'Harbour sensors'].map((name) => ({ op: 'create', data: { name, company: company.id, amount: { amount: '12500.00', currency: 'NOK' } } })),
    })
    await api('POST', '/api/v1/records/companies', { name: 'Vilniaus Duona' })
    browser = await openBrowserPage(problems, { consoleErrors: true })
    page = browser.page
  })

  after(async () => {
    await browser?.close()
    await server?.close()
  })

  step('set up and open the company page with its related lists', async () => {
    await page.goto(`${server.url}/setup`)
    await submitSetupForm(page, ADMIN)
    await page.getByRole('link', { name: 'People' }).waitFor()
    await page.goto(`${server.url}/records/companies/${company.id}`)
    await page.getByRole('heading', { name: 'Nordlys AB' }).waitFor()
    const peopleList = page.locator('section[data-related=people]')
    await peopleList.getByRole('link', { name: 'Eglė Petraitė' }).waitFor()
    assert.equal(await peopleList.locator('[data-count]').getAttribute('data-count'), '3')
    const deals = page.locator('section[data-related=opportunities]')
    await deals.getByRole('link', { name: 'Fjord fibre' }).waitFor()
    assert.equal(await deals.locator('[data-count]').getAttribute('data-count'), '2')
  })

  step('a field edited in place is saved through the API', async () => {
    await page.getByRole('button', { name: /^Edit Domain/ }).click()
    const input = page.getByRole('textbox', { name: 'Domain' })
    await input.fill('nordlys.example')
    await input.press('Enter')
    await page.getByRole('button', { name: 'Edit Domain: nordlys.example' }).waitFor()
    await eventually(getCompany, (record) => record.domain === 'nordlys.example', 'domain saved')
  })

  step('validation from the metadata stops a bad value before it is sent', async () => {
    const before = await getCompany()
    await page.getByRole('button', { name: /^Edit Employees/ }).click()
    const input = page.getByRole('textbox', { name: 'Employees' })
    await input.fill('-5')
    await input.press('Enter')
    await page.getByText('Must be at least 0').waitFor()
    await input.press('Escape')
    await page.getByRole('button', { name: /^Edit Employees: 40/ }).waitFor()
    assert.equal((await getCompany()).version, before.version, 'nothing was sent')
  })

  step('select, money and date fields have their own editors', async () => {
    await page.getByRole('button', { name: /^Edit Industry/ }).click()
    await page.locator('input').and(page.getByLabel('Industry', { exact: true })).click()
    await page.getByRole('option', { name: 'Software' }).click()
    await page.getByRole('button', { name: 'Edit Industry: Software' }).waitFor()
    await page.getByRole('button', { name: /^Edit Annual revenue/ }).click()
    await page.getByRole('textbox', { name: 'Annual revenue' }).fill('250000.5')
    await page.getByRole('textbox', { name: 'Currency' }).fill('eur')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('button', { name: /^Edit Annual revenue: €250,000.50/ }).waitFor()
    const saved = await eventually(getCompany, (record) => record.industry === 'software' && record.annualRevenue !== null, 'industry and revenue saved')
    assert.deepEqual(saved.annualRevenue, { amount: '250000.50', currency: 'EUR' })
    const deal = (await api<{ data: Rec[] }>('GET', `/api/v1/records/opportunities?filter=${encodeURIComponent(JSON.stringify({ field: 'name', op: 'eq', value: 'Fjord fibre' }))}`)).data[0]
    await page.locator('section[data-related=opportunities]').getByRole('link', { name: 'Fjord fibre' }).click()
    await page.getByRole('heading', { name: 'Fjord fibre' }).waitFor()
    await page.getByRole('button', { name: /^Edit Close date/ }).click()
    const date = page.getByLabel('Close date', { exact: true })
    await date.fill('2026-12-24')
    await date.press('Enter')
    await page.getByRole('button', { name: 'Edit Close date: Dec 24, 2026' }).waitFor()
    await eventually(async () => (await api<Data<Rec>>('GET', `/api/v1/records/opportunities/${deal.id}`)).data,
      (record) => record.closeDate === '2026-12-24', 'close date saved')
    await page.goto(`${server.url}/records/companies/${company.id}`)
    await page.getByRole('heading', { name: 'Nordlys AB' }).waitFor()
  })

  step('a concurrent change gives the conflict dialog, and "keep mine" wins', async () => {
    await api('PATCH', `/api/v1/records/companies/${company.id}`, { domain: 'theirs.example' })
    await page.getByRole('button', { name: /^Edit Domain/ }).click()
    const input = page.getByRole('textbox', { name: 'Domain' })
    await input.fill('mine.example')
    await input.press('Enter')
    const dialog = page.getByRole('dialog', { name: 'Someone else changed this record' })
    await dialog.waitFor()
    const row = dialog.locator('tr[data-field=domain]')
    assert.equal(await row.locator('[data-side=yours]').textContent(), 'mine.example')
    assert.equal(await row.locator('[data-side=theirs]').textContent(), 'theirs.example')
    await screenshot('record-page-conflict-en-1280.png')
    await dialog.getByRole('button', { name: 'Keep mine (overwrite)' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await eventually(getCompany, (record) => record.domain === 'mine.example', 'mine overwrote theirs')
    await page.getByRole('button', { name: 'Edit Domain: mine.example' }).waitFor()
  })

  step('quick edits of two fields in a row are both saved, without a conflict with myself', async () => {
    // A slow network: the second edit is made while the first save is still on its way.
    const slow = (route: Route) => new Promise<void>((resolve) => setTimeout(resolve, route.request().method() === 'PATCH' ? 400 : 0)).then(() => route.continue())
    await page.route('**/api/v1/records/companies/*', slow)
    await page.getByRole('button', { name: /^Edit Phone/ }).click()
    await page.getByRole('textbox', { name: 'Phone' }).fill('+37052123456')
    await page.getByRole('textbox', { name: 'Phone' }).press('Enter')
    await page.getByRole('button', { name: /^Edit Domain/ }).click()
    await page.getByRole('textbox', { name: 'Domain' }).fill('quick.example')
    await page.getByRole('textbox', { name: 'Domain' }).press('Enter')
    await eventually(getCompany, (record) => record.phone === '+37052123456' && record.domain === 'quick.example', 'both saved')
    assert.equal(await page.getByRole('dialog', { name: 'Someone else changed this record' }).count(), 0)
    await page.unroute('**/api/v1/records/companies/*', slow)
  })

  step('a call logged in the composer shows in the timeline and is linked in the API', async () => {
    const composer = page.getByRole('form', { name: 'Log an activity' })
    await composer.getByText('Call', { exact: true }).click()
    await composer.getByLabel('Subject').fill('Discussed the renewal')
    await composer.getByLabel('Notes').fill('Wants a quote by Friday.')
    await composer.getByRole('button', { name: 'Log call' }).click()
    const entry = page.locator('.timeline-entry[data-kind=record]').filter({ hasText: 'Discussed the renewal' })
    await entry.waitFor()
    await entry.and(page.locator(':not([data-pending])')).waitFor()
    await entry.getByText('Wants a quote by Friday.').waitFor()
    const filter = encodeURIComponent(JSON.stringify({ field: 'links', op: 'eq', value: company.id }))
    const linked = await api<{ data: Rec[] }>('GET', `/api/v1/records/activities?filter=${filter}`)
    assert.equal(linked.data.length, 1)
    assert.equal(linked.data[0].subject, 'Discussed the renewal')
    assert.equal(linked.data[0].type, 'call')
    assert.deepEqual(linked.data[0].links, [{ object: 'companies', id: company.id }])
    // Field changes are on the timeline too, newest first under the call.
    await page.locator('.timeline-entry[data-kind=change]').filter({ hasText: 'Domain changed' }).first().waitFor()
    await screenshot('record-page-en-1280.png')
  })

  step('an activity the server refuses is taken off the timeline again, with the reason in a toast', async () => {
    const composer = page.getByRole('form', { name: 'Log an activity' })
    await composer.getByText('Note', { exact: true }).click()
    await composer.getByLabel('Subject').fill(`Too long ${'x'.repeat(1000)}`)
    await composer.getByRole('button', { name: 'Add note' }).click()
    const toast = page.locator('.toast-viewport [role=alert]').filter({ hasText: 'Request is not valid' })
    await toast.waitFor()
    assert.match(await toast.textContent() ?? '', /subject/)
    await page.locator('.timeline-entry').filter({ hasText: 'Too long' }).waitFor({ state: 'detached' })
    await toast.getByRole('button', { name: 'Dismiss' }).click()
  })

  step('a relation is picked by searching as you type', async () => {
    const other = people[1]
    await page.goto(`${server.url}/records/people/${other.id}`)
    await page.getByRole('heading', { name: 'Olav Nilsen' }).waitFor()
    await page.getByRole('button', { name: 'Edit Company: Nordlys AB' }).click()
    const picker = page.locator('input').and(page.getByLabel('Company', { exact: true }))
    await picker.fill('Vilni')
    await page.getByRole('option', { name: 'Vilniaus Duona' }).click()
    await page.getByRole('button', { name: 'Edit Company: Vilniaus Duona' }).waitFor()
    const saved = await eventually(async () => (await api<Data<Rec>>('GET', `/api/v1/records/people/${other.id}`)).data,
      (record) => record.company !== company.id, 'company changed')
    const target = (await api<Data<Rec>>('GET', `/api/v1/records/companies/${saved.company as string}`)).data
    assert.equal(target.name, 'Vilniaus Duona')
  })

  step('an address and a list of phones are edited part by part', async () => {
    const other = people[1]
    const read = async () => (await api<Data<Rec>>('GET', `/api/v1/records/people/${other.id}`)).data
    await page.getByRole('button', { name: /^Edit Address/ }).click()
    await page.getByRole('textbox', { name: 'City' }).fill('Kaunas')
    await page.getByRole('textbox', { name: 'Country code (LT)' }).fill('lt')
    await screenshot('record-page-address-editor-en-1280.png')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('button', { name: /^Edit Address: Kaunas, Lithuania/ }).waitFor()
    const address = (await eventually(read, (record) => record.address !== null, 'address saved')).address as Record<string, unknown>
    assert.deepEqual([address.city, address.country, address.street], ['Kaunas', 'LT', null])
    await page.getByRole('button', { name: /^Edit Additional phones/ }).click()
    await page.getByRole('textbox', { name: 'Additional phones' }).fill('+37061234567\nnot a phone')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Enter a phone number, international like +370 612 34567').waitFor()
    await page.getByRole('textbox', { name: 'Additional phones' }).fill('+37061234567\n+37069876543')
    await page.getByRole('button', { name: 'Save' }).click()
    const phones = await eventually(read, (record) => Array.isArray(record.additionalPhones), 'phones saved')
    assert.deepEqual(phones.additionalPhones, ['+37061234567', '+37069876543'])
  })

  step('a table cell is edited in place', async () => {
    await page.goto(`${server.url}/records/people`)
    const row = page.locator('.record-body [role=row]').filter({ hasText: 'Petraitė' })
    const cell = row.locator('.editable-cell[data-field=jobTitle]')
    await cell.dblclick()
    const input = page.getByRole('dialog').getByRole('textbox', { name: 'Job title' })
    await input.fill('Head of purchasing')
    await input.press('Enter')
    await row.getByText('Head of purchasing').waitFor()
    await eventually(async () => (await api<Data<Rec>>('GET', `/api/v1/records/people/${people[0].id}`)).data,
      (record) => record.jobTitle === 'Head of purchasing', 'job title saved')
    // The keyboard way: Enter on the focused cell opens the editor, Escape closes it and focus comes back.
    await cell.focus()
    await page.keyboard.press('Enter')
    await page.getByRole('dialog').getByRole('textbox', { name: 'Job title' }).waitFor()
    await page.keyboard.press('Escape')
    await page.getByRole('dialog').waitFor({ state: 'hidden' })
    await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } })
      .document.activeElement?.getAttribute('data-field') === 'jobTitle')
  })

  step('two selected rows are deleted in bulk and the undo brings them back', async () => {
    const [first, , third] = people
    await page.getByRole('checkbox', { name: 'Select Eglė Petraitė' }).check()
    await page.getByRole('checkbox', { name: 'Select Sara Ahmadi' }).check()
    const bar = page.getByRole('toolbar', { name: 'Actions on selected records' })
    await bar.getByText('2 selected').waitFor()
    await screenshot('record-table-bulk-en-1280.png')
    await bar.getByRole('button', { name: 'Delete 2 records' }).click()
    await page.getByText('2 records deleted.').waitFor()
    const status = (id: string) => fetch(`${server.url}/api/v1/records/people/${id}`, { headers: { authorization: `Bearer ${server.apiKey}` } }).then((r) => r.status)
    assert.deepEqual([await status(first.id), await status(third.id)], [404, 404])
    await page.locator('.record-body [role=row]').filter({ hasText: 'Petraitė' }).waitFor({ state: 'detached' })
    await page.getByRole('button', { name: 'Undo' }).click()
    await page.getByText('2 records restored.').waitFor()
    assert.deepEqual([await status(first.id), await status(third.id)], [200, 200])
    await page.locator('.record-body [role=row]').filter({ hasText: 'Petraitė' }).waitFor()
  })

  step('one field is set on two selected rows in bulk', async () => {
    const [first, , third] = people
    await page.getByRole('checkbox', { name: 'Select Eglė Petraitė' }).check()
    await page.getByRole('checkbox', { name: 'Select Sara Ahmadi' }).check()
    await page.getByRole('toolbar', { name: 'Actions on selected records' }).getByRole('button', { name: 'Set a field…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Set a field on 2 records' })
    await dialog.locator('input').and(dialog.getByLabel('Field', { exact: true })).fill('Job')
    // The dialog's field list, not the toolbar's Group by select, which has a "Job title" option too.
    await page.getByRole('listbox', { name: 'Field' }).getByRole('option', { name: 'Job title' }).click()
    await dialog.getByRole('textbox', { name: 'New value of Job title' }).fill('Partner')
    await dialog.getByRole('button', { name: 'Apply to 2 records' }).click()
    await page.getByText('Job title set on 2 records.').waitFor()
    for (const person of [first, third]) {
      await eventually(async () => (await api<Data<Rec>>('GET', `/api/v1/records/people/${person.id}`)).data,
        (record) => record.jobTitle === 'Partner', `${person.firstName as string}'s job title`)
    }
    assert.equal((await api<Data<Rec>>('GET', `/api/v1/records/people/${people[1].id}`)).data.jobTitle, 'Engineer', 'the unselected row is untouched')
  })

  step('a bulk delete names the record it could not delete and deletes the others', async () => {
    const [, olav, sara] = people
    // The bulk edit kept its selection (for a next action); start afresh.
    await page.getByRole('toolbar', { name: 'Actions on selected records' }).getByRole('button', { name: 'Clear selection' }).click()
    await page.getByRole('checkbox', { name: 'Select Olav Nilsen' }).check()
    await page.getByRole('checkbox', { name: 'Select Sara Ahmadi' }).check()
    // Someone else deletes Olav meanwhile: the batch refuses that operation, the rest go through.
    await api('DELETE', `/api/v1/records/people/${olav.id}`)
    await page.getByRole('toolbar', { name: 'Actions on selected records' }).getByRole('button', { name: 'Delete 2 records' }).click()
    const notice = page.locator('.bulk-notice')
    await notice.getByText('1 record deleted.').waitFor()
    await notice.getByText('1 record was refused:').waitFor()
    assert.match(await notice.locator('li').textContent() ?? '', /^Olav Nilsen: .*no Person with this id/)
    const status = (id: string) => fetch(`${server.url}/api/v1/records/people/${id}`, { headers: { authorization: `Bearer ${server.apiKey}` } }).then((r) => r.status)
    assert.equal(await status(sara.id), 404)
    await notice.getByRole('button', { name: 'Undo' }).click()
    await page.getByText('1 record restored.').waitFor()
    assert.equal(await status(sara.id), 200)
    await api('POST', `/api/v1/records/people/${olav.id}/restore`)
  })

  step('a long timeline shows a page and loads the next one on request', async () => {
    await api('POST', '/api/v1/records/activities/batch', {
      operations: Array.from({ length: 30 }, (_, i) => ({ op: 'create', data: { type: 'note', subject: `Imported note ${i}`, links: [{ object: 'companies', id: company.id }] } })),
    })
    await page.goto(`${server.url}/records/companies/${company.id}`)
    const entries = page.locator('.timeline-entry')
    await page.getByRole('button', { name: 'Show more' }).waitFor()
    assert.equal(await entries.count(), 25)
    await page.getByRole('button', { name: 'Show more' }).click()
    await page.locator('.timeline-entry[data-kind=created]').waitFor()
    await page.getByRole('button', { name: 'Show more' }).waitFor({ state: 'detached' })
    const notes = await entries.filter({ hasText: 'Imported note' }).allTextContents()
    assert.equal(notes.length, 30, 'no note twice')
    assert.equal(new Set(notes.map((text) => /Imported note (\d+)/.exec(text)?.[1])).size, 30, 'every imported note')
  })

  step('Persian: right to left, with a Persian-calendar date on the record page', async () => {
    await page.getByLabel('Language').selectOption('fa')
    await page.waitForFunction(documentDirIs, 'rtl')
    await page.goto(`${server.url}/records/companies/${company.id}`)
    await page.getByRole('heading', { name: 'Nordlys AB' }).waitFor()
    await page.getByRole('heading', { name: 'خط زمانی' }).waitFor()
    const created = await page.locator('[data-system-field=createdAt]').textContent()
    // The Solar Hijri year 14xx in Persian digits (e.g. ۱۴۰۵), not the Gregorian 20xx.
    assert.match(created ?? '', /۱۴[۰-۹]{2}/, `a Persian-calendar date: ${created}`)
    await page.locator('.timeline-entry[data-kind=record]').first().waitFor()
    await screenshot('record-page-fa-1280.png')
    await page.goto(`${server.url}/records/people`)
    await page.getByRole('checkbox', { name: 'انتخاب Eglė Petraitė' }).check()
    await page.getByText('۱ انتخاب شده').waitFor()
    await screenshot('record-table-bulk-fa-1280.png')
    await page.getByRole('checkbox', { name: 'انتخاب Eglė Petraitė' }).uncheck()
    await page.goto(`${server.url}/records/companies/${company.id}`)
  })

  step('a 375 px phone stacks the columns without sideways scrolling', async () => {
    await page.getByLabel('زبان').selectOption('en')
    await page.waitForFunction(documentDirIs, 'ltr')
    await page.setViewportSize({ width: 375, height: 812 })
    await page.getByRole('heading', { name: 'Timeline' }).waitFor()
    const fields = await page.getByRole('heading', { name: 'Details' }).boundingBox()
    const timeline = await page.getByRole('heading', { name: 'Timeline' }).boundingBox()
    assert.ok(fields && timeline && timeline.y > fields.y + 100, 'the timeline sits below the fields')
    assert.ok((await page.evaluate(horizontalOverflow)) <= 0, 'no horizontal overflow')
    await screenshot('record-page-en-375.png')
    await page.getByLabel('Language').selectOption('fa')
    await page.waitForFunction(documentDirIs, 'rtl')
    assert.ok((await page.evaluate(horizontalOverflow)) <= 0, 'no horizontal overflow in Persian')
    await screenshot('record-page-fa-375.png')
  })

  step('no errors in the page or the console', async () => {
    assert.deepEqual(problems, [])
  })
})
