import type { Kysely, RawBuilder } from 'kysely'
import type { BucketUnit } from './date-bucket.js'

/** Logical column kinds; each dialect maps them to its own SQL types. */
export type ColumnKind = 'text' | 'integer' | 'bigint' | 'double' | 'boolean' | 'date' | 'timestamp' | 'json'

/** A search hit before the engine ranks it. */
export interface SearchCandidate {
  object: string
  recordId: string
  title: string
}

/**
 * Everything that differs between SQLite and PostgreSQL lives behind this interface, as
 * capability flags plus a few functions (Kysely's DialectAdapter idea). Services and the engine
 * never ask "is this Postgres?"; they call these.
 */
export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres'
  columnType(kind: ColumnKind): string
  /** Converts a value of a kind from what the driver returns to the engine's JS form. */
  fromDb(kind: ColumnKind, value: unknown): unknown
  /** What the driver would return for a value the engine just wrote with toDb (no round trip). */
  asRead(kind: ColumnKind, written: unknown): unknown
  /** Converts a JS value of a kind to a driver parameter. */
  toDb(kind: ColumnKind, value: unknown): unknown
  /** `column` holds a JSON array of strings; true when it has `value`. */
  jsonArrayHas(column: RawBuilder<unknown>, value: string): RawBuilder<boolean>
  /** LIKE on the lower-cased column (Unicode-aware in both dialects); `pattern` is already lower case, `\` escapes. */
  likeFolded(column: RawBuilder<unknown>, pattern: string): RawBuilder<boolean>
  /** An index column in the order sorts use (nulls first ascending). `quoted` is a quoted identifier. */
  sortIndexColumn(quoted: string): string
  /** Creates the search index tables in the current workspace. */
  createSearchIndex(db: Kysely<any>): Promise<void>
  /** Replaces the search documents of the given records (body already normalized). */
  upsertSearchDocs(db: Kysely<any>, docs: { object: string; recordId: string; title: string; body: string }[]): Promise<void>
  /** Adds documents of records that have none yet (bulk path: creates, imports, seeding). */
  insertSearchDocs(db: Kysely<any>, docs: { object: string; recordId: string; title: string; body: string }[]): Promise<void>
  /** Most bind parameters one statement may carry. */
  readonly maxParameters: number
  deleteSearchDocs(db: Kysely<any>, recordIds: string[]): Promise<void>
  /** Prefix search for normalized terms; unranked candidates, at most `limit`. */
  searchCandidates(db: Kysely<any>, terms: string[], objects: string[] | null, limit: number): Promise<SearchCandidate[]>
  /**
   * The first day (`YYYY-MM-DD` text) of the calendar bucket holding a date or timestamp
   * column's value; timestamps are read in `timeZone` (a canonical IANA name), dates as they are.
   */
  dateBucket(column: RawBuilder<unknown>, kind: 'date' | 'timestamp', unit: BucketUnit, timeZone: string): RawBuilder<string>
  /** True when the error is a unique-constraint violation. */
  isUniqueViolation(error: unknown): boolean
}
