/**
 * The import wizard in a real Chromium against a real server: a Windows-1251 Russian CSV is
 * dropped on the page, its encoding is detected, an unrecognised column is mapped by hand and
 * saved as a template, the dry run shows the exact counts and failing rows, the apply's
 * progress bar (fed by SSE) reaches 100 %, the people exist in the API, and undo from the job
 * list removes them. Persian is right-to-left and both screens fit 375 px. Screenshots go to
 * test-results/screenshots/imports-*.png.
 */
import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, describe } from 'node:test'
import type { Page } from 'playwright-core'
import { apiCall, documentDirIs, eventually, horizontalOverflow, openBrowserPage, saveScreenshot, SCREENSHOTS, startServer, stepper, submitSetupForm, type BrowserPage, type RunningServer } from './support.js'

const ADMIN = { workspaceName: 'Import test', name: 'Imp Admin', email: 'imp@example.com', password: 'correct horse battery staple' }
const GOOD_ROWS = 600
const FIRST_NAMES = ['Иван', 'Мария', 'Ёжик', 'Пётр', 'Анна', 'Щукин']
const LAST_NAMES = ['Петров', 'Сидорова', 'Эйхвальд', 'Чайковский', 'Жукова', 'Шмидт']

/** Windows-1251 bytes, by inverting Node's decoder (Node cannot encode this code page). */
function windows1251(text: string): number[] {
  const decoder = new TextDecoder('windows-1251')
  const table = new Map<string, number>()
  for (let byte = 0x80; byte <= 0xff; byte++) table.set(decoder.decode(Uint8Array.of(byte)), byte)
  return [...text].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : table.get(ch)!))
}

function russianCsv(): string {
  const lines = ['Имя;Фамилия;Электронный адрес;Заметка']
  for (let i = 0; i < GOOD_ROWS; i++) lines.push(`${FIRST_NAMES[i % 6]};${LAST_NAMES[i % 6]}-${i};client${i}@wizard.example;заметка ${i}`)
  lines.splice(11, 0, 'Плохой;Адрес;не-почта;x')
  lines.splice(301, 0, 'Ещё;Плохой;@@;y')
  return `${lines.join('\r\n')}\r\n`
}

interface Person { id: string; firstName: string; lastName: string; email: string }

