/**
 * ACD configuration screens in a real Chromium against a real server: a queue is created in the
 * dialog (an empty name is refused under the Name field first), a skill is added and the admin
 * made an agent in the skills matrix, levels are typed into cells and moved between with the
 * arrow keys, routing rules are added, reordered and switched off, the header's "My agent state"
 * makes the agent available and shows the wrap-up countdown after a call, and the historical report shows the call that followed. Every
 * change is checked through the API. Persian mirrors the screens; nothing scrolls sideways at
 * 375 px, where the matrix becomes one card per agent. Screenshots:
 * test-results/screenshots/acd-<screen>-<locale>-<width>.png.
 */
import assert from 'node:assert/strict'
import path from 'node:path'
import { describe } from 'node:test'
import type { Page } from 'playwright-core'
import {
  apiCall, documentDirIs, eventually, horizontalOverflow, saveScreenshot, SCREENSHOTS, serverAndPageHooks, stepper, submitSetupForm, type RunningServer,
} from './support.js'

const ADMIN = { workspaceName: 'ACD admin test', name: 'Wanda Admin', email: 'acd@example.com', password: 'correct horse battery staple' }
const CC = '/api/v1/contact-center'
interface PageGlobals { localStorage: { setItem(key: string, value: string): void } }
const isFocused = (el: unknown) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement
const chooseLanguage = (language: string) => (globalThis as unknown as PageGlobals).localStorage.setItem('rapport.language', language)
interface Queue { id: string; name: string; serviceLevelSeconds: number; requirements: { skill: string; minLevel: number }[]; callbackAfterSeconds: number | null; overflow: unknown }
interface Rule { id: string; name: string; position: number; queueId: string | null; priorityBoost: number; enabled: boolean; match: Record<string, unknown> }
interface Agent { userId: string; skills: Record<string, number>; state: string }

