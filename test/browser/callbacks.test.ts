/**
 * Phone endpoints and callbacks in a real Chromium against a real server. In the skills matrix's
 * "Phone endpoints" the admin gives themself a phone number: a SIP-looking address for kind
 * "Phone number" is refused with the server's message under the Address field and nothing is
 * stored; a real E.164 number is stored. Callers queued through a generic phone line choose a
 * callback (`POST /calls/{id}/callback`); the callbacks page lists the caller's person and number,
 * the queue, the agent and the times; "Called back" completes one (checked over the API). A
 * callback cancelled behind the page's back is refused (409): the page rolls back and a toast
 * says why. The wallboard links its "callbacks waiting" badge to the page. Persian mirrors it
 * with Persian dates, and nothing scrolls sideways at 375 px, where the endpoints are cards.
 * Screenshots: test-results/screenshots/callbacks-<screen>-<locale>-<width>.png.
 */
import assert from 'node:assert/strict'
import path from 'node:path'
import { describe } from 'node:test'
import type { Page } from 'playwright-core'
import {
  apiCall, documentDirIs, eventually, horizontalOverflow, saveScreenshot, SCREENSHOTS, serverAndPageHooks, stepper, submitSetupForm, type RunningServer,
} from './support.js'

const ADMIN = { workspaceName: 'Callbacks test', name: 'Wanda Admin', email: 'callbacks@example.com', password: 'correct horse battery staple' }
const CC = '/api/v1/contact-center'
const LINE_NUMBER = '+37052000000'
const CALLER = '+37061234567'
const STRANGER = '+37069999999'
interface PageGlobals { localStorage: { setItem(key: string, value: string): void } }
const chooseLanguage = (language: string) => (globalThis as unknown as PageGlobals).localStorage.setItem('rapport.language', language)
interface Endpoint { userId: string; kind: string; address: string }
interface Callback { callId: string; status: string; personId: string | null; number: string | null; agentId: string | null; taskId: string | null }

