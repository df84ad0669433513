/**
 * The contact center's designer screens in a real Chromium against a real server: build an IVR
 * flow with a menu, see the server's dead-end problem on the node it names, fix it, publish, and
 * replay digits in the test panel; then, in Russian, write a knowledge-base article and find it
 * by a differently-cased word form; Persian is right-to-left and everything fits 375 px.
 * Screenshots go to test-results/screenshots/contact-center-*.png.
 */
import assert from 'node:assert/strict'
import path from 'node:path'
import { describe } from 'node:test'
import type { Page } from 'playwright-core'
import {
  apiCall, documentDirIs, horizontalOverflow, saveScreenshot, SCREENSHOTS, serverAndPageHooks, stepper, submitSetupForm, type RunningServer,
} from './support.js'

const ADMIN = { workspaceName: 'Contact center test', name: 'CC Admin', email: 'cc@example.com', password: 'correct horse battery staple' }

describe('IVR designer and knowledge base in Chromium', { timeout: 10 * 60_000 }, () => {
  let server: RunningServer
  let page: Page
  const problems: string[] = []
  const screenshot = (name: string) => saveScreenshot(page, path.join(SCREENSHOTS, `contact-center-${name}.png`))
  const step = stepper((slug) => screenshot(`failed-${slug}`))
  const node = (id: string) => page.locator(`[aria-label="Node ${id}"]`)

  serverAndPageHooks(problems, async (started, opened) => {
    server = started
    page = opened.page
    await page.setViewportSize({ width: 1280, height: 1400 })
  })

  step('set up and open the IVR designer from the navigation', async () => {
    await page.goto(`${server.url}/setup`)
    await submitSetupForm(page, ADMIN)
    await page.getByRole('link', { name: 'IVR designer' }).click()
    await page.getByRole('heading', { name: 'IVR designer' }).waitFor()
    await page.getByText('No flows yet.').waitFor()
  })

  step('a menu leading to a prompt without a way on is refused, with the dead end named on that node', async () => {
    await page.getByRole('button', { name: 'New flow' }).click()
    await page.getByLabel('Flow name').fill('Main line')
    await node('welcome').getByLabel('Prompt (English)').fill('Press 1 for support, 2 for our opening hours')
    await page.getByLabel('New node type').selectOption('prompt')
    await page.getByRole('button', { name: 'Add node' }).click()
    await node('prompt1').getByLabel('Prompt (English)').fill('We are open from 9 to 17, Monday to Friday')
    await node('welcome').getByRole('button', { name: 'Add key 2' }).click()
    await node('welcome').getByLabel('Goes to').nth(1).selectOption('prompt1')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    const problem = node('prompt1').getByRole('alert')
    await problem.waitFor()
    assert.match(await problem.innerText(), /node "prompt1" \(prompt\) is a dead end/)
    assert.equal(await node('prompt1').getAttribute('data-invalid'), 'true')
    assert.equal(await node('welcome').getByRole('alert').count(), 0)
    await page.getByText('1 problem in the flow').waitFor()
    await screenshot('ivr-error-en-1280')
  })

  step('fixing the node saves the flow; publishing makes version 1; digits replay to the queue', async () => {
    await node('prompt1').getByLabel('Next').selectOption('support')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByRole('button', { name: /Main line/ }).waitFor()
    await page.getByRole('button', { name: 'Publish' }).click()
    await page.getByText('Published as version 1. Calls now use it.').waitFor()
    const useDraft = page.getByLabel('Test the draft instead of the published version')
    await useDraft.waitFor()
    assert.equal(await useDraft.isChecked(), false)
    await page.getByLabel('Keys pressed').fill('2')
    await page.getByRole('button', { name: 'Run test' }).click()
    const result = page.getByTestId('ivr-test-result')
    await result.getByText('Routed to queue support (skills: —)').waitFor()
    assert.match(await result.innerText(), /version 1/i) // the badge is upper-cased by CSS
    assert.match(await result.innerText(), /We are open from 9 to 17/)
    await page.getByLabel('Keys pressed').fill('7,7,7')
    await page.getByRole('button', { name: 'Run test' }).click()
    await result.getByText('Call ended').waitFor()
    await screenshot('ivr-en-1280')
  })

  step('an agent script run in the scripts screen is saved on the call and shown on the activity page', async () => {
    const activity = await apiCall<{ data: { id: string } }>(server, 'POST', '/api/v1/records/activities', { type: 'call', subject: 'Parcel is late' })
    await apiCall(server, 'POST', '/api/v1/contact-center/scripts', {
      name: 'Delivery', queues: ['support'],
      definition: {
        start: 'late', nodes: {
          late: { type: 'question', text: 'Is the parcel more than a week late?', answerType: 'yesNo', branches: { yes: 'refund', no: 'wait' } },
          refund: { type: 'end', outcome: 'refund-offered' }, wait: { type: 'end', outcome: 'asked-to-wait' },
        },
      },
    })
    await page.getByRole('link', { name: 'Agent scripts' }).click()
    await page.getByRole('button', { name: 'Delivery' }).click()
    const runner = page.getByRole('region', { name: 'Run: Delivery' })
    await runner.getByRole('button', { name: 'Yes' }).click()
    await runner.getByText('Outcome: refund-offered').waitFor()
    await runner.getByLabel('Call activity id').fill(activity.data.id)
    await runner.getByRole('button', { name: 'Save answers on the call' }).click()
    await runner.getByText('Saved on the call.').waitFor()
    await screenshot('scripts-en-1280')
    await page.goto(`${server.url}/records/activities/${activity.data.id}`)
    const answers = page.getByRole('region', { name: 'Script answers on this call' })
    await answers.getByText('Is the parcel more than a week late?').waitFor()
    assert.match(await answers.innerText(), /Outcome: refund-offered/)
    await page.goto(`${server.url}/contact-center/ivr`)
  })

  step('in Russian, a new published article is found by a differently-cased word form', async () => {
    await page.locator('select[aria-label="Language"]:visible').selectOption('ru')
    await page.getByRole('link', { name: 'База знаний' }).click()
    await page.getByRole('heading', { name: 'База знаний' }).waitFor()
    await page.getByRole('button', { name: 'Новая статья' }).first().click()
    await page.getByLabel('Заголовок').fill('Возврат посылки')
    await page.getByLabel('Текст').fill('Если посылка задерживается больше недели, предложите клиенту возврат денег.')
    await page.getByLabel('Статус').selectOption('published')
    await page.getByLabel('Теги').fill('доставка, возврат')
    await page.getByRole('button', { name: 'Сохранить' }).click()
    await page.getByText('Сохранено.').waitFor()
    await page.getByLabel('Поиск по статьям и звонкам').fill('ПОСЫЛК')
    const results = page.getByRole('list', { name: 'Результаты' })
    await results.getByText('Возврат посылки').waitFor()
    await page.getByLabel('Поиск по статьям и звонкам').fill('самолёт')
    await page.getByText('Ничего не найдено.').waitFor()
    await page.getByLabel('Поиск по статьям и звонкам').fill('возврат')
    await results.getByText('Возврат посылки').waitFor()
    await screenshot('kb-ru-1280')
  })

  step('phone width: the knowledge base in Russian and the designer in Persian fit 375 px; Persian is RTL', async () => {
    await page.setViewportSize({ width: 375, height: 812 })
    await page.reload()
    await page.getByRole('list', { name: 'Результаты' }).getByText('Возврат посылки').waitFor()
    assert.ok((await page.evaluate(horizontalOverflow)) <= 0, 'no sideways scroll')
    await screenshot('kb-ru-375')
    await page.goto(`${server.url}/contact-center/ivr`)
    await page.getByRole('button', { name: 'Показать или скрыть навигацию' }).click()
    await page.locator('select[aria-label="Язык"]:visible').selectOption('fa')
    await page.waitForFunction(documentDirIs, 'rtl')
    await page.getByRole('button', { name: 'نمایش یا پنهان کردن منو' }).click() // close the navigation again
    await page.getByRole('button', { name: /Main line/ }).click()
    await page.locator('[aria-label="گره welcome"]').waitFor()
    await page.getByRole('heading', { name: 'طراح IVR' }).waitFor()
    assert.ok((await page.evaluate(horizontalOverflow)) <= 0, 'no sideways scroll in Persian')
    await screenshot('ivr-fa-375')
    await page.setViewportSize({ width: 1280, height: 1400 })
    await screenshot('ivr-fa-1280')
    assert.deepEqual(problems, [], 'no script errors in the console')
  })
})