describe('ACD configuration screens in Chromium', { timeout: 10 * 60_000 }, () => {
  let server: RunningServer
  let page: Page
  let salesId = ''
  const problems: string[] = []
  const screenshot = (name: string) => saveScreenshot(page, path.join(SCREENSHOTS, name), { fullPage: true })
  const step = stepper((slug) => screenshot(`acd-failed-${slug}.png`))
  const get = async <T>(pathname: string) => (await apiCall<{ data: T }>(server, 'GET', `${CC}${pathname}`)).data
  const open = async (label: string, heading: string) => {
    await page.getByRole('link', { name: label }).click()
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor()
  }

  serverAndPageHooks(problems, (started, opened) => { server = started; page = opened.page })

  step('set up the workspace and one skill', async () => {
    await page.goto(`${server.url}/setup`)
    await submitSetupForm(page, ADMIN)
    await page.getByRole('link', { name: 'Queues' }).waitFor()
    await apiCall(server, 'POST', `${CC}/skills`, { key: 'en', name: 'English' })
    assert.equal(await page.getByRole('combobox', { name: 'My agent state' }).count(), 0, 'no state control for someone who is not an agent')
  })

  step('create a queue: the server refuses an empty name under the field, then it is stored', async () => {
    await open('Queues', 'Queues')
    await page.getByText('No queues yet').waitFor()
    await page.getByRole('button', { name: 'New queue' }).click()
    const dialog = page.getByRole('dialog', { name: 'New queue' })
    await dialog.getByRole('button', { name: 'Save' }).click()
    const name = dialog.getByRole('textbox', { name: 'Name' })
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } })
      .document.querySelector('[role=dialog] input[aria-invalid=true]') !== null)
    assert.equal(await name.getAttribute('aria-invalid'), 'true')
    assert.deepEqual(await get<Queue[]>('/queues'), [], 'nothing written')

    await name.fill('Sales')
    await dialog.getByRole('spinbutton', { name: 'Service level threshold (s)' }).fill('30')
    await dialog.getByRole('button', { name: 'Add requirement' }).click()
    await dialog.getByRole('combobox', { name: 'Minimum level' }).selectOption('2')
    await dialog.getByRole('checkbox', { name: 'Offer a callback instead of waiting' }).check()
    await dialog.getByRole('spinbutton', { name: 'Offer a callback after (s)' }).fill('90')
    await screenshot('acd-queue-dialog-en-1280.png')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await dialog.waitFor({ state: 'detached' })
    await page.getByRole('region', { name: 'Sales' }).waitFor()
    const [queue] = await get<Queue[]>('/queues')
    salesId = queue!.id
    assert.deepEqual({ ...queue, id: undefined }, {
      id: undefined, name: 'Sales', priority: 0, serviceLevelSeconds: 30, requirements: [{ skill: 'en', minLevel: 2 }], overflow: null, relaxation: [], callbackAfterSeconds: 90,
    })
    await page.getByRole('region', { name: 'Sales' }).getByText('English ≥ 2').waitFor()

    // Delete asks first; then the queue is gone from the page and the API.
    await apiCall(server, 'POST', `${CC}/queues`, { name: 'Temp' })
    await page.reload()
    await page.getByRole('button', { name: 'Delete Temp' }).click()
    await page.getByRole('dialog', { name: 'Delete queue' }).getByRole('button', { name: 'Delete' }).click()
    await page.getByRole('region', { name: 'Temp' }).waitFor({ state: 'detached' })
    assert.deepEqual((await get<Queue[]>('/queues')).map((q) => q.name), ['Sales'])
    await screenshot('acd-queues-en-1280.png')
  })

  step('skills matrix: add a skill, make the admin an agent, type levels and move with the arrow keys', async () => {
    await open('Skills matrix', 'Skills matrix')
    const addSkill = page.getByRole('form', { name: 'Add skill' })
    await addSkill.getByRole('textbox', { name: 'Key' }).fill('Bad key')
    await addSkill.getByRole('textbox', { name: 'Name' }).fill('French')
    await addSkill.getByRole('button', { name: 'Add skill' }).click()
    await addSkill.getByText(/Use lowercase Latin letters/).waitFor()
    await addSkill.getByRole('textbox', { name: 'Key' }).fill('fr')
    await addSkill.getByRole('button', { name: 'Add skill' }).click()
    await eventually(() => get('/skills'), (skills) => JSON.stringify(skills) === JSON.stringify([{ key: 'en', name: 'English' }, { key: 'fr', name: 'French' }]), 'French stored')
    await page.getByText('No agents yet').waitFor()

    await page.getByRole('combobox', { name: 'Add an agent' }).selectOption({ label: ADMIN.name })
    await page.getByRole('button', { name: 'Make agent' }).click()
    await page.getByRole('columnheader', { name: 'French' }).waitFor()
    const english = page.getByRole('textbox', { name: `${ADMIN.name}: English level` })
    await english.click()
    await english.fill('7')
    await english.press('Enter')
    const agentSkills = async () => (await get<Agent[]>('/agents'))[0]?.skills
    await eventually(agentSkills, (skills) => skills?.en === 7, 'English level saved')
    await english.press('ArrowRight')
    const french = page.getByRole('textbox', { name: `${ADMIN.name}: French level` })
    assert.equal(await french.evaluate(isFocused), true, 'ArrowRight moved to the French cell')
    await page.keyboard.type('3')
    await page.keyboard.press('Enter')
    await eventually(agentSkills, (skills) => skills?.en === 7 && skills.fr === 3, 'French level saved beside English')
    await french.fill('11')
    assert.equal(await french.getAttribute('aria-invalid'), 'true', 'a level over 10 is marked, not sent')
    await french.press('Escape')
    assert.equal(await french.inputValue(), '3')
    await french.fill('')
    await french.press('Enter')
    await eventually(agentSkills, (skills) => skills !== undefined && !('fr' in skills) && skills.en === 7, 'French removed')
    await french.fill('4')
    await french.press('Enter')
    await eventually(agentSkills, (skills) => skills?.fr === 4, 'French set again')

    // Rollback: a skill deleted elsewhere makes the server refuse the level; that cell goes back and a toast says why.
    await apiCall(server, 'POST', `${CC}/skills`, { key: 'de', name: 'German' })
    await page.reload()
    const german = page.getByRole('textbox', { name: `${ADMIN.name}: German level` })
    await german.waitFor()
    await apiCall(server, 'DELETE', `${CC}/skills/de`)
    await german.fill('6')
    await german.press('Enter')
    await page.getByRole('alert').filter({ hasText: 'there is no skill "de"' }).waitFor()
    await page.getByRole('columnheader', { name: 'German' }).waitFor({ state: 'detached' })
    assert.deepEqual(await agentSkills(), { en: 7, fr: 4 }, 'nothing half-written')
    assert.equal(await english.inputValue(), '7')

    await page.getByRole('searchbox', { name: 'Filter agents' }).fill('nobody')
    await page.getByText('No agent matches the filter.').waitFor()
    await page.getByRole('searchbox', { name: 'Filter agents' }).fill('wan')
    await english.waitFor()
    await screenshot('acd-skills-en-1280.png')
  })

  step('routing rules: add two, reorder them, switch one off; the API has it all', async () => {
    await open('Routing rules', 'Routing rules')
    const addRule = async (fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) => {
      await page.getByRole('button', { name: 'New rule' }).click()
      const dialog = page.getByRole('dialog', { name: 'New routing rule' })
      await fill(dialog)
      await dialog.getByRole('button', { name: 'Save' }).click()
      await dialog.waitFor({ state: 'detached' })
    }
    await page.getByRole('button', { name: 'New rule' }).click()
    const empty = page.getByRole('dialog', { name: 'New routing rule' })
    await empty.getByRole('textbox', { name: 'Name' }).fill('Nothing')
    await empty.getByRole('button', { name: 'Save' }).click()
    await empty.getByText('Give at least one condition.').waitFor()
    await empty.getByRole('button', { name: 'Cancel' }).click()

    await addRule(async (dialog) => {
      await dialog.getByRole('textbox', { name: 'Name' }).fill('Gold customers')
      await dialog.getByRole('combobox', { name: 'Customer field' }).fill('abcClass')
      await dialog.getByRole('textbox', { name: 'Values' }).fill('A, B')
      await dialog.getByRole('combobox', { name: 'Route to queue' }).selectOption({ label: 'Sales' })
      await dialog.getByRole('spinbutton', { name: 'Priority boost' }).fill('10')
    })
    await addRule(async (dialog) => {
      await dialog.getByRole('textbox', { name: 'Name' }).fill('Sales line')
      await dialog.getByRole('textbox', { name: 'Dialled number' }).fill('+37052000000')
      await dialog.getByRole('combobox', { name: 'Route to queue' }).selectOption({ label: 'Sales' })
    })
    await page.getByRole('region', { name: 'Sales line' }).waitFor()
    let rules = await get<Rule[]>('/routing-rules')
    assert.deepEqual(rules.map((r) => [r.name, r.queueId, r.priorityBoost, r.enabled, r.match]), [
      ['Gold customers', salesId, 10, true, { personField: { field: 'abcClass', values: ['A', 'B'] } }],
      ['Sales line', salesId, 0, true, { dialledNumber: '+37052000000' }],
    ])

    await page.getByRole('button', { name: 'Move Sales line up' }).click()
    rules = await eventually(() => get<Rule[]>('/routing-rules'), (list) => list[0]?.name === 'Sales line', 'Sales line first')
    assert.deepEqual(rules.map((r) => r.name), ['Sales line', 'Gold customers'])
    // A click, not uncheck(): the switch follows the query cache, which the optimistic update
    // sets after cancelling in-flight fetches, so its state may change a moment after the click.
    await page.getByRole('switch', { name: 'Enable Gold customers' }).click({ force: true })
    await eventually(() => get<Rule[]>('/routing-rules'), (list) => list.find((r) => r.name === 'Gold customers')?.enabled === false, 'Gold customers off')
    await page.getByRole('region', { name: 'Gold customers' }).getByText('Off', { exact: true }).waitFor()
    await screenshot('acd-routing-en-1280.png')
  })

  step('my agent state in the header; a call follows and shows in the historical report', async () => {
    await page.reload()
    const state = page.getByRole('combobox', { name: 'My agent state' })
    await state.waitFor()
    assert.equal(await state.inputValue(), 'offline')
    await state.selectOption('available')
    await eventually(async () => (await get<Agent[]>('/agents'))[0]?.state, (s) => s === 'available', 'agent available')

    const [me] = await get<Agent[]>('/agents')
    await apiCall(server, 'PUT', `${CC}/agents/${me!.userId}`, { skills: me!.skills, wrapUpSeconds: 30 })
    const queued = await apiCall<{ data: { decisions: { type: string }[] } }>(server, 'POST', `${CC}/calls`, { callId: 'acd-ui-1', dialledNumber: '+37052000000' })
    assert.deepEqual(queued.data.decisions.map((d) => d.type), ['assign'], 'the Sales line rule routed it to Sales and the available agent')
    await apiCall(server, 'POST', `${CC}/calls/acd-ui-1/answer`)
    await apiCall(server, 'POST', `${CC}/calls/acd-ui-1/end`, {})
    // Wrap-up: the header shows the state and counts down; choosing Available ends it early.
    await page.reload()
    const timer = page.getByRole('timer')
    await timer.waitFor()
    assert.match((await timer.getAttribute('aria-label')) ?? '', /^Wrap-up ends in 0:[0-3]\d$/)
    assert.equal(await state.inputValue(), 'wrapUp')
    await screenshot('acd-wrapup-en-1280.png')
    await state.selectOption('available')
    await eventually(async () => (await get<Agent[]>('/agents'))[0]?.state, (s) => s === 'available', 'wrap-up ended by the agent')
    await timer.waitFor({ state: 'detached' })
    await open('Call reports', 'Call reports')
    await page.getByRole('combobox', { name: 'Interval' }).selectOption('day')
    const row = page.locator('tr[data-row="Sales"]')
    await row.waitFor()
    assert.equal(await row.locator('[data-col="offered"]').innerText(), '1')
    assert.equal(await row.locator('[data-col="answered"]').innerText(), '1')
    assert.equal(await row.locator('[data-col="serviceLevel"]').innerText(), '100%')
    await page.getByRole('combobox', { name: 'Group by' }).selectOption('agent')
    await page.locator(`tr[data-row="${ADMIN.name}"]`).waitFor()
    await screenshot('acd-report-en-1280.png')
  })

  step('Persian mirrors the screens; at 375 px the matrix is one card per agent and nothing scrolls sideways', async () => {
    await page.evaluate(chooseLanguage, 'fa')
    await page.goto(`${server.url}/contact-center/skills`)
    await page.waitForFunction(documentDirIs, 'rtl')
    await page.getByRole('heading', { name: 'ماتریس مهارت‌ها', level: 1 }).waitFor()
    const english = page.getByRole('textbox', { name: `${ADMIN.name}: سطح مهارت English` })
    assert.equal(await english.inputValue(), '۷', 'Persian digits')
    await english.click()
    await english.press('ArrowLeft')
    const french = page.getByRole('textbox', { name: `${ADMIN.name}: سطح مهارت French` })
    assert.equal(await french.evaluate(isFocused), true, 'ArrowLeft moves forward in Persian')
    await screenshot('acd-skills-fa-1280.png')
    await page.goto(`${server.url}/contact-center/routing`)
    await page.getByRole('heading', { name: 'قواعد مسیریابی', level: 1 }).waitFor()
    await screenshot('acd-routing-fa-1280.png')

    await page.setViewportSize({ width: 375, height: 800 })
    for (const [language, section, heading] of [['fa', 'skills', 'ماتریس مهارت‌ها'], ['fa', 'queues', 'صف‌ها'], ['en', 'skills', 'Skills matrix'], ['en', 'routing', 'Routing rules'], ['en', 'queues', 'Queues']] as const) {
      await page.evaluate(chooseLanguage, language)
      await page.goto(`${server.url}/contact-center/${section}`)
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor()
      await page.waitForTimeout(200)
      assert.ok(await page.evaluate(horizontalOverflow) <= 0, `no sideways scroll on ${section} in ${language} at 375 px`)
      if (section === 'skills') {
        await page.getByRole('region', { name: ADMIN.name }).waitFor()
        assert.equal(await page.getByRole('table').count(), 0, 'cards, not the table, on a phone')
      }
      await screenshot(`acd-${section}-${language}-375.png`)
    }
    // On a phone, my agent state is in the navigation drawer instead of the header.
    await page.getByRole('button', { name: 'Toggle navigation' }).click()
    const drawerState = page.getByRole('navigation').getByRole('combobox', { name: 'My agent state' })
    await drawerState.waitFor()
    assert.equal(await drawerState.inputValue(), 'available')
    await page.waitForTimeout(400) // the drawer slides in
    await screenshot('acd-nav-en-375.png')
    await page.getByRole('button', { name: 'Toggle navigation' }).click()
    // The card's level input saves like the table's.
    const card = page.getByRole('textbox', { name: `${ADMIN.name}: English level` })
    await page.goto(`${server.url}/contact-center/skills`)
    await card.fill('5')
    await card.press('Enter')
    await eventually(async () => (await get<Agent[]>('/agents'))[0]?.skills.en, (level) => level === 5, 'level from the card saved')
    await page.setViewportSize({ width: 1280, height: 800 })
    assert.deepEqual(problems, [])
  })
})