describe('import wizard in Chromium', { timeout: 10 * 60_000 }, () => {
  let server: RunningServer
  let browser: BrowserPage
  let page: Page
  const problems: string[] = []
  const screenshot = (name: string, fullPage = false) => saveScreenshot(page, path.join(SCREENSHOTS, name), { fullPage })
  const step = stepper((slug) => screenshot(`imports-failed-${slug}.png`))
  const wizardPeople = async () => (await apiCall<{ data: Person[] }>(server, 'POST', '/api/v1/records/people/query', {
    filter: { field: 'email', op: 'contains', value: 'wizard.example' }, limit: 1000, sort: [{ field: 'email', dir: 'asc' }],
  })).data
  const badge = (kind: string) => page.locator(`[data-testid="import-counts"] [data-kind="${kind}"]`).first()

  before(async () => {
    server = await startServer()
    browser = await openBrowserPage(problems, { consoleErrors: true })
    page = browser.page
    page.on('dialog', (dialog) => void dialog.accept())
  })

  after(async () => {
    await browser?.close()
    await server?.close()
  })

  step('set up, open the wizard from the navigation', async () => {
    await page.goto(`${server.url}/setup`)
    await submitSetupForm(page, ADMIN)
    await page.getByRole('link', { name: 'Import', exact: true }).click()
    await page.getByRole('heading', { name: 'Import records' }).waitFor()
    await screenshot('imports-en-1280-upload.png')
  })

  step('drop a Windows-1251 file: the encoding is detected and known columns are matched', async () => {
    await page.getByRole('combobox', { name: 'Import into' }).click()
    await page.getByRole('option', { name: 'People', exact: true }).click()
    const bytes = windows1251(russianCsv())
    // A real drop event carrying the file, as the browser fires it after a drag from the desktop (runs in the page).
    await page.getByRole('button', { name: 'Choose a CSV file to import' }).evaluate((target, data) => {
      const w = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } }
        File: new (parts: unknown[], name: string, init: { type: string }) => unknown
        DragEvent: new (type: string, init: { dataTransfer: unknown; bubbles: boolean; cancelable: boolean }) => unknown
      }
      const transfer = new w.DataTransfer()
      transfer.items.add(new w.File([new Uint8Array(data)], 'клиенты-cp1251.csv', { type: 'text/csv' }))
      ;(target as unknown as { dispatchEvent(event: unknown): boolean }).dispatchEvent(new w.DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
    }, bytes)
    await page.getByRole('combobox', { name: 'Encoding' }).waitFor()
    await eventually(() => page.getByRole('combobox', { name: 'Encoding' }).inputValue(), (v) => v === 'windows-1251 (detected)', 'detected encoding')
    assert.equal(await page.getByRole('combobox', { name: 'Delimiter' }).inputValue(), 'Semicolon (;) (detected)')
    assert.equal(await page.getByRole('combobox', { name: 'Field for column Имя' }).inputValue(), 'First name')
    assert.equal(await page.getByRole('combobox', { name: 'Field for column Фамилия' }).inputValue(), 'Last name')
    assert.equal(await page.getByRole('combobox', { name: 'Field for column Электронный адрес' }).inputValue(), "Don't import")
    // Before the fix every row is creatable: the bad addresses are in a column nobody imports.
    await eventually(() => badge('create').getAttribute('data-count'), (v) => v === String(GOOD_ROWS + 2), 'first dry run create count')
  })

  step('map the e-mail column by hand, save it as a template, and the dry run counts exactly', async () => {
    await page.getByRole('combobox', { name: 'Field for column Электронный адрес' }).click()
    await page.getByRole('option', { name: 'Email', exact: true }).click()
    await page.getByText('The columns or options changed').waitFor()
    assert.equal(await page.getByRole('button', { name: /^Import \d/ }).isDisabled(), true, 'no apply before a fresh dry run')
    await page.getByLabel('Template name').fill('CRM 1251 export')
    await page.getByRole('button', { name: 'Save as template' }).click()
    await page.getByText('Template “CRM 1251 export” saved').waitFor()
    const templates = await apiCall<{ data: { name: string; mapping: Record<string, string | null> }[] }>(server, 'GET', '/api/v1/import-templates?object=people')
    assert.deepEqual(templates.data.map((t) => [t.name, t.mapping['Электронный адрес']]), [['CRM 1251 export', 'email']])

    await page.getByRole('button', { name: 'Check again' }).click()
    await page.getByTestId('import-errors').waitFor()
    assert.equal(await badge('create').getAttribute('data-count'), String(GOOD_ROWS))
    assert.equal(await badge('update').getAttribute('data-count'), '0')
    assert.equal(await badge('skip').getAttribute('data-count'), '0')
    assert.equal(await badge('fail').getAttribute('data-count'), '2')
    assert.equal(await badge('create').textContent(), `${GOOD_ROWS} to create`)
    const rows = (await page.getByTestId('import-errors').locator('tbody tr').allInnerTexts()).map((line) => line.split('\t'))
    assert.deepEqual(rows.map((r) => [r[0], r[1], r[3]]), [['12', 'Электронный адрес', 'не-почта'], ['302', 'Электронный адрес', '@@']])
    const csvHref = await page.getByRole('link', { name: 'Download errors.csv' }).getAttribute('href')
    const csv = await page.context().request.get(`${server.url}${csvHref}`)
    assert.match(await csv.text(), /^"row","column","reason","value"\r\n"12","Электронный адрес",/)
    assert.equal((await wizardPeople()).length, 0, 'a dry run writes nothing')
    await screenshot('imports-en-1280-dry-run.png', true)
  })

  step('apply: the progress bar reaches 100 % and the people exist', async () => {
    await page.getByRole('button', { name: `Import ${GOOD_ROWS} rows` }).click()
    await page.locator('[data-testid="import-run"][data-status="completed"]').waitFor({ timeout: 60_000 })
    assert.equal(await page.getByTestId('import-progress').getAttribute('data-percent'), '100')
    await page.getByText(`${GOOD_ROWS + 2} of ${GOOD_ROWS + 2} rows`).waitFor()
    assert.equal(await badge('create').textContent(), `${GOOD_ROWS} created`)
    assert.equal(await badge('fail').textContent(), '2 failed')
    const people = await wizardPeople()
    assert.equal(people.length, GOOD_ROWS)
    const first = people.find((p) => p.email === 'client0@wizard.example')!
    assert.deepEqual([first.firstName, first.lastName], ['Иван', 'Петров-0'])
    const third = people.find((p) => p.email === 'client2@wizard.example')!
    assert.deepEqual([third.firstName, third.lastName], ['Ёжик', 'Эйхвальд-2'])
    await screenshot('imports-en-1280-applied.png')
  })

  step('the job list shows both jobs; undo removes the imported people', async () => {
    await page.getByRole('link', { name: 'All imports' }).click()
    await page.getByRole('heading', { name: 'Imports' }).waitFor()
    const jobs = page.getByTestId('import-jobs').locator('tbody tr')
    await eventually(() => jobs.count(), (n) => n === 3, 'two dry runs and one import listed')
    await screenshot('imports-en-1280-jobs.png')
    const applied = page.locator('[data-testid="import-jobs"] tr[data-status="completed"]').filter({ has: page.getByRole('button', { name: /^Undo import/ }) })
    await applied.getByRole('button', { name: /^Undo import/ }).click()
    await page.locator('[data-testid="import-jobs"] tr[data-status="undone"]').waitFor()
    await eventually(() => wizardPeople(), (p) => p.length === 0, 'the imported people are gone')
  })

  step('Persian is right-to-left and the wizard and list fit a 375 px phone', async () => {
    await page.getByLabel('Language').selectOption('fa')
    await page.waitForFunction(documentDirIs, 'rtl')
    await page.getByRole('heading', { name: 'درون‌ریزی‌ها' }).waitFor()
    await page.setViewportSize({ width: 375, height: 812 })
    await page.waitForTimeout(300)
    assert.ok(await page.evaluate(horizontalOverflow) <= 0, 'the job list does not scroll the page sideways at 375 px')
    await screenshot('imports-fa-375-jobs.png')
    await page.getByRole('link', { name: 'درون‌ریزی تازه' }).click()
    await page.getByRole('heading', { name: 'درون‌ریزی رکوردها' }).waitFor()
    await page.getByRole('combobox', { name: 'درون‌ریزی به' }).click()
    await page.getByRole('option', { name: 'اشخاص', exact: true }).click()
    await page.getByTestId('import-file').setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: Buffer.from(windows1251(russianCsv())) })
    await page.getByText('الگوی «CRM 1251 export» با این فایل جور است.').waitFor()
    await page.getByRole('button', { name: 'به‌کار بردن الگو' }).first().click()
    assert.equal(await page.getByRole('combobox', { name: 'فیلد برای ستون Электронный адрес' }).inputValue(), 'ایمیل', 'the suggested template maps the column again (standard labels read in Persian)')
    await page.getByRole('button', { name: 'بررسی دوباره' }).click()
    await eventually(() => badge('fail').getAttribute('data-count'), (v) => v === '2', 'Persian dry run fail count')
    await page.waitForTimeout(300)
    assert.ok(await page.evaluate(horizontalOverflow) <= 0, 'the wizard does not scroll the page sideways at 375 px')
    await screenshot('imports-fa-375-wizard.png', true)
    await page.getByLabel('زبان').selectOption('en')
    await page.waitForFunction(documentDirIs, 'ltr')
    await page.waitForTimeout(300)
    assert.ok(await page.evaluate(horizontalOverflow) <= 0, 'the wizard fits 375 px in English')
    await screenshot('imports-en-375-wizard.png', true)
    await page.setViewportSize({ width: 1280, height: 800 })
  })

  step('Persian at 375 px: a website column maps to the company domain, and phones read in the chosen country', async () => {
    await apiCall(server, 'POST', '/api/v1/records/companies', { name: 'Acme Dom', domain: 'https://www.acme-dom.example/' })
    await page.getByLabel('Language').selectOption('fa')
    await page.waitForFunction(documentDirIs, 'rtl')
    await page.setViewportSize({ width: 375, height: 812 })
    await page.goto(`${server.url}/import?object=people`)
    await page.getByRole('heading', { name: 'درون‌ریزی رکوردها' }).waitFor()
    const csv = 'First name,Email,Phone,وب‌سایت\nLina,lina@dom-wizard.example,8 612 34567,acme-dom.example\nMo,mo@gmail.com,8 612 34568,\n'
    await page.getByTestId('import-file').setInputFiles({ name: 'people-web.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    const website = page.getByRole('combobox', { name: 'فیلد برای ستون وب‌سایت' })
    await eventually(() => website.inputValue(), (v) => v.endsWith(': وب‌سایت یا دامنه'), 'the website column maps to the company domain')
    // The workspace set up here reads national numbers as US ones: Lithuanian numbers fail until LT is chosen.
    await eventually(() => badge('fail').getAttribute('data-count'), (v) => v === '2', 'national LT numbers fail in a US workspace')
    const country = page.getByRole('textbox', { name: 'کشور شماره‌های تلفن' })
    await country.fill('ZZ')
    await page.getByRole('button', { name: 'بررسی دوباره' }).click()
    await page.getByText(/ZZ/).first().waitFor()
    await country.fill('lt')
    assert.equal(await country.inputValue(), 'LT')
    await page.getByRole('button', { name: 'بررسی دوباره' }).click()
    await page.getByTestId('import-default-country').waitFor()
    assert.equal(await page.getByTestId('import-default-country').textContent(), 'شماره‌های بدون پیش‌شمارهٔ کشور، شمارهٔ LT خوانده می‌شوند')
    await eventually(() => badge('create').getAttribute('data-count'), (v) => v === '2', 'both rows valid with LT phones')
    assert.equal(await badge('fail').getAttribute('data-count'), '0')
    assert.match(await page.getByTestId('import-matched').textContent() ?? '', /^۱ رکورد موجود در شرکت‌ها پیوند داده می‌شود$/)
    await page.waitForTimeout(300)
    assert.ok(await page.evaluate(horizontalOverflow) <= 0, 'the wizard with the new field fits 375 px')
    await screenshot('importdomain-fa-375.png', true)
    await page.getByLabel('زبان').selectOption('en')
    await page.waitForFunction(documentDirIs, 'ltr')
    await page.setViewportSize({ width: 1280, height: 800 })
    await screenshot('importdomain-en-1280.png', true)
  })

  step('no script or console errors', async () => {
    assert.deepEqual(problems, [])
  })
})
