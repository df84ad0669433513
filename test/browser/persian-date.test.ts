/**
 * The Persian date input in a real Chromium against a real server: in Persian a date field
 * is edited with Solar Hijri day / month / year selects (Persian month names and digits),
 * 1405/01/01 is stored by the API as 2026-03-21 and shown back in the Persian calendar; the
 * editor reopens on the stored day; the composer's due date-time and the filter builder's
 * date range take Solar Hijri days too; it fits a 375 px phone, and English keeps the
 * browser's own date input. Screenshots go to test-results/screenshots/persian-date-*.png.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe } from 'node:test'
import type { Page } from 'playwright-core'
import { ROOT, apiCall, launchChromium, startServer, type RunningServer, documentDirIs, eventually, horizontalOverflow, stepper } from './support.js'

const ADMIN = { workspaceName: 'Persian date test', name: 'Dara Admin', email: 'dara@example.com', password: 'correct horse battery staple' }
const SHOTS = path.join(ROOT, 'test-results/screenshots')

type Data<T> = { data: T }
interface Rec { id: string; version: number; [key: string]: unknown }


describe('Persian date input in Chromium', { timeout: 5 * 60_000 }, () => {
  let server: RunningServer
  let browser: Awaited<ReturnType<typeof launchChromium>>
  let page: Page
  let deal: Rec
  const problems: string[] = []
  const api = <T>(method: string, url: string, body?: unknown) => apiCall<T>(server, method, url, body)
  const getDeal = async () => (await api<Data<Rec>>('GET', `/api/v1/records/opportunities/${deal.id}`)).data
  const screenshot = async (name: string) => {
    fs.mkdirSync(SHOTS, { recursive: true })
    const file = path.join(SHOTS, name)
    await page.screenshot({ path: file, fullPage: true })
    process.stdout.write(`# screenshot: ${file}\n`)
  }
  const closeDate = () => page.locator('[data-field=closeDate]')

  const step = stepper((slug) => screenshot(`persian-date-failed-${slug}.png`))

  before(async () => {
    server = await startServer()
    const company = (await api<Data<Rec>>('POST', '/api/v1/records/companies', { name: 'Pars Trading' })).data
    deal = (await api<Data<Rec>>('POST', '/api/v1/records/opportunities', { name: 'Nowruz order', company: company.id })).data
    browser = await launchChromium()
    page = browser.context.pages()[0] ?? (await browser.context.newPage())
    page.setDefaultTimeout(20_000)
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`)
    })
  })

  after(async () => {
    await browser?.close()
    await server?.close()
  })

  step('set up, switch to Persian and open the deal', async () => {
    await page.goto(`${server.url}/setup`)
    await page.getByLabel('Workspace name').fill(ADMIN.workspaceName)
    await page.getByLabel('Your name').fill(ADMIN.name)
    await page.getByLabel('Email').fill(ADMIN.email)
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN.password)
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.getByRole('link', { name: 'People' }).waitFor()
    await page.getByLabel('Language').selectOption('fa')
    await page.waitForFunction(documentDirIs, 'rtl')
    await page.goto(`${server.url}/records/opportunities/${deal.id}`)
    await page.getByRole('heading', { name: 'Nowruz order' }).waitFor()
  })

  step('1405/01/01 picked in the Solar Hijri selects is stored as 2026-03-21', async () => {
    await closeDate().getByRole('button').click()
    const group = closeDate().getByRole('group')
    await group.waitFor()
    const label = (await group.getAttribute('aria-label')) ?? ''
    const day = page.getByRole('combobox', { name: `${label}: روز` })
    const month = page.getByRole('combobox', { name: `${label}: ماه` })
    const year = page.getByRole('combobox', { name: `${label}: سال` })
    // Persian month names and digits, in the Solar Hijri calendar.
    assert.equal(await month.locator('option[value="1"]').textContent(), 'فروردین')
    assert.equal(await month.locator('option[value="12"]').textContent(), 'اسفند')
    assert.equal(await year.locator('option[value="1405"]').textContent(), '۱۴۰۵')
    await year.selectOption('1404')
    await month.selectOption('12')
    // 1404 is not a leap year: Esfand has 29 days.
    assert.equal(await day.locator('option').count(), 30, 'an empty choice and 29 days')
    await year.selectOption('1405')
    await month.selectOption('1')
    assert.equal(await day.locator('option').count(), 32, 'an empty choice and 31 days')
    await day.selectOption('1')
    await screenshot('persian-date-fa-1280.png')
    await day.press('Enter')
    await eventually(getDeal, (record) => record.closeDate === '2026-03-21', 'close date saved')
    const shown = await closeDate().getByRole('button').getAttribute('aria-label')
    assert.match(shown ?? '', /۱ فروردین ۱۴۰۵/, `shown in the Persian calendar: ${shown}`)
  })

  step('the editor reopens on the stored day and Escape leaves it unchanged', async () => {
    const before = await getDeal()
    await closeDate().getByRole('button').click()
    const selects = closeDate().getByRole('combobox')
    assert.deepEqual(await selects.evaluateAll((elements) => elements.map((element) => (element as unknown as { value: string }).value)), ['1', '1', '1405'])
    await selects.first().press('Escape')
    await closeDate().getByRole('button').waitFor()
    assert.equal((await getDeal()).version, before.version, 'nothing was sent')
  })

  step('a task due 1405/01/15 at 09:30 from the composer gets that instant', async () => {
    const composer = page.getByRole('form', { name: 'ثبت فعالیت' })
    await composer.getByText('کار', { exact: true }).click()
    await composer.getByLabel('موضوع').fill('Send the Nowruz quote')
    await composer.getByRole('combobox', { name: 'موعد: سال' }).selectOption('1405')
    await composer.getByRole('combobox', { name: 'موعد: ماه' }).selectOption('1')
    await composer.getByRole('combobox', { name: 'موعد: روز' }).selectOption('15')
    await composer.getByLabel('موعد: ساعت').fill('09:30')
    await composer.getByRole('button', { name: 'افزودن کار' }).click()
    const filter = encodeURIComponent(JSON.stringify({ field: 'subject', op: 'eq', value: 'Send the Nowruz quote' }))
    const task = await eventually(async () => (await api<{ data: Rec[] }>('GET', `/api/v1/records/activities?filter=${filter}`)).data,
      (found) => found.length === 1, 'task created')
    // The browser and this process share the machine's time zone.
    assert.equal(task[0].dueAt, new Date('2026-04-04T09:30').toISOString())
  })

  step('the filter builder takes a Solar Hijri range and sends ISO days', async () => {
    await page.goto(`${server.url}/records/opportunities`)
    await page.getByRole('button', { name: 'فیلتر', exact: true }).click()
    const drawer = page.getByRole('dialog', { name: 'فیلتر' })
    await drawer.getByRole('button', { name: 'افزودن شرط' }).click()
    await drawer.getByRole('combobox', { name: 'فیلد' }).selectOption('closeDate')
    await drawer.getByRole('combobox', { name: 'عملگر' }).selectOption('between')
    const pick = async (which: string, year: string, month: string, day: string) => {
      await drawer.getByRole('combobox', { name: `${which}: سال` }).selectOption(year)
      await drawer.getByRole('combobox', { name: `${which}: ماه` }).selectOption(month)
      await drawer.getByRole('combobox', { name: `${which}: روز` }).selectOption(day)
    }
    await pick('تاریخ بستن از', '1405', '1', '1')
    await pick('تاریخ بستن تا', '1405', '1', '31')
    await screenshot(`persian-date-filter-fa-${page.viewportSize()?.width}.png`)
    const request = page.waitForRequest((r) => r.url().includes('/api/v1/records/opportunities?') && r.url().includes('filter='))
    await drawer.getByRole('button', { name: 'اعمال' }).click()
    const sent = new URL((await request).url()).searchParams.get('filter') ?? ''
    assert.match(sent, /"2026-03-21"/, sent)
    assert.match(sent, /"2026-04-20"/, sent)
    await page.goto(`${server.url}/records/opportunities/${deal.id}`)
    await page.getByRole('heading', { name: 'Nowruz order' }).waitFor()
  })

  step('a 375 px phone fits the selects without sideways scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 812 })
    await closeDate().getByRole('button').click()
    await closeDate().getByRole('group').waitFor()
    assert.ok((await page.evaluate(horizontalOverflow)) <= 0, 'no horizontal overflow')
    const box = await closeDate().getByRole('group').boundingBox()
    assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `the selects are on screen: ${JSON.stringify(box)}`)
    await screenshot('persian-date-fa-375.png')
    await closeDate().getByRole('combobox').first().press('Escape')
  })

  step('English keeps the browser date input', async () => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.getByLabel('زبان').selectOption('en')
    await page.waitForFunction(documentDirIs, 'ltr')
    await closeDate().getByRole('button', { name: /^Edit Close date: Mar 21, 2026/ }).click()
    const input = closeDate().locator('input')
    assert.equal(await input.getAttribute('type'), 'date')
    assert.equal(await input.inputValue(), '2026-03-21')
    await input.press('Escape')
  })

  step('no errors in the page or the console', async () => {
    assert.deepEqual(problems, [])
  })
})
