/**
 * Cross-object search: one index per workspace of normalized text (see search-text.ts), prefix
 * matching on every term. The database returns unranked candidates fast; ranking happens
 * here on that small set, so the typeahead stays in single-digit milliseconds at 1M rows.
 */
import type { Kysely } from 'kysely'
import type { SearchCandidate, SqlDialect } from '../db/dialects/sql-dialect.js'
import { handlerOf } from './fields/registry.js'
import type { ObjectMeta } from './metadata-types.js'
import type { ApiRecord } from './record-codec.js'
import { normalizeSearchText, searchTerms } from './search-text.js'

export interface SearchDoc {
  object: string
  recordId: string
  title: string
  body: string
}

export interface SearchHit {
  object: string
  id: string
  title: string
  score: number
}

const MAX_BODY = 4000

export function recordTitle(object: ObjectMeta, record: Record<string, unknown>): string {
  return object.labelFields.map((name) => record[name]).filter((v) => typeof v === 'string' && v !== '').join(' ')
}

/** The search document of a record, or null when the object has nothing searchable. */
export function searchDocOf(object: ObjectMeta, record: ApiRecord): SearchDoc | null {
  const title = recordTitle(object, record)
  const parts = [title]
  for (const field of object.fields) {
    if (field.searchable && !object.labelFields.includes(field.apiName)) parts.push(handlerOf(field.type).searchText(field, record[field.apiName]))
  }
  const body = normalizeSearchText(parts.join(' ')).slice(0, MAX_BODY)
  return body ? { object: object.apiName, recordId: record.id, title, body } : null
}

/** How many candidates the database returns for ranking; enough that the best ones are among them. */
const CANDIDATES = 200

/**
 * `visible` narrows candidates to what the caller may see (records and fields) and may
 * correct their titles; it runs before ranking so a hidden match never takes a slot.
 */
export type SearchVisibility = (candidates: SearchCandidate[], terms: string[]) => Promise<SearchCandidate[]>

export async function searchRecords(
  db: Kysely<any>, dialect: SqlDialect, query: string, objects: string[] | null, limit: number, visible?: SearchVisibility,
): Promise<SearchHit[]> {
  const terms = searchTerms(query)
  if (terms.length === 0 || terms.join('').length < 2) return []
  const found = await dialect.searchCandidates(db, terms, objects, CANDIDATES)
  const candidates = visible ? await visible(found, terms) : found
  const whole = terms.join(' ')
  return candidates
    .map((c) => {
      const title = normalizeSearchText(c.title)
      const words = title.split(' ')
      let score = 0
      if (title.startsWith(whole)) score += 4
      for (const term of terms) {
        if (words.includes(term)) score += 2
        else if (words.some((w) => w.startsWith(term))) score += 1
      }
      return { object: c.object, id: c.recordId, title: c.title, score }
    })
    .sort((a, b) => b.score - a.score || a.title.localeCompare(b.title))
    .slice(0, limit)
}

/** True when every term is a prefix of a word of the normalized text. */
export function matchesAllTerms(normalizedText: string, terms: string[]): boolean {
  const words = normalizedText.split(' ')
  return terms.every((term) => words.some((word) => word.startsWith(term)))
}
