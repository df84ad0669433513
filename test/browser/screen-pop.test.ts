/**
 * Screen pop in a real Chromium against a real server: a ringing event posted for the signed-in
 * agent makes the caller's card (name, company, value class, open opportunity) appear within a
 * second; the disposition and notes save onto the call activity; an unknown number offers to
 * create a person; the stream replays missed events after Last-Event-ID. Screenshots: en
 * desktop, fa desktop, fa 375 px.
 */
import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, describe } from 'node:test'
import type { Page } from 'playwright-core'
import { apiCall, documentDirIs, eventually, horizontalOverflow, openBrowserPage, saveScreenshot, SCREENSHOTS, setUpOverApi, startServer, stepper, submitSignIn, type BrowserPage, type RunningServer } from './support.js'

const ADMIN = { workspaceName: 'Call center', name: 'Agnė Agentė', email: 'agne@example.com', password: 'correct horse battery staple' }
const CALLER = '+37061234567'

describe('screen pop in Chromium', { timeout: 10 * 60_000 }, () => {
  let server: RunningServer
  let browser: BrowserPage
  let page: Page
  let lineToken: string
  let personId: string
  const problems: string[] = []
  const screenshot = (name: string) => saveScreenshot(page, path.join(SCREENSHOTS, name))
  const step = stepper((slug) => screenshot(`screen-pop-failed-${slug}.png`))
  const panel = () => page.getByRole('region', { name: /Current call|تماس جاری/ })

  async function postEvent(body: Record<string, unknown>): Promise<any> {
    const response = await fetch(`${server.url}/api/v1/telephony/events`, {
      method: 'POST', headers: { authorization: `Bearer ${lineToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sequence: 1, timestamp: new Date().toISOString(), to: '+37052000000', direction: 'inbound', ...body }),
    })
    assert.equal(response.status, 200, await response.clone().text())
    return response.json()
  }

  before(async () => {
    server = await startServer()
    await setUpOverApi(server, ADMIN)
    const fields = await apiCall<{ data: { fields: { apiName: string }[] } }>(server, 'GET', '/api/v1/metadata/objects/people')
    if (!fields.data.fields.some((f) => f.apiName === 'valueClass')) {
      await apiCall(server, 'POST', '/api/v1/metadata/objects/people/fields', { apiName: 'valueClass', label: 'Value class', type: 'select', options: { choices: [{ value: 'A', label: 'A' }, { value: 'B', label: 'B' }, { value: 'C', label: 'C' }] } })
    }
    const company = (await apiCall<{ data: { id: string } }>(server, 'POST', '/api/v1/records/companies', { name: 'Vilniaus Duona' })).data.id
    personId = (await apiCall<{ data: { id: string } }>(server, 'POST', '/api/v1/records/people', { firstName: 'Ona', lastName: 'Kalnienė', phone: CALLER, company, valueClass: 'A' })).data.id
    await apiCall(server, 'POST', '/api/v1/records/opportunities', { name: 'Bakery ovens', contact: personId, company, amount: { amount: '12500.00', currency: 'EUR' } })
    lineToken = (await apiCall<{ data: { token: string } }>(server, 'POST', '/api/v1/telephony/lines', { name: 'Main line', provider: 'generic', number: '+37052000000' })).data.token
    browser = await openBrowserPage(problems, { consoleErrors: true })
    page = browser.page
    await page.setViewportSize({ width: 1280, height: 800 })
  })

  after(async () => {
    await browser?.close()
    await server?.close()
  })

  step('sign in as the agent', async () => {
    await page.goto(`${server.url}/records/people`)
    // The stream is open (its headers arrived) before the phone rings.
    const streamOpen = page.waitForResponse((response) => response.url().includes('/api/v1/telephony/stream') && response.status() === 200)
    await submitSignIn(page, ADMIN.email, ADMIN.password)
    await page.getByRole('heading', { name: 'People' }).waitFor()
    await streamOpen
  })

  step('a ringing event shows the caller\'s card within a second', async () => {
    // A first call warms the server and the page (a real agent's session is warm too).
    await postEvent({ callId: 'warm-up', event: 'ringing', from: '+37069000222', agentId: ADMIN.email })
    await panel().getByText('+37069000222').waitFor()
    await panel().getByRole('button', { name: 'Close the call panel' }).click()
    // Three pops, judged by their median: the test machine's two cores are shared with other jobs.
    const times: number[] = []
    for (const callId of ['pop-a', 'pop-b', 'call-1']) {
      const started = Date.now()
      await postEvent({ callId, event: 'ringing', from: CALLER, agentId: ADMIN.email })
      await page.locator(`[data-call-id="${callId}"]`).getByRole('link', { name: 'Ona Kalnienė' }).waitFor({ timeout: 5_000 })
      times.push(Date.now() - started)
      if (callId !== 'call-1') await panel().getByRole('button', { name: 'Close the call panel' }).click()
    }
    const median = [...times].sort((a, b) => a - b)[1]
    process.stdout.write(`# screen pop: ${times.join(', ')} ms (median ${median} ms)\n`)
    assert.ok(median < 1_000, `the card appeared after ${times.join(', ')} ms`)
    await panel().getByText('Incoming call').waitFor()
    await panel().getByText(CALLER, { exact: true }).waitFor()
    await panel().getByRole('link', { name: 'Vilniaus Duona' }).waitFor()
    await panel().getByText('Class A').waitFor()
    await panel().getByRole('link', { name: 'Bakery ovens' }).waitFor()
    await panel().getByText('Ringing').waitFor()
    await screenshot('screen-pop-en-1280.png')
  })

  step('answer and end update the panel; disposition and notes save onto the call activity', async () => {
    await postEvent({ callId: 'call-1', event: 'answered', sequence: 2, from: CALLER, agentId: ADMIN.email })
    await panel().getByText('Answered').waitFor()
    const ended = await postEvent({ callId: 'call-1', event: 'ended', sequence: 3, reason: 'completed', agentId: ADMIN.email })
    await panel().getByText('Ended').waitFor()
    const activityId = ended.data.call.activityId as string
    await panel().getByLabel('Outcome').click()
    await page.getByRole('option', { name: 'Follow-up needed' }).click()
    await panel().getByLabel('Summary notes').fill('Wants a quote for two ovens.')
    await panel().getByRole('button', { name: 'Save' }).click()
    await panel().getByText('Saved').waitFor()
    const activity = await eventually(() => apiCall<{ data: Record<string, unknown> }>(server, 'GET', `/api/v1/records/activities/${activityId}`),
      (a) => a.data.callDisposition === 'followUp', 'the disposition is saved')
    assert.equal(activity.data.body, 'Wants a quote for two ovens.')
    assert.equal(activity.data.type, 'call')
    assert.deepEqual(activity.data.participants, [personId])
  })

  step('the call is on the person\'s timeline', async () => {
    await panel().getByRole('link', { name: 'Ona Kalnienė' }).click()
    await page.waitForURL(new RegExp(`/records/people/${personId}`))
    await page.getByText(`Call from ${CALLER}`).first().waitFor()
  })

  step('an unknown number offers to create a person with it', async () => {
    await postEvent({ callId: 'call-2', event: 'ringing', from: '+37069000111' })
    await panel().getByText('No person or company has this number.').waitFor()
    await panel().getByRole('button', { name: 'Create a person with this number' }).waitFor()
  })

  step('Persian (RTL) and a 375 px phone', async () => {
    await page.getByLabel('Language').selectOption('fa')
    await page.waitForFunction(documentDirIs, 'rtl')
    await postEvent({ callId: 'call-3', event: 'ringing', from: CALLER })
    await panel().getByText('تماس ورودی').waitFor()
    await panel().getByRole('link', { name: 'Ona Kalnienė' }).waitFor()
    await screenshot('screen-pop-fa-1280.png')
    await page.setViewportSize({ width: 375, height: 812 })
    await panel().getByRole('link', { name: 'Ona Kalnienė' }).waitFor()
    // The navigation slides away when the width drops; measure once it has.
    await eventually(() => page.evaluate(horizontalOverflow), (overflow) => overflow <= 0, 'no sideways scrolling at 375 px')
    const box = await panel().boundingBox()
    assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `the panel fits the phone: ${JSON.stringify(box)}`)
    await screenshot('screen-pop-fa-375.png')
  })

  step('the stream replays what a client missed after Last-Event-ID', async () => {
    const controller = new AbortController()
    const first = await fetch(`${server.url}/api/v1/telephony/stream`, { headers: { authorization: `Bearer ${server.apiKey}` }, signal: controller.signal })
    assert.equal(first.headers.get('content-type'), 'text/event-stream; charset=utf-8')
    controller.abort()
    const missed = await postEvent({ callId: 'call-4', event: 'ringing', from: CALLER })
    assert.equal(missed.data.duplicate, false)
    const replay = new AbortController()
    const response = await fetch(`${server.url}/api/v1/telephony/stream`, { headers: { authorization: `Bearer ${server.apiKey}`, 'last-event-id': '1' }, signal: replay.signal })
    const reader = response.body!.getReader()
    let text = ''
    while (!text.includes('"callId":"call-4"')) text += new TextDecoder().decode((await reader.read()).value)
    replay.abort()
    assert.match(text, /id: \d+\nevent: call\ndata: \{"type":"call"/)
    assert.deepEqual(problems, [])
  })
})
