/**
 * `rapport import FILE --object people [--key email] [--dry-run] [--encoding E] [--delimiter D]
 * [--mapping JSON] [--template ID] [--kind records|invoiceLines] [--date-format dmy|mdy|ymd]
 * [--currency EUR] [--create-related] [--create-options] [--sheet S] [--default-country LT]` and
 * `rapport import --resume-interrupted`: the same import jobs (and options) as the API,
 * run in this process with progress on stderr and the summary on stdout. The CLI acts as the
 * workspace's administrator role.
 */
import fs from 'node:fs'
import type { Principal } from '../../http/auth.js'
import type { Services } from '../../app.js'
import { parseMappingParam } from './header-mapping.js'
import { IMPORT_DATE_FORMATS } from '../../../../contracts/imports.js'
import type { ImportRequest, ImportView } from './imports.service.js'
import { checkDelimiter, checkEncoding } from './text-decoding.js'
import { checkDefaultCountry } from './default-country.js'

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
  template?: string
  kind?: string
  dateFormat?: string
  currency?: string
  createRelated?: boolean
  createOptions?: boolean
  sheet?: string
  defaultCountry?: string
}

/** The API's query options from the flags, checked as the API's schema checks them. */
export function importFlags(options: ImportCliOptions): Pick<ImportRequest, 'template' | 'kind' | 'dateFormat' | 'currency' | 'createRelated' | 'createOptions' | 'sheet' | 'declared' | 'defaultCountry'> {
  const oneOf = <T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined => {
    if (value !== undefined && !allowed.includes(value as T)) throw new Error(`--${flag} must be one of ${allowed.join(', ')}`)
    return value as T | undefined
  }
  if (options.currency !== undefined && !/^[A-Z]{3}$/.test(options.currency)) throw new Error('--currency must be a three-letter ISO 4217 code such as EUR')
  if (options.sheet !== undefined && (options.sheet.length < 1 || options.sheet.length > 100)) throw new Error('--sheet must be 1 to 100 characters')
  const extension = options.file?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1]
  return {
    template: options.template, kind: oneOf('kind', options.kind, ['records', 'invoiceLines'] as const),
    dateFormat: oneOf('date-format', options.dateFormat, IMPORT_DATE_FORMATS), currency: options.currency,
    createRelated: options.createRelated, createOptions: options.createOptions, sheet: options.sheet,
    defaultCountry: checkDefaultCountryFlag(options.defaultCountry),
    // As the API does with the file name: the bytes must then agree with the extension.
    declared: extension === 'xlsx' || extension === 'xlsm' ? 'xlsx' : extension === 'csv' || extension === 'tsv' ? 'csv' : undefined,
  }
}

/** --default-country as the API checks it, with the flag's name in the message. */
function checkDefaultCountryFlag(value: string | undefined): string | undefined {
  try {
    return checkDefaultCountry(value, '/query/defaultCountry')
  } catch {
    throw new Error(`--default-country must be a country code with a phone numbering plan (ISO 3166-1 alpha-2, such as LT), not ${JSON.stringify(value)}`)
  }
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
  const flags = importFlags(options)
  const job = await services.imports.create(principal, fs.createReadStream(options.file), {
    object: options.object, mode: options.dryRun ? 'dryRun' : 'apply', key: options.key,
    encoding: checkEncoding(options.encoding), delimiter: checkDelimiter(options.delimiter), mapping: parseMappingParam(options.mapping), ...flags,
  })
  err(`import ${job.id}: mapping ${JSON.stringify(job.mapping)}`)
  const done = await follow(services, principal, job.id, err)
  err(progressLine(done))
  out(summary(done))
  if (done.counts.fail > 0) out(`row errors: GET /api/v1/imports/${job.id}/errors.csv`)
}
