/**
 * Knowledge search and IVR replay, in process on SQLite (app.inject, no network):
 * - GET /api/v1/contact-center/kb/search over N stored call requests and M articles (index warm),
 *   beside the raw candidate query it issues (`like '% term%'` on kb_request_index) on the driver;
 * - GET /kb/suggest with a caller's sentence;
 * - POST /ivr-flows/{id}/simulate (a 5-step path with a lookup) beside runIvr on the same graph.
 * Run: node dist/bench/contact-center-kb.js [calls=20000] [articles=1000]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { buildApp, createServices } from '../server/src/app.js'
import { openSqliteDatabase } from '../server/src/db/database.js'
import { runIvr } from '../server/src/modules/contact-center/ivr-execute.js'
import type { IvrDefinition } from '../contracts/contact-center-content.js'
import { sampleFlow } from '../test/support/ivr-flows.js'
import { fmtMs, log, summarize } from './support.js'

const CALLS = Number(process.argv[2] ?? 20_000)
const ARTICLES = Number(process.argv[3] ?? 1_000)
const REPEATS = 200
const WORDS = ['посылка', 'задерживается', 'возврат', 'счёт', 'parcel', 'refund', 'invoice', 'delivery', 'siunta', 'grąžinimas', 'سفارش', 'بازپرداخت', 'password', 'login', 'пароль']

const pick = (i: number, k: number) => WORDS[(i * 7 + k * 13) % WORDS.length]

async function time(run: () => Promise<unknown>): Promise<ReturnType<typeof summarize>> {
  for (let i = 0; i < 10; i++) await run()
  const samples: number[] = []
  for (let i = 0; i < REPEATS; i++) {
    const started = process.hrtime.bigint()
    await run()
    samples.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  return summarize(samples)
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-kb-'))
  const database = await openSqliteDatabase(dir)
  const services = await createServices(database, { cursorSecret: 'bench' })
  const app = await buildApp({ services })
  const workspace = await services.workspaces.create({ name: 'bench', defaultCountry: 'LT', defaultCurrency: 'EUR' })
  const { key } = await services.apiKeys.create(workspace.id, 'bench', { roleId: await services.access.adminRoleId(workspace.id) })
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
  const send = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
    const res = await app.inject({ method, url, headers: body === undefined ? { authorization: headers.authorization } : headers, payload: body === undefined ? undefined : JSON.stringify(body) })
    if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`)
    return JSON.parse(res.body)
  }
  try {
    log(`seeding ${CALLS} call activities and ${ARTICLES} articles …`)
    for (let start = 0; start < CALLS; start += 1000) {
      const operations = Array.from({ length: Math.min(1000, CALLS - start) }, (_, j) => {
        const i = start + j
        return { op: 'create', data: { type: 'call', subject: `${pick(i, 0)} ${pick(i, 1)} #${i}`, body: `Caller said: ${pick(i, 2)} ${pick(i, 3)} ${pick(i, 4)}; agent answered about ${pick(i, 5)}.` } }
      })
      await send('POST', '/api/v1/records/activities/batch', { operations })
    }
    for (let i = 0; i < ARTICLES; i++) {
      await send('POST', '/api/v1/contact-center/kb/articles', { title: `${pick(i, 6)} ${pick(i, 7)} ${i}`, body: `How to handle ${pick(i, 8)} and ${pick(i, 9)}.`, language: 'ru', status: 'published' })
    }
    const indexStarted = process.hrtime.bigint()
    await send('GET', `/api/v1/contact-center/kb/search?q=${encodeURIComponent('возврат')}`)
    log(`first search folded ${CALLS} requests into the index in ${fmtMs(Number(process.hrtime.bigint() - indexStarted) / 1e6)}`)

    const raw = new Database(path.join(dir, 'workspaces', `${workspace.id}.db`), { readonly: true })
    const rawQuery = raw.prepare(`select activity_id from kb_request_index where search_text like ? order by source_updated_at desc limit 200`)
    for (const q of ['возврат', 'grazinimas', 'بازپرداخت']) {
      const url = `/api/v1/contact-center/kb/search?q=${encodeURIComponent(q)}`
      const hits = (await send('GET', url)).data.length
      const ours = await time(() => send('GET', url))
      const theirs = await time(async () => rawQuery.all(`% ${q}%`))
      console.log(`kb search q=${q} (sqlite, ${CALLS} calls + ${ARTICLES} articles): rapport p50 ${fmtMs(ours.p50)} p99 ${fmtMs(ours.p99)} (${hits} hits) | raw candidate query p50 ${fmtMs(theirs.p50)} p99 ${fmtMs(theirs.p99)}`)
    }
    const sentence = 'Здравствуйте, моя посылка задерживается, хочу возврат'
    const suggest = await time(() => send('GET', `/api/v1/contact-center/kb/suggest?text=${encodeURIComponent(sentence)}`))
    console.log(`kb suggest (sqlite, ${ARTICLES} articles): rapport p50 ${fmtMs(suggest.p50)} p99 ${fmtMs(suggest.p99)}`)
    raw.close()

    await send('POST', '/api/v1/records/orders', { orderNumber: '10042', status: 'shipped' })
    const flow = (await send('POST', '/api/v1/contact-center/ivr-flows', { name: 'bench', definition: sampleFlow() })).data
    await send('POST', `/api/v1/contact-center/ivr-flows/${flow.id}/publish`)
    const body = { digits: '2,10042#,0', at: '2026-12-01T08:30:00Z' }
    const ours = await time(() => send('POST', `/api/v1/contact-center/ivr-flows/${flow.id}/simulate`, body))
    const definition = sampleFlow() as IvrDefinition
    const theirs = await time(() => runIvr(definition, ['2', '10042#', '0'], { at: new Date(body.at), language: 'en', lookup: async () => ({ found: true, answer: { status: 'shipped' } }) }))
    console.log(`ivr simulate (6-step path with an order lookup): rapport p50 ${fmtMs(ours.p50)} p99 ${fmtMs(ours.p99)} | bare executor, lookup stubbed p50 ${fmtMs(theirs.p50)} p99 ${fmtMs(theirs.p99)}`)
  } finally {
    await app.close()
    await database.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

await main()
