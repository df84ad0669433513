/**
 * `npm run bench`: for each dialect, seed (or reuse) the dataset, start Rapport and the bare
 * baseline server, run every benchmark, print each figure beside its raw baseline, then a
 * summary table, and write everything to bench/results/<timestamp>.json.
 *
 *   BENCH_PEOPLE=1000000  BENCH_DIALECTS=sqlite,postgres  BENCH_DURATION=10   (or --people= …)
 *   BENCH_WEB=0 skips the browser benchmark (bench/web.ts, SQLite only)
 *   BENCH_IMPORT_ROWS=200000 rows for the import benchmark (bench/import-1m.ts); BENCH_IMPORT=0 skips it
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runBatchCreate, type BatchCreateResult } from './batch-create.js'
import { prepareDataset, type Dataset } from './dataset.js'
import { runDdlUnderLoad, type DdlResult } from './ddl-under-load.js'
import { runListPage, type ListPageResult } from './list-page.js'
import { runSearch, type SearchTermResult } from './search.js'
import { startBaseline, startRapport, type RunningServer } from './servers.js'
import { runWebBench, type WebBenchResult } from './web.js'
import { ROOT, figure, figureLines, fmtInt, fmtMs, fmtPct, log, nowMs, processMemory, readBenchConfig, runCommand, targetText, type Dialect } from './support.js'

interface DialectResult {
  seed?: { people: number; seconds: number; cached: boolean; log: string; analyzeSeconds?: number }
  listPage?: Omit<ListPageResult, 'rapportPaths'>
  search?: SearchTermResult[]
  memory?: { rapport: { rssMb: number; peakMb: number }; bare: { rssMb: number; peakMb: number }; targetMet: boolean }
  ddl?: DdlResult
  batchCreate?: BatchCreateResult
  web?: WebBenchResult
  serverLogErrors?: string[]
  error?: string
  seconds?: number
}

type Row = [string, string, string, string, string, string]

async function benchDialect(dialect: Dialect, people: number, durationSec: number, out: DialectResult, rows: Row[]): Promise<void> {
  let dataset: Dataset | null = null
  let rapport: RunningServer | null = null
  let bare: RunningServer | null = null
  try {
    dataset = await prepareDataset(dialect, people)
    out.seed = { people, ...dataset.seed }
    const analyze = dataset.seed.analyzeSeconds === undefined ? '' : `; then VACUUM ANALYZE ${dataset.seed.analyzeSeconds.toFixed(1)} s`
    figure(`seed (${dialect}): ${fmtInt(people)} people in ${dataset.seed.seconds.toFixed(1)} s${dataset.seed.cached ? ' (cached dataset, seeded by an earlier run)' : ''}${analyze}`)
    rows.push(['seed', dialect, `${dataset.seed.seconds.toFixed(0)} s${dataset.seed.cached ? ' (cached)' : ''}`, '', '', ''])
    rapport = await startRapport(dataset)
    bare = await startBaseline(dataset)

    const list = await runListPage(dialect, rapport, bare, dataset.apiKey, durationSec)
    const { rapportPaths: _paths, ...listResult } = list
    out.listPage = listResult
    const ac = list.autocannon
    rows.push(['list page (autocannon)', dialect, `${fmtInt(ac.rapport.rps)} rps p50 ${fmtMs(ac.rapport.p50)}`, `${fmtInt(ac.bare.rps)} rps p50 ${fmtMs(ac.bare.p50)}`, fmtPct(list.rpsRatio),
      `${list.targets.ratio ? 'met' : 'NOT met'}${list.targets.p50 === null ? '' : ` / p50 ${list.targets.p50 ? 'met' : 'NOT met'}`}`])
    rows.push(['list page (hrtime)', dialect, `p50 ${fmtMs(list.sequential.rapport.p50)} p99 ${fmtMs(list.sequential.rapport.p99)}`,
      `p50 ${fmtMs(list.sequential.bare.p50)} p99 ${fmtMs(list.sequential.bare.p99)}`, fmtPct(list.sequential.bare.p50 / list.sequential.rapport.p50), ''])
    rows.push(['list first page', dialect, `p50 ${fmtMs(list.firstPage.rapport.p50)}`, `p50 ${fmtMs(list.firstPage.bare.p50)}`, fmtPct(list.firstPage.bare.p50 / list.firstPage.rapport.p50), ''])

    out.search = await runSearch(dataset, rapport)
    for (const s of out.search) {
      rows.push([`search q=${s.q}`, dialect, `p50 ${fmtMs(s.rapport.p50)} p99 ${fmtMs(s.rapport.p99)}`, `p50 ${fmtMs(s.raw.p50)} p99 ${fmtMs(s.raw.p99)}`, fmtPct(s.raw.p50 / s.rapport.p50), s.targetMet ? 'met' : 'NOT met'])
    }

    const memory = { rapport: await processMemory(rapport.pid), bare: await processMemory(bare.pid) }
    out.memory = { ...memory, targetMet: memory.rapport.rssMb < 200 }
    figure(`server RSS (${dialect}) after list + search: rapport ${fmtInt(memory.rapport.rssMb)} MB (peak ${fmtInt(memory.rapport.peakMb)} MB) | bare ${fmtInt(memory.bare.rssMb)} MB (peak ${fmtInt(memory.bare.peakMb)} MB) | ${targetText(out.memory.targetMet, '< 200 MB')}`)
    rows.push(['server RSS', dialect, `${fmtInt(memory.rapport.rssMb)} MB`, `${fmtInt(memory.bare.rssMb)} MB`, '', out.memory.targetMet ? 'met' : 'NOT met'])
    await bare.stop()
    bare = null

    out.ddl = await runDdlUnderLoad(dialect, rapport, dataset.apiKey)
    for (const s of out.ddl.steps) rows.push([`ddl: ${s.name}`, dialect, `${fmtMs(s.durationMs)}, slowest read ${fmtMs(s.maxReadMs)}`, `idle read p50 ${fmtMs(out.ddl.idleReads.p50)}`, '', s.targetMet ? 'met' : 'NOT met'])

    out.batchCreate = await runBatchCreate(dataset, rapport)
    const b = out.batchCreate
    rows.push(['batch create', dialect, `${fmtInt(b.rapportRecordsPerSec)} rec/s`, `${fmtInt(b.raw.indexed.rowsPerSec)} indexed / ${fmtInt(b.raw.pkOnly.rowsPerSec)} PK-only`,
      `${fmtPct(b.ratioToIndexed)} / ${fmtPct(b.ratioToPkOnly)}`, b.targetMet ? 'met' : 'NOT met'])

    if (dialect === 'sqlite' && process.env.BENCH_WEB !== '0') {
      // The browser side is the same on both dialects. It starts its own server: it adds a member first, which a running server would not see.
      await rapport.stop()
      const web = out.web = await runWebBench(dataset)
      rows.push(['web cold load, first rows', dialect, `p50 ${fmtMs(web.coldLoad.p50)}`, `empty page paint ${fmtMs(web.coldLoad.emptyPageFcpP50)}`, '', web.coldLoad.targetMet ? 'met' : 'NOT met'])
      rows.push(['web scroll 10k rows, frames', dialect, `p95 ${fmtMs(web.scroll.p95)}, ${fmtInt(web.scroll.dropped)} dropped`, `idle p95 ${fmtMs(web.scroll.idle.p95)}`, '', web.scroll.targetMet ? 'met' : 'NOT met'])
      rows.push(['web first-load JS (gzip)', dialect, `${web.firstLoadJs.gzipKb.toFixed(0)} KB`, '', '', web.firstLoadJs.targetMet ? 'met' : 'NOT met'])
    }
  } catch (error) {
    out.error = (error as Error).stack ?? String(error)
    figure(`ERROR (${dialect}): ${(error as Error).message}`)
  } finally {
    if (rapport) {
      out.serverLogErrors = rapport.logTail().split('\n').filter((l) => /"level":(50|60)|error/i.test(l)).slice(0, 20)
      await rapport.stop()
    }
    if (bare) await bare.stop()
    if (dataset) await dataset.cleanup()
  }
}

/**
 * The import at scale (bench/import-1m.ts) in its own process: BENCH_IMPORT_ROWS rows, 200,000 by
 * default so the suite stays a few minutes longer; BENCH_IMPORT_ROWS=1000000 for the issue's figure;
 * BENCH_IMPORT=0 skips it. Its figure lines join the summary.
 */
