/**
 * A restricted member in a real Chromium: the screens reflect what the services enforce. The
 * member's role reads and updates people but may not create or delete them, cannot read
 * companies at all, never sees people's email (hidden) and sees phone read-only. The test
 * checks the navigation, the table's columns, the bulk bar, the record page and a direct URL,
 * then proves through the member's own session that an in-place edit of an allowed field saves
 * while the API refuses the hidden one. Screenshots: test-results/screenshots/restricted-*.png.
 */
import assert from 'node:assert/strict'
import { after, before, describe } from 'node:test'
import type { Page } from 'playwright-core'
import { startMailbox } from './mailbox.js'
import { apiCall, eventually, joinByInvitation, launchChromium, saveScreenshot, SCREENSHOTS, setUpOverApi, startServer, stepper, submitSignIn, horizontalOverflow, documentDirIs, type RunningServer } from './support.js'
import path from 'node:path'

const ADMIN = { workspaceName: 'Restricted test', name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery staple' }
const MEMBER = { name: 'Vera Viewer', email: 'vera@example.com', password: 'another horse battery staple' }

interface Person { id: string; lastName: string; email?: string; version: number }

describe('a restricted member in Chromium', { timeout: 10 * 60_000 }, () => {
  let server: RunningServer
  let mailbox: Awaited<ReturnType<typeof startMailbox>>
  let browser: Awaited<ReturnType<typeof launchChromium>>
  let page: Page
  let person: Person
  const problems: string[] = []
  const screenshot = (name: string) => saveScreenshot(page, path.join(SCREENSHOTS, name))
  const step = stepper((slug) => screenshot(`restricted-failed-${slug}.png`))
  const adminReads = async (id: string) => (await apiCall<{ data: Person }>(server, 'GET', `/api/v1/records/people/${id}`)).data

  before(async () => {
    mailbox = await startMailbox()
    server = await startServer({ env: { RAPPORT_SMTP_URL: mailbox.url } })
    await setUpOverApi(server, ADMIN)
    const created = await apiCall<{ data: { data: Person }[] }>(server, 'POST', '/api/v1/records/people/batch', {
      operations: [['Rūta', 'Rimkutė', 'ruta@example.com', '+37060000001'], ['Pavel', 'Orlov', 'pavel@example.com', '+37060000002']]
        .map(([firstName, lastName, email, phone]) => ({ op: 'create', data: { firstName, lastName, email, phone } })),
    })
    person = created.data[0].data
    await apiCall(server, 'POST', '/api/v1/records/companies', { name: 'Hidden Holdings' })
    const role = await apiCall<{ data: { id: string } }>(server, 'POST', '/api/v1/access/roles', {
      name: 'People desk',
      permissions: {
        defaultObject: { read: true },
        objects: { people: { read: true, update: true }, companies: {} },
        fields: { people: { email: 'hidden', phone: 'readOnly' } },
      },
    })
    await joinByInvitation(server, mailbox, MEMBER, role.data.id)
    browser = await launchChromium()
    page = browser.context.pages()[0] ?? (await browser.context.newPage())
    page.setDefaultTimeout(20_000)
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  })
  after(async () => {
    await browser?.close()
    await server?.close()
    await mailbox?.close()
    assert.deepEqual(problems, [])
  })

  step('the member signs in and the navigation leaves out what they cannot read', async () => {
    await page.goto(`${server.url}/sign-in`)
    await submitSignIn(page, MEMBER.email, MEMBER.password)
    await page.getByRole('link', { name: 'People' }).waitFor()
    const nav = page.getByRole('navigation')
    assert.equal(await nav.getByRole('link', { name: 'Companies' }).count(), 0, 'no Companies link')
    await nav.getByRole('link', { name: 'Opportunities' }).waitFor()
  })

  step('the people table has no email column and no delete in the bulk bar', async () => {
    await page.getByRole('link', { name: 'People' }).click()
    await page.getByRole('columnheader', { name: 'Last name' }).waitFor()
    await page.getByRole('columnheader', { name: 'Phone' }).waitFor()
    assert.equal(await page.getByRole('columnheader', { name: 'Email' }).count(), 0, 'no Email column')
    assert.equal(await page.getByText('ruta@example.com').count(), 0, 'no email value anywhere')
    await page.getByRole('checkbox', { name: 'Select Rūta Rimkutė' }).check()
    const bar = page.getByRole('toolbar', { name: 'Actions on selected records' })
    await bar.getByRole('button', { name: 'Set a field…' }).waitFor()
    assert.equal(await bar.getByRole('button', { name: /^Delete/ }).count(), 0, 'no delete for a role without delete')
    await screenshot('restricted-people-en-1280.png')
    await bar.getByRole('button', { name: 'Clear selection' }).click()
  })

  step('on the record page phone is read-only and last name edits in place', async () => {
    await page.goto(`${server.url}/records/people/${person.id}`)
    await page.getByRole('heading', { name: 'Rūta Rimkutė' }).waitFor()
    await page.getByText('read-only').first().waitFor()
    assert.equal(await page.getByRole('button', { name: /^Edit Phone/ }).count(), 0, 'phone cannot be edited')
    assert.equal(await page.getByRole('button', { name: /^Edit Email/ }).count(), 0, 'email is not shown at all')
    await page.getByRole('button', { name: /^Edit Last name/ }).click()
    const input = page.getByRole('textbox', { name: 'Last name' })
    await input.fill('Rimkienė')
    await input.press('Enter')
    await page.getByRole('button', { name: 'Edit Last name: Rimkienė' }).waitFor()
    const saved = await eventually(() => adminReads(person.id), (p) => p.lastName === 'Rimkienė', 'last name saved')
    assert.equal(saved.email, 'ruta@example.com', 'the hidden email is untouched')
    await screenshot('restricted-record-en-1280.png')
  })

  step('the services refuse what the screens leave out, from the member\'s own session', async () => {
    const refused = await page.evaluate(async (id) => {
      const me = await (await fetch('/api/v1/auth/me')).json() as { data: { csrfToken: string } }
      const headers = { 'content-type': 'application/json', 'x-csrf-token': me.data.csrfToken }
      const hidden = await fetch(`/api/v1/records/people/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ email: 'stolen@example.com' }) })
      const readOnly = await fetch(`/api/v1/records/people/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ phone: '+37060000009' }) })
      const companies = await fetch('/api/v1/records/companies')
      const create = await fetch('/api/v1/records/people', { method: 'POST', headers, body: JSON.stringify({ lastName: 'New' }) })
      return { hidden: hidden.status, readOnly: readOnly.status, companies: companies.status, create: create.status }
    }, person.id)
    assert.deepEqual(refused, { hidden: 400, readOnly: 400, companies: 403, create: 403 })
    const after = await adminReads(person.id)
    assert.equal(after.email, 'ruta@example.com')
  })

  step('a direct link to companies says the member cannot open them, in Persian at phone width too', async () => {
    await page.goto(`${server.url}/records/companies`)
    assert.equal(await page.getByText('Hidden Holdings').count(), 0)
    await page.setViewportSize({ width: 375, height: 812 })
    await page.goto(`${server.url}/records/people`)
    await page.getByLabel('Language').selectOption('fa')
    await page.waitForFunction(documentDirIs, 'rtl')
    await page.getByText('Rimkienė').first().waitFor()
    assert.equal(await page.getByText('ruta@example.com').count(), 0)
    assert.ok((await page.evaluate(horizontalOverflow)) <= 0, 'no sideways scrolling at 375 px')
    await screenshot('restricted-people-fa-375.png')
  })
})