describe('callbacks and phone endpoints in Chromium', { timeout: 10 * 60_000 }, () => {
  let server: RunningServer
  let page: Page
  let lineToken = ''
  let lineId = ''
  let userId = ''
  let personId = ''
  const problems: string[] = []
  const screenshot = (name: string) => saveScreenshot(page, path.join(SCREENSHOTS, name), { fullPage: true })
  const step = stepper((slug) => screenshot(`callbacks-failed-${slug}.png`))
  const get = async <T>(pathname: string) => (await apiCall<{ data: T }>(server, 'GET', `${CC}${pathname}`)).data
  /** The filter is a segmented control: its radio inputs are hidden behind their labels. */
  const showFilter = async (label: string) => {
    await page.getByRole('radiogroup', { name: 'Show callbacks' }).getByText(label, { exact: true }).click()
    assert.equal(await page.getByRole('radio', { name: label }).isChecked(), true)
  }
  const callbacks = (status = 'all') => get<Callback[]>(`/callbacks?status=${status}`)

  /** A caller rings the line, is queued (nobody free), then chooses a callback. */
  async function callbackFrom(callId: string, from: string): Promise<string> {
    const response = await fetch(`${server.url}/api/v1/telephony/events`, {
      method: 'POST', headers: { authorization: `Bearer ${lineToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ callId, event: 'queued', sequence: 1, timestamp: new Date().toISOString(), from, to: LINE_NUMBER, direction: 'inbound' }),
    })
    assert.equal(response.status, 200, await response.text())
    const acdId = `${lineId}:${callId}`
    await apiCall(server, 'POST', `${CC}/calls/${encodeURIComponent(acdId)}/callback`)
    return acdId
  }

  serverAndPageHooks(problems, (started, opened) => { server = started; page = opened.page })

  step('set up: a queue the line routes to, the admin as an agent, a known caller', async () => {
    await page.goto(`${server.url}/setup`)
    await submitSetupForm(page, ADMIN)
    await page.getByRole('link', { name: 'Callbacks' }).waitFor()
    const queue = (await apiCall<{ data: { id: string } }>(server, 'POST', `${CC}/queues`, { name: 'Sales' })).data
    await apiCall(server, 'POST', `${CC}/routing-rules`, { name: 'Sales line', match: { dialledNumber: LINE_NUMBER }, queueId: queue.id })
    const members = (await apiCall<{ data: { userId: string; name: string }[] }>(server, 'GET', '/api/v1/access/members')).data
    userId = members.find((m) => m.name === ADMIN.name)!.userId
    await apiCall(server, 'PUT', `${CC}/agents/${userId}`, { skills: {} })
    personId = (await apiCall<{ data: { id: string } }>(server, 'POST', '/api/v1/records/people', { firstName: 'Ona', lastName: 'Kalnienė', phone: CALLER })).data.id
    lineToken = (await apiCall<{ data: { token: string } }>(server, 'POST', '/api/v1/telephony/lines', { name: 'Main line', provider: 'generic', number: LINE_NUMBER })).data.token
    lineId = (await apiCall<{ data: { id: string }[] }>(server, 'GET', '/api/v1/telephony/lines')).data[0]!.id
  })

  step('phone endpoints: a bad address is refused under the field, a number is stored, then removed and set again', async () => {
    await page.getByRole('link', { name: 'Skills matrix' }).click()
    await page.getByRole('heading', { name: 'Phone endpoints' }).waitFor()
    const form = page.getByRole('form', { name: ADMIN.name })
    await form.getByText('Not set').waitFor()
    await form.getByRole('combobox', { name: 'Kind' }).selectOption('number')
    const address = form.getByRole('textbox', { name: 'Address' })
    await address.fill('sip:wanda@pbx.example.com')
    await form.getByRole('button', { name: 'Save' }).click()
    await form.getByText(/must be .* for kind number/).waitFor()
    assert.equal(await address.getAttribute('aria-invalid'), 'true')
    assert.deepEqual(await get<Endpoint[]>('/agent-endpoints'), [], 'nothing stored')
    await screenshot('callbacks-endpoint-refused-en-1280.png')

    await address.fill('+37065554567')
    await form.getByRole('button', { name: 'Save' }).click()
    await form.getByText(/^Saved /).waitFor()
    const stored = await get<Endpoint[]>('/agent-endpoints')
    assert.deepEqual(stored.map((e) => [e.userId, e.kind, e.address]), [[userId, 'number', '+37065554567']])
    assert.notEqual(await address.getAttribute('aria-invalid'), 'true', 'the error is gone')

    await form.getByRole('button', { name: `Remove the endpoint of ${ADMIN.name}` }).click()
    await form.getByText('Not set').waitFor()
    assert.deepEqual(await get<Endpoint[]>('/agent-endpoints'), [])
    await form.getByRole('combobox', { name: 'Kind' }).selectOption('extension')
    await address.fill('PJSIP/agent-7')
    await address.press('Enter')
    await eventually(() => get<Endpoint[]>('/agent-endpoints'), (list) => list[0]?.address === 'PJSIP/agent-7' && list[0].kind === 'extension', 'extension stored')
    await form.getByText(/^Saved /).waitFor()
    await screenshot('callbacks-endpoints-en-1280.png')
  })

  step('callbacks page: empty first, then the caller with person, number, queue and agent; "Called back" completes it', async () => {
    await page.getByRole('link', { name: 'Callbacks' }).click()
    await page.getByRole('heading', { name: 'Callbacks', level: 1 }).waitFor()
    await page.getByText('No callbacks waiting.', { exact: false }).waitFor()

    const onaCall = await callbackFrom('cb-ona', CALLER)
    // The agent becomes free: the router hands them the callback (with a task).
    await apiCall(server, 'PUT', `${CC}/agents/${userId}/state`, { state: 'available' })
    const [assigned] = await eventually(() => callbacks('open'), (list) => list[0]?.status === 'assigned', 'callback handed to the agent')
    assert.equal(assigned!.personId, personId)
    assert.equal(assigned!.number, CALLER)
    assert.equal(assigned!.agentId, userId)
    assert.ok(assigned!.taskId, 'a task for the agent')

    await page.reload()
    const item = page.getByRole('article', { name: 'Ona Kalnienė' })
    await item.waitFor()
    await item.getByRole('link', { name: 'Ona Kalnienė' }).waitFor()
    assert.equal(await item.getByRole('link', { name: `Call ${CALLER}` }).getAttribute('href'), `tel:${CALLER}`)
    assert.equal(await item.locator('[data-status]').textContent(), 'Assigned')
    assert.match(await item.locator('[data-fact="queue"]').innerText(), /Queue:?\s*Sales/)
    assert.match(await item.locator('[data-fact="agent"]').innerText(), new RegExp(`Agent:?\\s*${ADMIN.name}`))
    assert.match(await item.locator('[data-fact="enqueued"]').innerText(), /\b20\d\d\b/, 'a formatted date')
    await item.locator('[data-fact="assigned"]').waitFor()
    await page.getByText('1 callback', { exact: true }).waitFor()
    await screenshot('callbacks-en-1280.png')

    await item.getByRole('button', { name: 'Called back' }).click()
    await item.waitFor({ state: 'detached' })
    const done = await eventually(() => callbacks('all'), (list) => list.find((c) => c.callId === onaCall)?.status === 'ended', 'completed over the API')
    assert.equal(done.length, 1)
    await page.getByText('No callbacks waiting.', { exact: false }).waitFor()

    // The person link opens the caller's record.
    await showFilter('Closed')
    const closed = page.getByRole('article', { name: 'Ona Kalnienė' })
    assert.equal(await closed.locator('[data-status]').textContent(), 'Called back')
    await closed.locator('[data-fact="ended"]').waitFor()
    assert.equal(await closed.getByRole('button', { name: 'Called back' }).count(), 0, 'no actions on a closed callback')
    await closed.getByRole('link', { name: 'Ona Kalnienė' }).click()
    await page.waitForURL(`**/records/people/${personId}`)
    await page.goBack()
  })

  step('a refused action rolls back and a toast says why (409: already cancelled elsewhere)', async () => {
    await apiCall(server, 'PUT', `${CC}/agents/${userId}/state`, { state: 'break' })
    const strangerCall = await callbackFrom('cb-stranger', STRANGER)
    await page.goto(`${server.url}/contact-center/callbacks`)
    const item = page.getByRole('article', { name: STRANGER })
    await item.waitFor()
    assert.equal(await item.locator('[data-status]').textContent(), 'Waiting')
    assert.match(await item.locator('[data-fact="agent"]').innerText(), /not assigned yet/)

    // The wallboard counts it and links to this page.
    await page.getByRole('link', { name: 'Wallboard' }).click()
    await page.getByRole('region', { name: 'Sales' }).getByText('1 callback waiting').click()
    await page.getByRole('heading', { name: 'Callbacks', level: 1 }).waitFor()

    await apiCall(server, 'POST', `${CC}/callbacks/${encodeURIComponent(strangerCall)}/cancel`)
    await item.getByRole('button', { name: 'Called back' }).click()
    await page.getByRole('alert').filter({ hasText: 'The callback could not be completed' }).filter({ hasText: /already cancelled/ }).waitFor()
    await screenshot('callbacks-refused-en-1280.png')
    // After the rollback the page reads the truth again: the callback is no longer open.
    await item.waitFor({ state: 'detached' })
    const [stranger] = (await callbacks('all')).filter((c) => c.callId === strangerCall)
    assert.equal(stranger!.status, 'cancelled', 'the refused completion changed nothing')
    await showFilter('All')
    assert.equal(await page.getByRole('article', { name: STRANGER }).locator('[data-status]').textContent(), 'Cancelled')
    assert.equal(await page.getByRole('article').count(), 2)
  })

  step('cancel from the page, Persian with Persian dates, and 375 px without sideways scroll', async () => {
    const third = await callbackFrom('cb-third', STRANGER.replace('999', '888'))
    await page.reload()
    await showFilter('Open')
    const item = page.getByRole('article', { name: STRANGER.replace('999', '888') })
    await item.getByRole('button', { name: 'Cancel callback' }).click()
    await item.waitFor({ state: 'detached' })
    await eventually(() => callbacks('all'), (list) => list.find((c) => c.callId === third)?.status === 'cancelled', 'cancelled over the API')
    await callbackFrom('cb-fourth', CALLER)

    await page.evaluate(chooseLanguage, 'fa')
    await page.goto(`${server.url}/contact-center/callbacks`)
    await page.waitForFunction(documentDirIs, 'rtl')
    await page.getByRole('heading', { name: 'تماس‌های برگشتی', level: 1 }).waitFor()
    const ona = page.getByRole('article', { name: 'Ona Kalnienė' })
    await ona.waitFor()
    const since = await ona.locator('[data-fact="enqueued"]').innerText()
    assert.match(since, /۱۴۰۵/, `Persian calendar year in "${since}"`)
    await screenshot('callbacks-fa-1280.png')

    await page.setViewportSize({ width: 375, height: 800 })
    for (const [language, section, heading] of [['fa', 'callbacks', 'تماس‌های برگشتی'], ['en', 'callbacks', 'Callbacks'], ['fa', 'skills', 'ماتریس مهارت‌ها'], ['en', 'skills', 'Skills matrix']] as const) {
      await page.evaluate(chooseLanguage, language)
      await page.goto(`${server.url}/contact-center/${section}`)
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor()
      if (section === 'skills') await page.getByRole('form', { name: ADMIN.name }).waitFor()
      else await page.getByRole('article', { name: 'Ona Kalnienė' }).waitFor()
      await page.waitForTimeout(200)
      assert.ok(await page.evaluate(horizontalOverflow) <= 0, `no sideways scroll on ${section} in ${language} at 375 px`)
      await screenshot(`callbacks-${section === 'skills' ? 'endpoints' : 'list'}-${language}-375.png`)
    }
    await page.setViewportSize({ width: 1280, height: 800 })
    assert.deepEqual(problems, [])
  })
})
