/**
 * `rapport import FILE --object people [--key email] [--dry-run] [--encoding E] [--delimiter D]
 * [--mapping JSON]` and `rapport import --resume-interrupted`: the same import jobs as the API,
 * run in this process with progress on stderr and the summary on stdout. The CLI acts as the
 * workspace's administrator role.
 */
import fs from 'node:fs'
import type { Principal } from '../../http/auth.js'
import type { Services } from '../../app.js'
import { parseMappingParam } from './header-mapping.js'
import type { ImportView } from './imports.service.js'
import { checkDelimiter, checkEncoding } from './text-decoding.js'

const PROGRESS_INTERVAL_MS = 500

export interface ImportCliOptions {
  file?: string
  object?: string
  key?: string
  dryRun?: boolean
  encoding?: string
  delimiter?: string
  mapping?: string
  resumeInterrupted?: boolean
}

const BAR_WIDTH = 24

/** `[#########...............]  37% 3700/10000 rows, 1850 rows/s, 4s left` */
export function progressLine(job: ImportView): string {
  const { rowsDone, totalRows, percent, rowsPerSecond, etaSeconds } = job.progress
  const filled = Math.round((percent / 100) * BAR_WIDTH)
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`
  return `${bar} ${String(percent).padStart(3)}% ${rowsDone}/${totalRows} rows${rowsPerSecond ? `, ${rowsPerSecond} rows/s` : ''}${etaSeconds ? `, ${etaSeconds}s left` : ''}`
}

async function follow(services: Services, principal: Principal, id: string, write: (line: string) => void): Promise<ImportView> {
  const timer = setInterval(() => { void services.imports.get(principal, id).then((job) => write(progressLine(job)), () => {}) }, PROGRESS_INTERVAL_MS)
  try {
    return await services.imports.wait(principal, id)
  } finally {
    clearInterval(timer)
  }
}

function summary(job: ImportView): string {
  const { create, update, skip, fail } = job.counts
  const verb = job.mode === 'dryRun' ? 'would create' : 'created'
  return `${job.status}: ${verb} ${create}, ${job.mode === 'dryRun' ? 'would update' : 'updated'} ${update}, skipped ${skip}, failed ${fail} ` +
    `(${job.progress.rowsDone}/${job.progress.totalRows} rows, ${job.encoding}, delimiter ${JSON.stringify(job.delimiter)})` +
    `${job.unmappedColumns.length ? `\nnot imported columns: ${job.unmappedColumns.join(', ')}` : ''}${job.error ? `\nerror: ${job.error}` : ''}`
}

export async function runImportCommand(services: Services, workspaceId: string, options: ImportCliOptions, out: (line: string) => void, err: (line: string) => void): Promise<void> {
  const principal: Principal = { workspaceId, userId: null, roleId: await services.access.adminRoleId(workspaceId), credentialId: 'cli', via: 'apiKey' }
  if (options.resumeInterrupted) {
    const ids = await services.imports.resumeInterrupted()
    err(`resuming ${ids.length} interrupted import(s)`)
    for (const id of ids) out(summary(await follow(services, principal, id, err)))
    return
  }
  if (!options.file || !options.object) throw new Error('import needs a FILE and --object')
  const job = await services.imports.create(principal, fs.createReadStream(options.file), {
    object: options.object, mode: options.dryRun ? 'dryRun' : 'apply', key: options.key,
    encoding: checkEncoding(options.encoding), delimiter: checkDelimiter(options.delimiter), mapping: parseMappingParam(options.mapping),
  })
  err(`import ${job.id}: mapping ${JSON.stringify(job.mapping)}`)
  const done = await follow(services, principal, job.id, err)
  err(progressLine(done))
  out(summary(done))
  if (done.counts.fail > 0) out(`row errors: GET /api/v1/imports/${job.id}/errors.csv`)
}
