/**
 * Benchmark 3: batch create rate. Rapport: sequential POST /api/v1/records/people/batch
 * requests of 1000 create operations. Baselines (batch-baseline.ts): the same number of rows
 * through the bare driver into a PK-only table and into the real indexed table + search index.
 */
import type { Dataset } from './dataset.js'
import { runRawBatch, type RawBatchResult } from './batch-baseline.js'
import { generatePeople } from './people-rows.js'
import type { RunningServer } from './servers.js'
import { fmtInt, fmtMs, fmtPct, figure, log, nowMs, request, summarize, targetText, type Summary } from './support.js'

const OPS_PER_REQUEST = 1000
const REQUESTS = 30
const MAX_MS = 600_000

export interface BatchCreateResult {
  requests: number
  records: number
  rapportRecordsPerSec: number
  perRequest: Summary
  raw: RawBatchResult
  ratioToIndexed: number
  ratioToPkOnly: number
  targetMet: boolean
}

export async function runBatchCreate(dataset: Dataset, rapport: RunningServer): Promise<BatchCreateResult> {
  const headers = { authorization: `Bearer ${dataset.apiKey}` }
  const tag = Date.now().toString(36)
  const url = `${rapport.url}/api/v1/records/people/batch`
  const send = async (people: ReturnType<typeof generatePeople>) => {
    const body = JSON.stringify({ operations: people.map((data) => ({ op: 'create', data })) })
    const res = await request(url, { method: 'POST', headers, body, timeoutMs: 300_000 })
    if (res.status !== 200) throw new Error(`batch → ${res.status}: ${res.body.slice(0, 1000)}`)
    const created = (JSON.parse(res.body) as { data: unknown[] }).data.length
    if (created !== people.length) throw new Error(`batch created ${created} of ${people.length}`)
    return res.ms
  }

  log(`batch create (${dataset.dialect}): warm-up request of 100 …`)
  await send(generatePeople(100, 7, `w${tag}`))
  log(`batch create (${dataset.dialect}): ${REQUESTS} requests × ${OPS_PER_REQUEST} creates …`)
  const times: number[] = []
  const deadline = nowMs() + MAX_MS
  for (let i = 0; i < REQUESTS && nowMs() < deadline; i++) times.push(await send(generatePeople(OPS_PER_REQUEST, 1000 + i, `r${tag}b${i}x`)))
  const records = times.length * OPS_PER_REQUEST
  const rapportRate = records / (times.reduce((s, v) => s + v, 0) / 1000)

  log(`batch create (${dataset.dialect}): raw driver baselines …`)
  const rawBatches = Array.from({ length: times.length }, (_, i) => generatePeople(OPS_PER_REQUEST, 5000 + i, `q${tag}b${i}x`))
  const raw = await runRawBatch(dataset, rawBatches)
  const ratioToIndexed = rapportRate / raw.indexed.rowsPerSec
  const ratioToPkOnly = rapportRate / raw.pkOnly.rowsPerSec
  const perRequest = summarize(times)
  figure(`batch create (${dataset.dialect}): rapport ${fmtInt(rapportRate)} records/s (${times.length} × ${OPS_PER_REQUEST}, per request p50 ${fmtMs(perRequest.p50)} max ${fmtMs(perRequest.max)}) | raw indexed+search ${fmtInt(raw.indexed.rowsPerSec)} rows/s | raw PK-only ${fmtInt(raw.pkOnly.rowsPerSec)} rows/s | ratio ${fmtPct(ratioToIndexed)} of indexed, ${fmtPct(ratioToPkOnly)} of PK-only | ${targetText(ratioToIndexed >= 0.5, '≥50% of indexed')}`)
  figure(`  batch baseline (${dataset.dialect}) indexed = ${raw.indexedDescription}`)
  return { requests: times.length, records, rapportRecordsPerSec: rapportRate, perRequest, raw, ratioToIndexed, ratioToPkOnly, targetMet: ratioToIndexed >= 0.5 }
}
