/**
 * Raw baselines for batch create: the same rows inserted with the bare driver, one
 * transaction per 1000 rows (like one Rapport batch request), in two shapes:
 *  - pkOnly:  a new table with the people table's columns and only a primary key;
 *  - indexed: the workspace's real `people` table (all its secondary indexes) plus its search
 *    index kept in sync by hand (SQLite: search_docs + FTS5 search_fts; PostgreSQL:
 *    search_docs with its generated tsvector and GIN index).
 * SQLite uses Rapport's pragmas (WAL, synchronous=FULL); PostgreSQL uses multi-row INSERTs.
 */
import Database from 'better-sqlite3'
import { bucketStart, type BucketUnit } from '../server/src/db/dialects/date-bucket.js'
import pg from 'pg'
import type { Dataset } from './dataset.js'
import { PEOPLE_COLUMNS, searchBody, toRow, type PersonInput } from './people-rows.js'
import { log, nowMs } from './support.js'

export interface RawRate { rows: number; seconds: number; rowsPerSec: number }
export interface RawBatchResult { pkOnly: RawRate; indexed: RawRate; indexedDescription: string }

const rate = (rows: number, ms: number): RawRate => ({ rows, seconds: ms / 1000, rowsPerSec: rows / (ms / 1000) })
const columnList = PEOPLE_COLUMNS.map((c) => `"${c}"`).join(', ')

function sqliteBaseline(file: string, batches: PersonInput[][]): RawBatchResult {
  const db = new Database(file)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('busy_timeout = 5000')
    db.pragma('cache_size = -16384')
    // As on the server's connection: rollup triggers on people (dashboard.ts --writes) call it.
    db.function('rp_bucket', { deterministic: true }, (value: unknown, unit: unknown, timeZone: unknown) =>
      bucketStart(value, unit as BucketUnit, typeof timeZone === 'string' ? timeZone : null))
    const info = db.prepare('pragma table_info(people)').all() as { name: string; type: string; pk: number }[]
    const extra = info.map((c) => c.name).filter((n) => !(PEOPLE_COLUMNS as readonly string[]).includes(n))
    if (extra.length) log(`  note: people has columns the baseline leaves null: ${extra.join(', ')}`)
    db.exec('drop table if exists bench_pk_people')
    db.exec(`create table bench_pk_people (${info.map((c) => `"${c.name}" ${c.type}${c.pk ? ' primary key' : ''}`).join(', ')})`)
    const placeholders = PEOPLE_COLUMNS.map(() => '?').join(', ')
    const insertPk = db.prepare(`insert into bench_pk_people (${columnList}) values (${placeholders})`)
    const insertPerson = db.prepare(`insert into people (${columnList}) values (${placeholders})`)
    const insertDoc = db.prepare(`insert into search_docs (object, record_id, title) values ('people', ?, ?)`)
    const insertFts = db.prepare('insert into search_fts (rowid, body) values (?, ?)')

    let pkMs = 0
    let indexedMs = 0
    let rows = 0
    for (const batch of batches) {
      const at = new Date().toISOString()
      const pkRows = batch.map((p) => toRow(p, at))
      let started = nowMs()
      db.transaction(() => {
        for (const row of pkRows) insertPk.run(row)
      })()
      pkMs += nowMs() - started
      const personRows = batch.map((p) => toRow(p, at))
      started = nowMs()
      db.transaction(() => {
        batch.forEach((p, i) => {
          const row = personRows[i]
          insertPerson.run(row)
          const doc = insertDoc.run(row[0], `${p.firstName} ${p.lastName}`)
          insertFts.run(doc.lastInsertRowid, searchBody(p))
        })
      })()
      indexedMs += nowMs() - started
      rows += batch.length
    }
    db.exec('drop table bench_pk_people')
    const indexes = (db.prepare(`select sql from sqlite_master where type = 'index' and tbl_name = 'people' and sql is not null`).all() as { sql: string }[])
      .map((r) => /\(([^)]*)\)\s*$/.exec(r.sql)?.[1].replace(/"/g, '') ?? '?')
    const description = `people PK(id) + ${indexes.length} secondary indexes [${indexes.map((i) => `(${i})`).join(' ')}] + search_docs (rowid PK, unique record_id) + FTS5 search_fts (unicode61, prefix='2 3')`
    return { pkOnly: rate(rows, pkMs), indexed: rate(rows, indexedMs), indexedDescription: description }
  } finally {
    db.close()
  }
}

async function postgresBaseline(url: string, schema: string, batches: PersonInput[][]): Promise<RawBatchResult> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` })
  await client.connect()
  try {
    await client.query('drop table if exists bench_pk_people')
    await client.query('create table bench_pk_people (like people)')
    await client.query('alter table bench_pk_people add primary key (id)')
    const valuesSql = (rowCount: number, width: number) =>
      Array.from({ length: rowCount }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ')
    const width = PEOPLE_COLUMNS.length
    let pkMs = 0
    let indexedMs = 0
    let rows = 0
    for (const batch of batches) {
      const at = new Date().toISOString()
      const pkParams = batch.flatMap((p) => toRow(p, at))
      let started = nowMs()
      await client.query(`insert into bench_pk_people (${columnList}) values ${valuesSql(batch.length, width)}`, pkParams)
      pkMs += nowMs() - started
      const personRows = batch.map((p) => toRow(p, at))
      const docParams = batch.flatMap((p, i) => [personRows[i][0], 'people', `${p.firstName} ${p.lastName}`, searchBody(p)])
      started = nowMs()
      await client.query('begin')
      await client.query(`insert into people (${columnList}) values ${valuesSql(batch.length, width)}`, personRows.flat())
      await client.query(`insert into search_docs (record_id, object, title, body) values ${valuesSql(batch.length, 4)}`, docParams)
      await client.query('commit')
      indexedMs += nowMs() - started
      rows += batch.length
    }
    await client.query('drop table bench_pk_people')
    const indexes = await client.query<{ indexdef: string }>(`select indexdef from pg_indexes where schemaname = $1 and tablename in ('people', 'search_docs')`, [schema])
    const description = `multi-row INSERT (1000 rows/statement) into people + search_docs; indexes: ${indexes.rows.map((r) => r.indexdef.replace(/^CREATE (UNIQUE )?INDEX (\S+) ON \S+ USING /, '$1')).join('; ')}`
    return { pkOnly: rate(rows, pkMs), indexed: rate(rows, indexedMs), indexedDescription: description }
  } finally {
    await client.end()
  }
}

export async function runRawBatch(dataset: Dataset, batches: PersonInput[][]): Promise<RawBatchResult> {
  return dataset.sqliteFile ? sqliteBaseline(dataset.sqliteFile, batches) : postgresBaseline(dataset.pgUrl!, dataset.pgSchema!, batches)
}
