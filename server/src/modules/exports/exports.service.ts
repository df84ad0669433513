/**
 * @module exports
 * Export of a list view (a saved view, or the list API's filter, sort and columns) to CSV or
 * XLSX. Rows come through the record engine's query planning in keyset pages (export-pages.ts) — the caller's object permission,
 * field-level security and record scope apply exactly as in a list — and are written as they
 * are read, so a million rows take the memory of one page. Every export is audit-logged.
 */
import { Readable } from 'node:stream'
import { AppError, fieldError } from '../../errors.js'
import { getObject } from '../../engine/metadata-store.js'
import type { ObjectMeta } from '../../engine/metadata-types.js'
import { requirePermission, visibleObject } from '../../engine/visibility.js'
import type { Principal } from '../../http/auth.js'
import type { AuditService } from '../identity/audit.service.js'
import { actorOf, type RecordsService } from '../records/records.service.js'
import type { ViewsService } from '../views/views.service.js'
import { csvChunks } from './csv-writer.js'
import { exportColumns } from './export-columns.js'
import { exportReader, type Page } from './export-pages.js'
import { xlsxStream } from './xlsx-writer.js'
import { assertCardObject, cardFields, cardOf } from '../cards/vcards.service.js'
import { formatVCard } from '../cards/vcard.js'
import { CALENDAR_FOOTER, calendarHeader, formatComponent, type CalendarItem } from '../cards/ical.js'
import { CALENDAR_FIELDS } from '../cards/calendar-feeds.service.js'

/** An iCalendar of the records (VEVENT / VTODO each), page by page. */
async function* icsChunks(pages: AsyncIterable<Page>, name: string): AsyncGenerator<string> {
  yield calendarHeader(name)
  for await (const { records } of pages) yield records.map((r) => formatComponent(r as unknown as CalendarItem, 'rapport')).join('')
  yield CALENDAR_FOOTER
}

/** Objects with a subject and a due time can be calendars; checked on metadata, not on the name. */
function assertCalendarObject(view: ObjectMeta): void {
  if (!view.fieldsByName.has('subject') || view.fieldsByName.get('dueAt')?.type !== 'dateTime') throw fieldError('/format', `${view.apiName} has no subject and dueAt fields, so it cannot be a calendar`)
}

/** vCards of every record, page by page (the company's title from the page's labels). */
async function* vcardChunks(pages: AsyncIterable<Page>): AsyncGenerator<string> {
  for await (const { records, labels } of pages) {
    yield records.map((r) => formatVCard(cardOf(r, typeof r.company === 'string' ? labels.get(r.company) ?? null : null))).join('')
  }
}

export const EXPORT_FORMATS = ['csv', 'xlsx', 'vcf', 'ics'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export interface ExportRequest {
  format: ExportFormat
  viewId?: string
  filter?: unknown
  sort?: unknown
  fields?: string[]
  /** CSV only: start with a UTF-8 byte order mark (Excel needs it to read UTF-8). */
  bom?: boolean
}

export interface ExportFile {
  stream: Readable
  contentType: string
  fileName: string
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  vcf: 'text/vcard; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
}

export function createExportsService(deps: {
  records: Pick<RecordsService, 'contextFor'>
  views: Pick<ViewsService, 'get'>
  audit: Pick<AuditService, 'record'>
  /** Rows per keyset page (tests use a small one to cross many page boundaries). */
  pageRows?: number
}) {
  return {
    async export(principal: Principal, objectName: string, request: ExportRequest, ip: string | null = null): Promise<ExportFile> {
      const ctx = await deps.records.contextFor(principal)
      const object = getObject(ctx.metadata, objectName)
      requirePermission(ctx.access, object, 'read')
      requirePermission(ctx.access, object, 'export')
      const view = request.viewId ? await deps.views.get(principal, request.viewId) : undefined
      if (view && view.object !== object.apiName) throw fieldError('/viewId', `this view lists ${view.object}, not ${object.apiName}`)
      const visible = visibleObject(ctx.access, object)
      if (request.format === 'vcf') assertCardObject(visible, '/format')
      if (request.format === 'ics') assertCalendarObject(visible)
      // A vCard has its own fields; a spreadsheet has the view's (or the request's) columns.
      const names = request.format === 'vcf' ? cardFields(visible) : request.format === 'ics' ? CALENDAR_FIELDS.filter((f) => visible.fieldsByName.has(f)) : request.fields ?? (view && view.columns.length ? view.columns.map((c) => c.field) : undefined)
      const { columns, fields } = exportColumns(visible, names, request.fields ? '/fields' : '/columns')
      const query = {
        filter: request.filter ?? view?.filter ?? undefined,
        sort: request.sort ?? (view && view.sort.length ? view.sort : undefined),
        fields,
      }
      const reader = await exportReader(ctx, object, query, columns, { pageRows: deps.pageRows, slim: request.format === 'csv' })
      await reader.first()
      await deps.audit.record('export', {
        workspaceId: principal.workspaceId, actor: actorOf(principal), ip,
        detail: { object: object.apiName, format: request.format, viewId: view?.id ?? null, fields, filtered: query.filter !== undefined },
      })
      const pages = reader.pages()
      const stamp = new Date().toISOString().slice(0, 10)
      if (request.format === 'xlsx') {
        return { stream: xlsxStream(columns, pages, view?.name ?? object.labelPlural), contentType: CONTENT_TYPES.xlsx, fileName: `${object.apiName}-${stamp}.xlsx` }
      }
      if (request.format === 'vcf') {
        return { stream: Readable.from(vcardChunks(pages), { objectMode: false }), contentType: CONTENT_TYPES.vcf, fileName: `${object.apiName}-${stamp}.vcf` }
      }
      if (request.format === 'ics') {
        return { stream: Readable.from(icsChunks(pages, view?.name ?? object.labelPlural), { objectMode: false }), contentType: CONTENT_TYPES.ics, fileName: `${object.apiName}-${stamp}.ics` }
      }
      if (request.format !== 'csv') throw new AppError('validation-failed', 'format must be csv or xlsx')
      return { stream: Readable.from(csvChunks(columns, pages, request.bom === true), { objectMode: false }), contentType: CONTENT_TYPES.csv, fileName: `${object.apiName}-${stamp}.csv` }
    },
  }
}

export type ExportsService = ReturnType<typeof createExportsService>
