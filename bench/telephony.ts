/**
 * Telephony benchmark (`node dist/bench/telephony.js`): against a real `bin/rapport serve`
 * (SQLite, WAL, synchronous=FULL):
 * 1. event intake throughput — POST /api/v1/telephony/events from 16 concurrent senders, each
 *    event a full intake (dedupe key, call fold, call card activity), beside the raw engine:
 *    the same event rows inserted with better-sqlite3 into the same kind of table, one
 *    committed transaction per event (the durability each accepted webhook gets);
 * 2. screen-pop latency — from the start of the POST of a ringing event to the caller's name
 *    painted in a real Chromium (SSE push + card fetch + render), p50/p99.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { apiCall, launchChromium, setUpOverApi, startServer, submitSignIn } from '../test/browser/support.js'
import { figure, fmtInt, fmtMs, log, nowMs, request, summarize } from './support.js'

const CALLS = Number(process.env.BENCH_TELEPHONY_CALLS ?? 500)
const CONCURRENCY = 16
const POPS = Number(process.env.BENCH_TELEPHONY_POPS ?? 30)
const ADMIN = { workspaceName: 'Bench calls', name: 'Bench Agent', email: 'agent@example.com', password: 'correct horse battery staple' }

function eventsFor(calls: number): Record<string, unknown>[] {
  const at = (s: number) => new Date(Date.now() + s * 1000).toISOString()
  const base = (i: number) => ({ callId: `b-${i}`, from: `+3706${String(2000000 + i).slice(-7)}`, to: '+37052000000', direction: 'inbound' })
  return Array.from({ length: calls }, (_, i) => [
    { ...base(i), event: 'ringing', sequence: 1, timestamp: at(0) },
    { ...base(i), event: 'answered', sequence: 2, timestamp: at(2), queue: 'support' },
    { ...base(i), event: 'dtmf', sequence: 3, timestamp: at(3), digits: '1' },
    { ...base(i), event: 'ended', sequence: 4, timestamp: at(60), reason: 'completed' },
  ]).flat()
}

/** The raw engine: the same rows, one durable transaction each, no HTTP and no CRM logic. */
function rawInsert(events: Record<string, unknown>[]): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-raw-'))
  const db = new BetterSqlite3(path.join(dir, 'raw.db'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec(`create table call_events (line_id text not null, call_id text not null, event text not null, sequence integer not null,
    occurred_at text not null, received_at text not null, data text not null, primary key (line_id, call_id, event, sequence))`)
  const insert = db.prepare('insert into call_events values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing')
  const one = db.transaction((e: Record<string, unknown>) => insert.run('line', e.callId, e.event, e.sequence, e.timestamp, new Date().toISOString(), JSON.stringify(e)))
  const started = nowMs()
  for (const e of events) one(e)
  const seconds = (nowMs() - started) / 1000
  db.close()
  fs.rmSync(dir, { recursive: true, force: true })
  return events.length / seconds
}

async function intake(url: string, token: string, events: Record<string, unknown>[]): Promise<{ perSec: number; latency: ReturnType<typeof summarize> }> {
  const samples: number[] = []
  let next = 0
  const started = nowMs()
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < events.length) {
      const event = events[next++]
      const res = await request(`${url}/api/v1/telephony/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(event) })
      if (res.status !== 200) throw new Error(`intake → ${res.status}: ${res.body.slice(0, 300)}`)
      samples.push(res.ms)
    }
  }))
  return { perSec: events.length / ((nowMs() - started) / 1000), latency: summarize(samples) }
}

async function main(): Promise<void> {
  const server = await startServer()
  const browser = await launchChromium()
  try {
    await setUpOverApi(server, ADMIN)
    const token = (await apiCall<{ data: { token: string } }>(server, 'POST', '/api/v1/telephony/lines', { name: 'Bench', provider: 'generic', ratePerMinute: 1_000_000 })).data.token
    const people = Array.from({ length: POPS }, (_, i) => ({ op: 'create', data: { firstName: `Caller${i}`, lastName: 'Bench', phone: `+3706${String(5000000 + i).slice(-7)}` } }))
    await apiCall(server, 'POST', '/api/v1/records/people/batch', { operations: people })

    const events = eventsFor(CALLS)
    log(`intake: ${fmtInt(events.length)} events (${CALLS} calls), ${CONCURRENCY} senders …`)
    const ours = await intake(server.url, token, events)
    const raw = rawInsert(events)
    figure(`telephony intake (sqlite): ${fmtInt(ours.perSec)} events/s (p50 ${fmtMs(ours.latency.p50)}, p99 ${fmtMs(ours.latency.p99)} per event; ${fmtInt(events.length)} events, ${CALLS} calls with a call activity each) · raw better-sqlite3 insert of the same rows, one durable transaction each: ${fmtInt(raw)} rows/s`)

    const page = browser.context.pages()[0] ?? (await browser.context.newPage())
    const streamOpen = page.waitForResponse((r) => r.url().includes('/api/v1/telephony/stream'))
    await page.goto(`${server.url}/records/people`)
    await submitSignIn(page, ADMIN.email, ADMIN.password)
    await page.getByRole('heading', { name: 'People' }).waitFor()
    await streamOpen
    const latencies: number[] = []
    for (let i = -3; i < POPS; i++) {
      const n = Math.max(0, i)
      const name = `Caller${n} Bench`
      const started = nowMs()
      await request(`${server.url}/api/v1/telephony/events`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ callId: `pop-${i}`, event: 'ringing', sequence: 1, timestamp: new Date().toISOString(), from: `+3706${String(5000000 + n).slice(-7)}`, direction: 'inbound' }),
      })
      await page.getByRole('region', { name: 'Current call' }).getByRole('link', { name, exact: true }).waitFor({ timeout: 10_000 })
      if (i >= 0) latencies.push(nowMs() - started)
      await page.getByRole('button', { name: 'Close the call panel' }).click()
    }
    const pop = summarize(latencies)
    figure(`screen pop (sqlite, Chromium): event POST → caller's name on screen p50 ${fmtMs(pop.p50)}, p99 ${fmtMs(pop.p99)}, max ${fmtMs(pop.max)} over ${pop.n} calls (SSE push + card fetch + render)`)
  } finally {
    await browser.close()
    await server.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
