/**
 * The rows of an export, read in keyset pages the way listRecords reads a list — the same
 * visible fields, filter (with the caller's filter access), record scope, sort and `deleted_at
 * is null` — but planned once per export instead of once per page: the filter and scope are
 * compiled once, pages are larger than the list API allows, and the next page continues from
 * the last row's key values directly instead of a signed cursor. Relation labels are cached
 * across pages (the same company appears on many pages), so most pages need no label query.
 */
import { sql, type RawBuilder } from 'kysely'
import { compileFilter } from '../../engine/filter.js'
import { isManyToOne, isVirtualField } from '../../engine/fields/relation.js'
import type { ObjectMeta } from '../../engine/metadata-types.js'
import { occupiedFirsts } from '../../engine/prefix-probe.js'
import { filterAccessOf } from '../../engine/record-access.js'
import { readableFields, rowToRecord, selectColumns, type ApiRecord } from '../../engine/record-codec.js'
import { listRecords, MAX_PAGE_SIZE, type RecordContext } from '../../engine/records.js'
import { readRelated } from '../../engine/related.js'
import { listScope } from '../../engine/scope-plan.js'
import { afterCursor, orderBy, resolveSort } from '../../engine/sort-cursor.js'
import { requirePermission, visibleObject } from '../../engine/visibility.js'
import type { ExportColumn, RelationLabels } from './export-columns.js'

/** Rows per page: a few thousand keeps per-page work (statement, labels, one write) noise. */
export const EXPORT_PAGE_ROWS = 5000
/** Ids per label lookup (an `in` list well under every dialect's parameter limit). */
const LABEL_CHUNK = 500
/** Labels kept across pages; past this the cache starts again (memory stays bounded). */
const MAX_CACHED_LABELS = 200_000

/** `rows` are the stored rows; `records` the same rows as API records (in `slim` mode only the fields no column reads from the row). */
export type Page = { rows: Record<string, unknown>[]; records: ApiRecord[]; labels: RelationLabels }

export interface ExportQuery {
  filter?: unknown
  sort?: unknown
  fields: string[]
}

export interface ExportReader {
  /** The first page, read before the response starts so bad input answers 4xx. */
  first(): Promise<ApiRecord[]>
  pages(): AsyncGenerator<Page>
}

/** Plans the export's query (throws the list API's 4xx for a bad filter or sort). */
export async function exportReader(ctx: RecordContext, object: ObjectMeta, query: ExportQuery, columns: ExportColumn[], options: { pageRows?: number; slim?: boolean } = {}): Promise<ExportReader> {
  const pageRows = options.pageRows ?? EXPORT_PAGE_ROWS
  requirePermission(ctx.access, object, 'read')
  const view = visibleObject(ctx.access, object)
  const fields = readableFields(view, query.fields)
  const keys = resolveSort(view, query.sort)
  const conditions: RawBuilder<boolean>[] = [sql<boolean>`deleted_at is null`]
  const scope = await listScope(ctx, object, keys[0].column, pageRows)
  if (scope) conditions.push(scope)
  if (query.filter !== undefined) {
    const occupied = await occupiedFirsts(ctx.ws, view, query.filter)
    conditions.push(compileFilter(view, query.filter, ctx.metadata, { dialect: ctx.ws.dialect, parse: ctx.parse, occupiedFirsts: occupied }, '/filter', filterAccessOf(ctx)))
  }
  const columnList = sql.join([...new Set([...selectColumns(fields), ...keys.map((k) => k.column)])].map((c) => sql.ref(c)))
  // Slim (CSV): a field whose every column reads the stored row needs no API value.
  const fromRecord = options.slim ? fields.filter((f) => columns.some((c) => c.field === f.apiName && !c.rowText)) : fields
  const toMany = fromRecord.filter(isVirtualField)
  const labels = labelCache(ctx, columns)

  async function read(after: unknown[] | null): Promise<{ rows: Record<string, unknown>[]; records: ApiRecord[]; last: unknown[] | null }> {
    const where = after ? [...conditions, afterCursor(keys, after, ctx.ws.dialect)] : conditions
    const rows = (await sql<Record<string, unknown>>`select ${columnList} from ${sql.table(object.tableName)}
      where ${sql.join(where, sql` and `)} order by ${orderBy(keys, ctx.ws.dialect)} limit ${pageRows}`.execute(ctx.ws.db)).rows
    const records = rows.map((row) => rowToRecord(fromRecord, row, ctx.ws.dialect))
    if (toMany.length > 0 && records.length > 0) {
      for (const [field, byRecord] of await readRelated(ctx.ws.db, toMany, records.map((r) => r.id))) {
        for (const record of records) record[field.apiName] = byRecord.get(record.id) ?? []
      }
    }
    // Key values as stored, in the form the cursor codec would carry them.
    const lastRow = rows.length === pageRows ? rows.at(-1)! : null
    return { rows, records, last: lastRow ? keys.map((k) => serialize(lastRow[k.column])) : null }
  }

  let firstPage: Awaited<ReturnType<typeof read>> | null = null
  return {
    async first() {
      firstPage = await read(null)
      return firstPage.records
    },
    async *pages() {
      let page = firstPage ?? (await read(null))
      for (;;) {
        yield { rows: page.rows, records: page.records, labels: await labels(page.rows, page.records) }
        if (!page.last) return
        page = await read(page.last)
      }
    },
  }
}

function serialize(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return value.toISOString()
  return value ?? null
}

/** Labels of the related records pages point at, read as the caller may see them, cached. */
function labelCache(ctx: RecordContext, columns: ExportColumn[]): (rows: Record<string, unknown>[], records: ApiRecord[]) => Promise<RelationLabels> {
  let cache: RelationLabels = new Map()
  /** Ids looked up and not visible (or without a label): not asked for again. */
  let missing = new Set<string>()
  const relations = columns.flatMap((column) => {
    const relation = column.relation
    const target = relation?.options.relation ? ctx.metadata.objects.get(relation.options.relation.target) : undefined
    if (!relation || !target || !ctx.access.can(target.apiName, 'read')) return []
    const labelFields = visibleObject(ctx.access, target).labelFields
    // A to-one id is read from the stored row, to-many ids from the record (readRelated filled them).
    return labelFields.length ? [{ column: isManyToOne(relation) ? relation.columnName! : null, field: relation.apiName, target, labelFields }] : []
  })
  return async (rows, records) => {
    if (cache.size + missing.size > MAX_CACHED_LABELS) { cache = new Map(); missing = new Set() }
    for (const { column, field, target, labelFields } of relations) {
      const wanted = new Set<string>()
      const want = (id: unknown) => { if (typeof id === 'string' && !cache.has(id) && !missing.has(id)) wanted.add(id) }
      if (column) for (const row of rows) want(row[column])
      else for (const record of records) { const ids = record[field]; if (Array.isArray(ids)) ids.forEach(want) }
      const ids = [...wanted]
      for (let i = 0; i < ids.length; i += LABEL_CHUNK) {
        const chunk = ids.slice(i, i + LABEL_CHUNK)
        const found = await listRecords(ctx, target, { filter: { field: 'id', op: 'in', value: chunk }, fields: labelFields, limit: MAX_PAGE_SIZE })
        for (const record of found.data) {
          const label = labelFields.map((f) => record[f]).filter((v) => v !== null && v !== undefined && v !== '').join(' ')
          if (label) cache.set(record.id, label)
        }
        for (const id of chunk) if (!cache.has(id)) missing.add(id)
      }
    }
    return cache
  }
}
