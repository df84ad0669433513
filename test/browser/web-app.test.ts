/**
 * The web app in a real Chromium against a real server: first-run setup, the people table
 * (virtual rows, keyset paging on scroll, sorting), Ctrl+K search, Persian right-to-left, the
 * phone card list, sign-out and sign-in. Screenshots land in $RAPPORT_SCREENSHOT_DIR (default
 * /tmp/rapport-screenshots) for a person to look at.
 */
import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, describe } from 'node:test'
import type { BrowserContext, Page } from 'playwright-core'
import { apiCall, openBrowserPage, saveScreenshot, screenshotDir, startServer, stepper, submitSetupForm, submitSignIn, type BrowserPage, type RunningServer, documentDirIs } from './support.js'

const PEOPLE = 300
const PAGE_SIZE = 100
/** The virtualizer keeps the DOM small however many rows are loaded. */
const MAX_RENDERED_ROWS = 100
const ADMIN = { workspaceName: 'Browser test', name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery staple' }

const FIRST_NAMES = ['Jūratė', 'Иван', 'Maryam', 'Tomas', 'Ольга', 'Reza', 'Emily', 'Dovydas', 'Анна', 'Sara']
const JOB_TITLES = ['Account manager', 'Buyer', 'Chief financial officer', 'Engineer', 'Office manager']
const LAST_NAMES = ['Kazlauskienė', 'Петров', 'Ahmadi', 'Smith', 'Соколова', 'Karimi', 'Jones', 'Petrauskas', 'Brown', 'Moradi']

function person(index: number, companies: string[]) {
  if (index === 137) return { firstName: 'Zebulon', lastName: 'Quartermaine', email: 'zebulon@example.com', company: companies[0] }
  if (index === 250) return { firstName: 'Agnes', lastName: 'Aaberg', company: companies[1] }
  return {
    firstName: FIRST_NAMES[index % FIRST_NAMES.length],
    lastName: `${LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length]}`,
    email: `person${index}@example.com`,
    phone: `+3706${String(1_000_000 + index * 7919).slice(-7)}`,
    jobTitle: JOB_TITLES[index % JOB_TITLES.length],
    company: companies[index % companies.length],
  }
}

async function seed(server: RunningServer): Promise<void> {
  const companies = await apiCall<{ data: { id: string }[] }>(server, 'POST', '/api/v1/records/companies/batch', {
    operations: ['Vilniaus Duona', 'Северсталь', 'پارس نوین', 'Acme Ltd', 'Globex'].map((name) => ({ op: 'create', data: { name } })),
  })
  const companyIds = companies.data.map((result) => result.id)
  await apiCall(server, 'POST', '/api/v1/records/people/batch', {
    operations: Array.from({ length: PEOPLE }, (_, index) => ({ op: 'create', data: person(index, companyIds) })),
  })
}

// These run in the page. They are functions, not strings: the app's CSP forbids eval, and the
// test's own TypeScript has no DOM types, hence the casts (inline: each function is sent alone).
interface PageGlobals {
  document: { documentElement: { dir: string; lang: string; scrollWidth: number }; querySelector(selector: string): { getBoundingClientRect(): { left: number; right: number } } | null }
  innerWidth: number
  requestAnimationFrame(callback: () => void): void
}
const scrollToEnd = (element: unknown) => {
  const scroller = element as { scrollTop: number; scrollHeight: number }
  scroller.scrollTop = scroller.scrollHeight
}
const navigationIsOffScreen = () => {
  const box = (globalThis as unknown as PageGlobals).document.querySelector('nav')?.getBoundingClientRect()
  return !box || box.right <= 0 || box.left >= (globalThis as unknown as PageGlobals).innerWidth
}
/** Lets the virtualizer measure the cards and the layout settle. */
const nextFrames = () => new Promise<void>((resolve) => (globalThis as unknown as PageGlobals).requestAnimationFrame(() => (globalThis as unknown as PageGlobals).requestAnimationFrame(resolve)))

const dataRows = (page: Page) => page.locator('.record-body [role=row]')
const loadedStatus = (page: Page, count: number) => page.getByRole('status').filter({ hasText: `${count} records loaded` })

describe('web app in Chromium', { timeout: 15 * 60_000 }, () => {
  let server: RunningServer
  let browser: BrowserPage
  let context: BrowserContext
  let page: Page
  const problems: string[] = []
  const shots = screenshotDir()
  const screenshot = (name: string) => saveScreenshot(page, path.join(shots, name))
  const step = stepper((slug) => screenshot(`failed-${slug}.png`))

  before(async () => {
    server = await startServer()
    await seed(server)
    browser = await openBrowserPage(problems, { consoleErrors: true })
    context = browser.context
    page = browser.page
  })

  after(async () => {
    await browser?.close()
    await server?.close()
  })

  step('first-run setup creates the administrator and lands signed in', async () => {
    await page.goto(server.url)
    await page.getByRole('heading', { name: 'Sign in to Rapport' }).waitFor()
    await page.getByRole('link', { name: /create the administrator/i }).click()
    await page.getByRole('heading', { name: 'Set up Rapport' }).waitFor()
    await submitSetupForm(page, ADMIN)
    await page.getByRole('heading', { name: ADMIN.workspaceName }).waitFor()
    await page.getByRole('link', { name: 'People' }).waitFor()
    await page.waitForURL(/\/records\/\w+$/)
  })

  step('the people table shows a page of rows, virtualized', async () => {
    await page.getByRole('link', { name: 'People' }).click()
    await page.waitForURL(/\/records\/people$/)
    await page.getByRole('table', { name: 'People list' }).waitFor()
    await loadedStatus(page, PAGE_SIZE).waitFor()
    const rendered = await dataRows(page).count()
    assert.ok(rendered > 5 && rendered <= MAX_RENDERED_ROWS, `${rendered} rows in the DOM`)
    await assert.doesNotReject(page.getByRole('cell', { name: 'Vilniaus Duona' }).first().waitFor(), 'relation cells show the company name')
    await screenshot('01-people-en-desktop.png')
  })

  step('scrolling to the end loads the next keyset pages', async () => {
    const scroller = page.getByRole('region', { name: 'People list' })
    for (const loaded of [2 * PAGE_SIZE, PEOPLE]) {
      await scroller.evaluate(scrollToEnd)
      await loadedStatus(page, loaded).waitFor()
    }
    await scroller.evaluate(scrollToEnd)
    assert.ok((await dataRows(page).count()) <= MAX_RENDERED_ROWS, 'still only the rows in view are rendered')
    // Newest first by default: the first person created is the last row.
    await dataRows(page).last().getByText('person0@example.com').waitFor()
  })

  step('clicking a header sorts by that column', async () => {
    const header = page.getByRole('columnheader', { name: 'Last name' })
    await header.getByRole('button').click()
    await page.waitForURL(/sort=lastName$/)
    assert.equal(await header.getAttribute('aria-sort'), 'ascending')
    await dataRows(page).first().getByText('Aaberg').waitFor()
    await header.getByRole('button').click()
    await page.waitForURL(/sort=-lastName$/)
    assert.equal(await header.getAttribute('aria-sort'), 'descending')
    await header.getByRole('button').click()
    await page.waitForURL(/\/records\/people$/)
  })

  step('Ctrl+K search finds a person and opens the record', async () => {
    await page.keyboard.press('Control+K')
    const dialog = page.getByRole('dialog', { name: 'Search records' })
    await dialog.waitFor()
    await dialog.getByRole('combobox').fill('zebul')
    await dialog.getByRole('option', { name: /Zebulon Quartermaine/ }).waitFor()
    await screenshot('02-search-en.png')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Zebulon Quartermaine' }).waitFor()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByText('zebulon@example.com').waitFor()
    await page.getByText('Vilniaus Duona').waitFor()
  })

  step('Persian turns the page right-to-left with translated labels and Persian dates', async () => {
    await page.getByRole('link', { name: /Back to People/ }).click()
    await page.getByLabel('Language').selectOption('fa')
    await page.waitForFunction(documentDirIs, 'rtl')
    assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.lang), 'fa')
    await page.getByRole('button', { name: 'جستجو' }).waitFor()
    await page.getByText('اشیاء').waitFor()
    await page.getByRole('columnheader', { name: 'تاریخ ایجاد' }).waitFor()
    // Standard labels are workspace data kept at their English defaults, shown in Persian.
    await page.getByRole('columnheader', { name: 'نام خانوادگی' }).waitFor()
    await page.getByRole('heading', { name: 'اشخاص' }).waitFor()
    const created = await dataRows(page).first().getByRole('cell').last().textContent()
    assert.match(created ?? '', /[۰-۹]/, `a Persian date with Persian digits: ${created}`)
    // The navigation sits on the right in a right-to-left page.
    const nav = await page.getByRole('navigation').boundingBox()
    assert.ok(nav && nav.x > 640, `navigation at x=${nav?.x}`)
    await screenshot('03-people-fa-desktop.png')
    await page.getByLabel('زبان').selectOption('en')
    await page.waitForFunction(documentDirIs, 'ltr')
  })

  step('a phone-width screen shows cards instead of the table', async () => {
    await page.setViewportSize({ width: 375, height: 812 })
    await page.locator('.record-cards [role=listitem]').first().waitFor()
    await page.waitForFunction(navigationIsOffScreen)
    await page.evaluate(nextFrames)
    assert.equal(await page.getByRole('table').count(), 0)
    const width = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth)
    assert.ok(width <= 375, `no sideways scrolling on a phone (scrollWidth ${width})`)
    await screenshot('04-people-en-phone.png')
    await page.getByRole('button', { name: 'Toggle navigation' }).click()
    await page.getByRole('link', { name: 'Companies' }).click()
    await page.getByRole('link', { name: 'Vilniaus Duona' }).waitFor()
    await page.setViewportSize({ width: 1280, height: 800 })
  })

  step('an ended session brings back the sign-in page, saying why', async () => {
    await context.clearCookies()
    await page.getByRole('link', { name: 'Opportunities' }).click()
    await page.getByText('Your session has ended; sign in again.').waitFor()
    assert.match(page.url(), /\/records\/opportunities$/, 'the asked-for page stays in the address bar')
    await submitSignIn(page, ADMIN.email, ADMIN.password)
    await page.getByRole('heading', { name: 'Opportunities' }).waitFor()
  })

  step('sign-out returns to the sign-in page and signing in comes back', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('heading', { name: 'Sign in to Rapport' }).waitFor()
    await submitSignIn(page, ADMIN.email, 'wrong password!')
    await page.getByRole('alert').filter({ hasText: /wrong/i }).waitFor()
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: ADMIN.workspaceName }).waitFor()
    assert.deepEqual(problems, [], 'no script errors or CSP violations in the console')
  })
})