async function runImportBench(): Promise<void> {
  if (process.env.BENCH_IMPORT === '0') return
  const rows = process.env.BENCH_IMPORT_ROWS ?? '200000'
  try {
    const { stdout } = await runCommand(process.execPath, [path.join(ROOT, 'dist', 'bench', 'import-1m.js'), `--rows=${rows}`], { timeoutMs: 60 * 60_000, forwardStderr: true })
    for (const line of stdout.split('\n').filter(Boolean)) figureLines.push(line)
    process.stdout.write(stdout)
  } catch (error) {
    figure(`ERROR (import): ${(error as Error).message.slice(0, 500)}`)
    process.exitCode = 1
  }
}

function printTable(rows: Row[]): void {
  const header: Row = ['benchmark', 'dialect', 'rapport', 'baseline', 'ratio', 'target']
  const all = [header, ...rows]
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)))
  const line = (r: Row) => r.map((cell, i) => cell.padEnd(widths[i])).join(' | ')
  process.stdout.write(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('-+-')}\n${rows.map(line).join('\n')}\n`)
}

async function main(): Promise<void> {
  const config = readBenchConfig()
  const startedAt = new Date()
  const began = nowMs()
  log(`people ${fmtInt(config.people)}, dialects ${config.dialects.join(',')}, autocannon ${config.durationSec} s; ${os.cpus().length} cores, node ${process.version}`)
  const results: Record<string, DialectResult> = {}
  const rows: Row[] = []
  for (const dialect of config.dialects) {
    const started = nowMs()
    results[dialect] = {}
    await benchDialect(dialect, config.people, config.durationSec, results[dialect], rows)
    results[dialect].seconds = (nowMs() - started) / 1000
    log(`${dialect} done in ${results[dialect].seconds!.toFixed(0)} s`)
  }
  await runImportBench()
  process.stdout.write('\n=== Figures ===\n' + figureLines.join('\n') + '\n')
  printTable(rows)
  const dir = path.join(ROOT, 'bench', 'results')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
  const git = (args: string[]) => { try { return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim() } catch { return null } }
  const code = { commit: git(['rev-parse', 'HEAD']), uncommittedServerFiles: git(['status', '--porcelain', '--', 'server', 'contracts'])?.split('\n').filter(Boolean) ?? null }
  const machine = { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version }
  fs.writeFileSync(file, JSON.stringify({ startedAt, config, code, machine, totalSeconds: (nowMs() - began) / 1000, results, figures: figureLines }, null, 2))
  process.stdout.write(`\nresults: ${path.relative(ROOT, file)} (total ${((nowMs() - began) / 1000).toFixed(0)} s)\n`)
  if (Object.values(results).some((r) => r.error)) process.exitCode = 1
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? error}\n`)
  process.exitCode = 1
})
