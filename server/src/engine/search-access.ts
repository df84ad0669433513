/**
 * Search as a caller sees it: candidates from the index are kept only when the caller may
 * read the object and the record, and when the terms still match using only the fields the
 * caller can see — so searching cannot reveal a hidden field's value or a private record.
 */
import { sql } from 'kysely'
import type { SearchCandidate } from '../db/dialects/sql-dialect.js'
import { readableFields, rowToRecord, selectColumns } from './record-codec.js'
import { andScope } from './record-access.js'
import type { RecordContext } from './records.js'
import { matchesAllTerms, recordTitle, searchDocOf, searchRecords, type SearchHit } from './search.js'
import { visibleObject } from './visibility.js'

export async function searchAsCaller(ctx: RecordContext, query: string, objects: string[] | null, limit: number): Promise<SearchHit[]> {
  if (ctx.access.isAdmin) return searchRecords(ctx.ws.db, ctx.ws.dialect, query, objects, limit)
  return searchRecords(ctx.ws.db, ctx.ws.dialect, query, objects, limit, async (candidates, terms) => {
    const kept: SearchCandidate[] = []
    const byObject = new Map<string, SearchCandidate[]>()
    for (const c of candidates) byObject.set(c.object, [...(byObject.get(c.object) ?? []), c])
    for (const [objectName, group] of byObject) {
      const object = ctx.metadata.objects.get(objectName)
      if (!object || !ctx.access.can(objectName, 'read')) continue
      const view = visibleObject(ctx.access, object)
      const fields = readableFields(view)
      const rows = await sql<Record<string, unknown>>`select ${sql.join(selectColumns(fields).map((c) => sql.ref(c)))}
        from ${sql.table(object.tableName)} where deleted_at is null ${andScope(ctx, object, 'read')}
        and id in (${sql.join(group.map((c) => c.recordId))})`.execute(ctx.ws.db)
      for (const row of rows.rows) {
        const record = rowToRecord(fields, row, ctx.ws.dialect)
        const doc = searchDocOf(view, record)
        if (doc && matchesAllTerms(doc.body, terms)) kept.push({ object: objectName, recordId: record.id, title: recordTitle(view, record) })
      }
    }
    return kept
  })
}
