/**
 * Settings in a real Chromium against a real server: the administrator signs in through the
 * UI, builds a custom object with a select field in the data model editor, sees a record of it
 * (made over the API) in the records table, creates an API key that is shown once, and writes
 * from a second tab of the same session (its CSRF token comes from GET /auth/me).
 * Screenshots: test-results/screenshots/settings-<locale>-<width>.png.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { BrowserContext, Page } from 'playwright-core'
import { apiCall, launchChromium, ROOT, startServer, type RunningServer } from './support.js'

const ADMIN = { workspaceName: 'Settings test', name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery staple' }
const SHOTS = path.join(ROOT, 'test-results/screenshots')

interface PageGlobals { sessionStorage: { getItem(key: string): string | null }; localStorage: { setItem(key: string, value: string): void } }
const storedCsrf = () => (globalThis as unknown as PageGlobals).sessionStorage.getItem('rapport.csrfToken')
const chooseLanguage = (language: string) => (globalThis as unknown as PageGlobals).localStorage.setItem('rapport.language', language)

describe('settings in Chromium', { timeout: 10 * 60_000 }, () => {
  let server: RunningServer
  let browser: Awaited<ReturnType<typeof launchChromium>>
  let context: BrowserContext
  let page: Page
  const problems: string[] = []
  const screenshot = async (target: Page, name: string) => {
    fs.mkdirSync(SHOTS, { recursive: true })
    const file = path.join(SHOTS, name)
    await target.screenshot({ path: file, fullPage: true })
    process.stdout.write(`# screenshot: ${file}\n`)
  }

  let broken: string | undefined
  const step = (name: string, body: () => Promise<void>) => test(name, async (t) => {
    if (broken) return t.skip(`"${broken}" failed`)
    try {
      await body()
    } catch (error) {
      broken = name
      await screenshot(page, `settings-failed-${name.replace(/\W+/g, '-').slice(0, 40)}.png`).catch(() => {})
      throw error
    }
  })

  before(async () => {
    server = await startServer()
    browser = await launchChromium()
    context = browser.context
    page = context.pages()[0] ?? (await context.newPage())
    page.setDefaultTimeout(20_000)
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  step('the sign-in page links to setup only while setup is open, and setup signs the admin in', async () => {
    await page.goto(server.url)
    await page.getByRole('heading', { name: 'Sign in to Rapport' }).waitFor()
    await page.getByRole('link', { name: /create the administrator/i }).click()
    await page.getByLabel('Workspace name').fill(ADMIN.workspaceName)
    await page.getByLabel('Your name').fill(ADMIN.name)
    await page.getByLabel('Email').fill(ADMIN.email)
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN.password)
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.getByRole('heading', { name: ADMIN.workspaceName }).waitFor()
    // Signed out, the setup link is gone and /setup goes back to sign-in.
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('heading', { name: 'Sign in to Rapport' }).waitFor()
    await page.getByRole('link', { name: 'Forgot your password?' }).waitFor()
    assert.equal(await page.getByRole('link', { name: /create the administrator/i }).count(), 0)
    await page.goto(`${server.url}/setup`)
    await page.waitForURL(/\/sign-in$/)
    await page.getByLabel('Email').fill(ADMIN.email)
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: ADMIN.workspaceName }).waitFor()
  })

  step('the data model editor creates a custom object and a select field', async () => {
    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('link', { name: 'Data model' }).click()
    await page.getByRole('table', { name: 'Objects' }).waitFor()
    await page.getByRole('button', { name: 'New object' }).click()
    const dialog = page.getByRole('dialog', { name: 'New object' })
    await dialog.getByLabel('Name (one record)').fill('Project')
    await dialog.getByLabel('Name (many records)').fill('Projects')
    assert.equal(await dialog.getByLabel('API name').inputValue(), 'projects')
    await dialog.getByRole('button', { name: 'Create' }).click()
    await page.waitForURL(/\/settings\/data-model\/projects$/)
    await page.getByRole('heading', { name: 'Projects' }).waitFor()

    await page.getByRole('button', { name: 'Add field' }).click()
    const field = page.getByRole('dialog', { name: 'New field of Project' })
    await field.getByLabel('Label').fill('Status')
    await field.getByLabel('Type').selectOption('select')
    for (const [index, label] of ['Planned', 'Active', 'Done'].entries()) {
      await field.getByRole('button', { name: 'Add option' }).click()
      await field.getByLabel(`Option ${index + 1}`).fill(label)
    }
    await field.getByRole('button', { name: 'Move “Done” up' }).click()
    await field.getByRole('button', { name: 'Add field' }).click()
    await field.waitFor({ state: 'hidden' })
    const row = page.getByRole('table', { name: 'Fields of Projects' }).getByRole('row', { name: /Status/ })
    await row.getByText('Select').waitFor()
    const object = await apiCall<{ data: { fields: { apiName: string; options: { choices?: { value: string; label: string }[] } }[] } }>(server, 'GET', '/api/v1/metadata/objects/projects')
    const status = object.data.fields.find((f) => f.apiName === 'status')
    assert.deepEqual(status?.options.choices?.map((c) => [c.value, c.label]), [['planned', 'Planned'], ['done', 'Done'], ['active', 'Active']])
    await screenshot(page, 'settings-en-1280.png')
  })

  step('a record made over the API shows in the new object\'s table', async () => {
    await apiCall(server, 'POST', '/api/v1/records/projects', { name: 'Apollo', status: 'active' })
    await page.getByRole('link', { name: 'Open records' }).click()
    await page.waitForURL(/\/records\/projects$/)
    // Exact: the row's checkbox cell is named 'Select Apollo'.
    await page.getByRole('cell', { name: 'Apollo', exact: true }).waitFor()
  })

  step('an API key is shown once, works, and is listed by its prefix only', async () => {
    await page.goto(`${server.url}/settings/api-keys`)
    await page.getByLabel('Key name').fill('CI')
    await page.getByRole('button', { name: 'Create key' }).click()
    const key = (await page.getByTestId('new-api-key').textContent())?.trim() ?? ''
    assert.match(key, /^rpk_/)
    await page.getByRole('button', { name: 'Copy key' }).waitFor()
    const me = await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${key}` } })
    assert.equal(me.status, 200)
    assert.equal((await me.json() as { data: { user: { email: string } } }).data.user.email, ADMIN.email)
    await page.getByRole('table', { name: 'API keys' }).getByRole('cell', { name: 'CI', exact: true }).waitFor()
    await page.reload()
    await page.getByRole('table', { name: 'API keys' }).waitFor()
    assert.equal(await page.getByTestId('new-api-key').count(), 0, 'the key is not shown again')
    assert.equal(await page.getByText(key).count(), 0)
  })

  step('a second tab of the session writes (its CSRF token comes from /auth/me)', async () => {
    const tab = await context.newPage()
    tab.setDefaultTimeout(20_000)
    await tab.goto(`${server.url}/settings/workspace`)
    const name = tab.getByLabel('Workspace name')
    await name.waitFor()
    assert.ok(await tab.evaluate(storedCsrf), 'the new tab has the session\'s token')
    await name.fill('Renamed in tab two')
    await tab.getByRole('button', { name: 'Save' }).click()
    await tab.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
    const settings = await apiCall<{ data: { name: string } }>(server, 'GET', '/api/v1/workspace')
    assert.equal(settings.data.name, 'Renamed in tab two')
    assert.equal(await tab.evaluate(storedCsrf), await page.evaluate(storedCsrf), 'both tabs hold the one token sign-in gave')
    await tab.close()
  })

  step('fields: a relation, renamed and removed select options, a deletion that names the loss', async () => {
    await page.goto(`${server.url}/settings/data-model/projects`)
    await page.getByRole('button', { name: 'Add field' }).click()
    const add = page.getByRole('dialog', { name: 'New field of Project' })
    await add.getByLabel('Label').fill('Client')
    await add.getByLabel('Type').selectOption('relation')
    await add.getByLabel('Related object').selectOption({ label: 'Companies' })
    await add.getByLabel('Relation').selectOption('manyToOne')
    await add.getByRole('button', { name: 'Add field' }).click()
    await add.waitFor({ state: 'hidden' })
    const fields = page.getByRole('table', { name: 'Fields of Projects' })
    await fields.getByRole('row', { name: /Client/ }).getByText('Relation').waitFor()

    await page.getByRole('button', { name: 'Edit field Status' }).click()
    const edit = page.getByRole('dialog', { name: 'Edit field “Status”' })
    await edit.getByLabel('Option 1').fill('Backlog')
    await edit.getByRole('button', { name: 'Remove option “Done”' }).click()
    await edit.getByRole('button', { name: 'Save' }).click()
    await edit.waitFor({ state: 'hidden' })

    await page.getByRole('button', { name: 'Delete field Client' }).click()
    const confirm = page.getByRole('dialog', { name: 'Delete field?' })
    await confirm.getByText('Deleting the field “Client” erases its value in every record of Projects. This cannot be undone.').waitFor()
    await confirm.getByRole('button', { name: 'Delete field and its data' }).click()
    await confirm.waitFor({ state: 'hidden' })
    await fields.getByRole('row', { name: /Client/ }).waitFor({ state: 'detached' })

    const object = await apiCall<{ data: { fields: { apiName: string; type: string; options: { choices?: { value: string; label: string }[] } }[] } }>(server, 'GET', '/api/v1/metadata/objects/projects')
    assert.deepEqual(object.data.fields.map((f) => f.apiName).sort(), ['name', 'status'])
    assert.deepEqual(object.data.fields.find((f) => f.apiName === 'status')?.options.choices?.map((c) => [c.value, c.label]), [['planned', 'Backlog'], ['active', 'Active']])
  })

  step('pipelines: rename a stage, set its probability, reorder', async () => {
    await page.goto(`${server.url}/settings/pipelines`)
    const stages = page.getByRole('textbox', { name: 'Stage', exact: true })
    await stages.nth(1).waitFor()
    assert.equal(await stages.nth(1).inputValue(), 'Discovery')
    await stages.nth(1).fill('Discovery call')
    await stages.nth(1).press('Enter')
    const probability = page.getByRole('spinbutton', { name: 'Probability %' }).nth(1)
    await probability.fill('30')
    await probability.blur()
    await page.getByRole('button', { name: 'Move “Proposal” up' }).click()
    const order = async () => (await apiCall<{ data: { name: string; probability: number }[] }>(server, 'GET', '/api/v1/records/pipelineStages?sort=position&limit=10')).data
    for (let tries = 0; ; tries++) {
      const names = (await order()).map((s) => s.name)
      if (names.join() === 'Qualification,Proposal,Discovery call,Negotiation,Closed won,Closed lost') break
      assert.ok(tries < 50, `stages: ${names.join()}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.equal((await order()).find((s) => s.name === 'Discovery call')?.probability, 30)
    await stages.nth(1).waitFor()
    assert.equal(await stages.nth(1).inputValue(), 'Proposal')
    await screenshot(page, 'settings-pipelines-en-1280.png')
  })

  step('roles: object permissions and field-level security are saved', async () => {
    await page.goto(`${server.url}/settings/roles`)
    await page.getByLabel('New role').fill('Support')
    await page.getByRole('button', { name: 'Create role' }).click()
    await page.getByRole('heading', { name: 'Permissions of Support' }).waitFor()
    await page.getByRole('checkbox', { name: 'Create Companies' }).check()
    await page.getByRole('combobox', { name: 'Object', exact: true }).selectOption({ label: 'People' })
    await page.getByRole('combobox', { name: 'Access to Email' }).selectOption('hidden')
    await page.getByRole('combobox', { name: 'Access to Phone' }).selectOption('readOnly')
    await page.getByRole('button', { name: 'Save permissions' }).click()
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
    await screenshot(page, 'settings-roles-en-1280.png')
    const roles = await apiCall<{ data: { name: string; permissions: { objects?: Record<string, Record<string, boolean>>; fields?: Record<string, Record<string, string>> } }[] }>(server, 'GET', '/api/v1/access/roles')
    const support = roles.data.find((r) => r.name === 'Support')
    assert.deepEqual(support?.permissions.objects?.companies, { read: true, create: true })
    assert.deepEqual(support?.permissions.fields?.people, { email: 'hidden', phone: 'readOnly' })
  })

  step('a member who never picked a language gets the workspace\'s default', async () => {
    await apiCall(server, 'PATCH', '/api/v1/workspace', { locale: 'lt' })
    await page.goto(`${server.url}/settings/workspace`)
    await page.getByRole('heading', { name: 'Nustatymai' }).waitFor()
    assert.equal(await page.getByLabel('Numatytoji kalba').inputValue(), 'lt')
    await page.getByLabel('Numatytoji kalba').selectOption('en')
    await page.getByRole('button', { name: 'Išsaugoti' }).click()
    // The new default applies at once: the page is back in English.
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
    await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor()
    assert.equal((await apiCall<{ data: { locale: string } }>(server, 'GET', '/api/v1/workspace')).data.locale, 'en')
  })

  step('Persian and phone-width layouts of the settings', async () => {
    await page.goto(`${server.url}/settings/data-model/projects`)
    await page.evaluate(chooseLanguage, 'fa')
    await page.reload()
    await page.getByRole('heading', { name: 'تنظیمات' }).waitFor()
    assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { dir: string } } }).document.documentElement.dir), 'rtl')
    await screenshot(page, 'settings-fa-1280.png')
    await page.setViewportSize({ width: 375, height: 800 })
    await page.goto(`${server.url}/settings/api-keys`)
    await page.getByRole('table', { name: 'کلیدهای API' }).waitFor()
    await screenshot(page, 'settings-fa-375.png')
    await page.evaluate(chooseLanguage, 'en')
    await page.goto(`${server.url}/settings/account`)
    await page.getByRole('heading', { name: 'Change password' }).waitFor()
    const overflow = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number })
      return doc.document.documentElement.scrollWidth - doc.innerWidth
    })
    assert.ok(overflow <= 1, `no sideways scroll at 375 px (${overflow} px)`)
    await screenshot(page, 'settings-en-375.png')
    await page.goto(`${server.url}/settings/data-model/projects`)
    await page.getByRole('table', { name: 'Fields of Projects' }).waitFor()
    await screenshot(page, 'settings-datamodel-en-375.png')
    assert.deepEqual(problems, [])
  })
})
