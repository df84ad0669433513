/**
 * The Duplicates screen and the merge dialog in a real Chromium against a real server: run
 * the finder over the test's people, open a group, keep one person while taking another
 * field value from the duplicate, confirm, and see the merged person's activity on the kept
 * person's timeline (checked through the API too); "Merge with…" from a record page; Persian
 * right to left and a 375 px phone. Screenshots go to test-results/screenshots/.
 */
import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, describe } from 'node:test'
import type { Page } from 'playwright-core'
import { apiCall, documentDirIs, eventually, horizontalOverflow, openBrowserPage, saveScreenshot, SCREENSHOTS, startServer, stepper, submitSetupForm, type BrowserPage, type RunningServer } from './support.js'

const ADMIN = { workspaceName: 'Duplicates test', name: 'Dana Admin', email: 'dana@example.com', password: 'correct horse battery staple' }
const FILLER = ['Olav Nilsen', 'Sara Ahmadi', 'Иван Петров', 'Mantas Kazlauskas', 'Zahra Karimi', 'Anna Schmidt', 'Jonas Jonaitis', 'Maria Garcia']

type Data<T> = { data: T }
interface Rec { id: string; version: number; [key: string]: unknown }

describe('duplicates and merge in Chromium', { timeout: 10 * 60_000 }, () => {
  let server: RunningServer
  let browser: BrowserPage
  let page: Page
  let keep: Rec
  let dupe: Rec
  let third: Rec
  const problems: string[] = []
  const api = <T>(method: string, url: string, body?: unknown) => apiCall<T>(server, method, url, body)
  const screenshot = (name: string) => saveScreenshot(page, path.join(SCREENSHOTS, name), { fullPage: true })
  const step = stepper((slug) => screenshot(`duplicates-failed-${slug}.png`))

  before(async () => {
    server = await startServer()
    const filler = FILLER.map((name, i) => {
      const [firstName, lastName] = name.split(' ')
      return { op: 'create', data: { firstName, lastName, email: `person${i}@example.org`, jobTitle: 'Staff' } }
    })
    await api('POST', '/api/v1/records/people/batch', { operations: filler })
    keep = (await api<Data<Rec>>('POST', '/api/v1/records/people', { firstName: 'Eglė', lastName: 'Petraitė', email: 'egle@nordlys.example', jobTitle: 'Buyer' })).data
    dupe = (await api<Data<Rec>>('POST', '/api/v1/records/people', { firstName: 'Egle', lastName: 'Petraite', email: 'EGLE@nordlys.example', jobTitle: 'Head of purchasing', phone: '+37061234567' })).data
    third = (await api<Data<Rec>>('POST', '/api/v1/records/people', { firstName: 'Eglutė', lastName: 'Kitokia', email: 'eglute@kita.example' })).data
    await api('POST', '/api/v1/records/activities', { type: 'call', subject: 'Call about the Q3 order', participants: [dupe.id] })
    await api('POST', '/api/v1/records/activities', { type: 'note', subject: 'Met at the fair', participants: [keep.id] })
    browser = await openBrowserPage(problems, { consoleErrors: true })
    page = browser.page
  })

  after(async () => {
    await browser?.close()
    await server?.close()
  })

  step('run the finder over the people and see the duplicate group', async () => {
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(`${server.url}/setup`)
    await submitSetupForm(page, ADMIN)
    await page.getByRole('link', { name: 'Duplicates' }).click()
    await page.getByRole('heading', { name: 'Duplicates' }).waitFor()
    await page.getByRole('combobox', { name: 'Object', exact: true }).selectOption('people')
    for (const rule of ['Same email', 'Same phone', 'Similar name']) assert.equal(await page.getByRole('checkbox', { name: rule }).isChecked(), true)
    await page.getByRole('button', { name: 'Find duplicates' }).click()
    const group = page.locator('li.duplicate-group').filter({ hasText: 'Eglė Petraitė' })
    await group.waitFor()
    assert.match(await group.innerText(), /Egle Petraite/)
    assert.match(await page.getByRole('status').filter({ hasText: 'records checked' }).innerText(), /11 of 11 records checked/)
    assert.equal(await page.locator('li.duplicate-group').count(), 1, 'only the one real pair (email and name find the same two; shown once)')
    await screenshot('duplicates-en-1280.png')
  })

  step('merge the pair, keeping Eglė and taking the duplicate\'s job title and phone', async () => {
    await page.getByRole('button', { name: /^Merge Eglė Petraitė, Egle Petraite$/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Merge People' })
    await dialog.waitFor()
    await dialog.getByRole('radio', { name: 'Keep Eglė Petraitė' }).waitFor()
    assert.equal(await dialog.getByRole('radio', { name: 'Keep Eglė Petraitė' }).isChecked(), true, 'the older record is suggested')
    assert.equal(await dialog.getByRole('radio', { name: 'Phone: +37061234567 (from Egle Petraite)' }).isChecked(), true, 'an empty value takes the one that exists')
    await dialog.getByRole('radio', { name: 'Job title: Head of purchasing (from Egle Petraite)' }).check()
    assert.equal(await dialog.locator('td.merge-result[data-field=jobTitle]').innerText(), 'Head of purchasing')
    assert.equal(await dialog.locator('td.merge-result[data-field=firstName]').innerText(), 'Eglė')
    await screenshot('duplicates-merge-en-1280.png')
    await dialog.getByRole('button', { name: 'Review merge' }).click()
    await dialog.getByText('Merge 1 record into Eglė Petraitė?').waitFor()
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByText('No duplicates found.').waitFor()
    const survivor = (await api<Data<Rec>>('GET', `/api/v1/records/people/${keep.id}`)).data
    assert.equal(survivor.jobTitle, 'Head of purchasing')
    assert.equal(survivor.phone, '+37061234567')
    assert.equal(survivor.firstName, 'Eglė')
    await assert.rejects(api('GET', `/api/v1/records/people/${dupe.id}`), /404/)
  })

  step('the kept person\'s timeline shows the merged person\'s call and the merge', async () => {
    await page.goto(`${server.url}/records/people/${keep.id}`)
    await page.getByRole('heading', { name: 'Eglė Petraitė' }).waitFor()
    const entries = page.locator('li.timeline-entry')
    await entries.filter({ hasText: 'Call about the Q3 order' }).waitFor()
    await entries.filter({ hasText: 'Met at the fair' }).waitFor()
    await entries.filter({ hasText: /1 record merged into this one: Egle Petraite/ }).waitFor()
    const timeline = await api<Data<{ kind: string; record?: Rec }[]>>('GET', `/api/v1/records/people/${keep.id}/timeline`)
    assert.ok(timeline.data.some((item) => item.kind === 'record' && item.record?.subject === 'Call about the Q3 order'))
    await screenshot('duplicates-timeline-en-1280.png')
  })

  step('"Merge with…" on a record page finds another person and opens the merge dialog', async () => {
    await page.getByRole('button', { name: 'Merge with…' }).click()
    const picker = page.getByRole('dialog', { name: 'Merge with other People' })
    await picker.getByRole('textbox', { name: 'Search' }).fill('eglut')
    await picker.getByRole('checkbox', { name: 'Eglutė Kitokia' }).check()
    await picker.getByRole('button', { name: 'Continue' }).click()
    const dialog = page.getByRole('dialog', { name: 'Merge People' })
    await dialog.getByRole('radio', { name: 'Keep Eglutė Kitokia' }).waitFor()
    assert.equal(await dialog.getByRole('radio', { name: 'Keep Eglė Petraitė' }).isChecked(), true)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'hidden' })
    assert.equal((await api<Data<Rec>>('GET', `/api/v1/records/people/${third.id}`)).data.id, third.id, 'nothing merged on cancel')
  })

  step('Persian on a 375 px phone: right to left, the dialog scrolls inside itself', async () => {
    await page.setViewportSize({ width: 375, height: 812 })
    await page.getByLabel('Language').selectOption('fa')
    await eventually(() => page.evaluate(documentDirIs, 'rtl'), Boolean, 'right to left')
    await page.getByRole('button', { name: 'ادغام با…' }).click()
    const picker = page.getByRole('dialog')
    await picker.getByRole('textbox', { name: 'جست‌وجو' }).fill('eglut')
    await picker.getByRole('checkbox', { name: 'Eglutė Kitokia' }).check()
    await picker.getByRole('button', { name: 'ادامه' }).click()
    const dialog = page.getByRole('dialog').filter({ hasText: 'نتیجه' })
    await dialog.getByText('نتیجه').waitFor()
    assert.ok((await page.evaluate(horizontalOverflow)) <= 0, 'no sideways scrolling of the page')
    await screenshot('duplicates-merge-fa-375.png')
    await page.keyboard.press('Escape')
    await api('GET', '/api/v1/duplicates/jobs')
    await page.goto(`${server.url}/duplicates`)
    await page.getByRole('heading', { name: 'موارد تکراری' }).waitFor()
    await page.getByText('مورد تکراری پیدا نشد.').waitFor()
    assert.ok((await page.evaluate(horizontalOverflow)) <= 0, 'no sideways scrolling in Persian')
    await screenshot('duplicates-fa-375.png')
    await page.getByLabel('زبان').selectOption('lt')
    await page.getByRole('heading', { name: 'Dublikatai' }).waitFor()
    await screenshot('duplicates-lt-375.png')
    await page.getByLabel('Kalba').selectOption('ru')
    await page.getByRole('heading', { name: 'Дубликаты' }).waitFor()
    await screenshot('duplicates-ru-375.png')
    await page.getByLabel('Язык').selectOption('en')
  })

  step('no script errors on the way', async () => {
    assert.deepEqual(problems, [])
  })
})
