/**
 * The bare baseline for the list-page benchmark: a Fastify route with hand-written SQL on the
 * same database as Rapport (better-sqlite3 prepared statements / a pg pool of the same size),
 * returning the same JSON shape (people with their activity ids, a signed keyset cursor).
 * No auth, no metadata, no filter parser: the limit of what the engine and Fastify can do.
 *
 *   GET /people?prefix=K&limit=50&cursor=…   last names starting with `prefix`, sorted by
 *   (last_name, first_name, id), 50 per page.
 *
 * Run as a child process by servers.ts: env BENCH_DIALECT, BENCH_SQLITE_FILE | BENCH_PG_URL +
 * BENCH_PG_SCHEMA, PORT.
 */
import { createHmac } from 'node:crypto'
import Fastify from 'fastify'
import Database from 'better-sqlite3'
import pg from 'pg'

type Row = Record<string, unknown>
interface Store {
  page(lo: string, hi: string, after: string[] | null, limit: number): Promise<Row[]>
  activities(ids: string[]): Promise<{ s: string; t: string }[]>
  close(): Promise<void>
}

const COLUMNS = `id, created_at, updated_at, created_by, owner_id, deleted_at, version, first_name, last_name, email,
  additional_emails, phone, additional_phones, company_id, job_title, address_street, address_street2, address_city,
  address_postcode, address_region, address_country, address_lat, address_lng`
const ORDER = 'order by last_name, first_name, id'
/** Postgres: the same order spelled like the (last_name NULLS FIRST, id) index Rapport builds, so the planner can walk it. */
const PG_ORDER = 'order by last_name nulls first, first_name nulls first, id'

function sqliteStore(file: string): Store {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('busy_timeout = 5000')
  db.pragma('cache_size = -16384') // Rapport's page cache (server/src/db/database.ts)
  const first = db.prepare(`select ${COLUMNS} from people where deleted_at is null and last_name >= ? and last_name < ? ${ORDER} limit ?`)
  const after = db.prepare(`select ${COLUMNS} from people where deleted_at is null and last_name >= ? and last_name < ?
    and (last_name, first_name, id) > (?, ?, ?) ${ORDER} limit ?`)
  const related = db.prepare('select b_id as s, a_id as t from j_activities_participants where b_id in (select value from json_each(?))')
  return {
    page: async (lo, hi, c, limit) => (c ? after.all(c[0], hi, c[0], c[1], c[2], limit) : first.all(lo, hi, limit)) as Row[],
    activities: async (ids) => related.all(JSON.stringify(ids)) as { s: string; t: string }[],
    close: async () => void db.close(),
  }
}

function postgresStore(url: string, schema: string): Store {
  const pool = new pg.Pool({ connectionString: url, max: 5, options: `-c search_path=${schema}` })
  pool.on('error', () => {})
  return {
    async page(lo, hi, c, limit) {
      const sql = c
        ? `select ${COLUMNS} from people where deleted_at is null and last_name >= $1 and last_name < $2
           and (last_name, first_name, id) > ($1, $3, $4) ${PG_ORDER} limit $5`
        : `select ${COLUMNS} from people where deleted_at is null and last_name >= $1 and last_name < $2 ${PG_ORDER} limit $3`
      const params = c ? [c[0], hi, c[1], c[2], limit] : [lo, hi, limit]
      return (await pool.query({ name: c ? 'page_after' : 'page_first', text: sql, values: params })).rows as Row[]
    },
    async activities(ids) {
      const text = 'select b_id as s, a_id as t from j_activities_participants where b_id = any($1)'
      return (await pool.query({ name: 'activities', text, values: [ids] })).rows as { s: string; t: string }[]
    },
    close: () => pool.end(),
  }
}

const iso = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v))
const list = (v: unknown) => (v === null || v === undefined ? [] : typeof v === 'string' ? JSON.parse(v) : v)
const ADDRESS = ['street', 'street2', 'city', 'postcode', 'region', 'country', 'lat', 'lng']

function toRecord(row: Row): Row {
  const address = ADDRESS.map((p) => [p, row[`address_${p}`] ?? null] as const)
  const record: Row = {
    id: row.id, createdAt: iso(row.created_at), updatedAt: iso(row.updated_at), createdBy: row.created_by ?? null,
    ownerId: row.owner_id ?? null, version: Number(row.version),
  }
  if (row.deleted_at !== null && row.deleted_at !== undefined) record.deletedAt = iso(row.deleted_at)
  Object.assign(record, {
    firstName: row.first_name ?? null, lastName: row.last_name ?? null, email: row.email ?? null, additionalEmails: list(row.additional_emails),
    phone: row.phone ?? null, additionalPhones: list(row.additional_phones), company: row.company_id ?? null, jobTitle: row.job_title ?? null,
    address: address.every(([, v]) => v === null) ? null : Object.fromEntries(address),
  })
  return record
}

const SECRET = 'bench-baseline'
const sign = (body: string) => createHmac('sha256', SECRET).update(body).digest('base64url').slice(0, 22)
const encodeCursor = (values: unknown[]) => {
  const body = Buffer.from(JSON.stringify(values)).toString('base64url')
  return `${body}.${sign(body)}`
}
function decodeCursor(cursor: string): string[] | null {
  const [body, signature] = cursor.split('.')
  if (!body || signature !== sign(body)) return null
  const values = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown
  return Array.isArray(values) && values.length === 3 && values.every((v) => typeof v === 'string') ? (values as string[]) : null
}

/** Smallest string greater than every string starting with `prefix` (code-point order). */
const upperBound = (prefix: string) => prefix.slice(0, -1) + String.fromCodePoint(prefix.codePointAt(prefix.length - 1)! + 1)

async function main(): Promise<void> {
  const dialect = process.env.BENCH_DIALECT
  const store = dialect === 'postgres'
    ? postgresStore(process.env.BENCH_PG_URL!, process.env.BENCH_PG_SCHEMA!)
    : sqliteStore(process.env.BENCH_SQLITE_FILE!)
  const app = Fastify({ logger: false })
  app.get('/healthz', async () => ({ status: 'ok' }))
  app.get<{ Querystring: { prefix?: string; limit?: string; cursor?: string } }>('/people', async (request, reply) => {
    const prefix = request.query.prefix || 'K'
    const limit = Math.min(1000, Math.max(1, Number(request.query.limit ?? 50) || 50))
    const after = request.query.cursor ? decodeCursor(request.query.cursor) : null
    if (request.query.cursor && !after) return reply.status(400).send({ error: 'bad cursor' })
    const rows = await store.page(prefix, upperBound(prefix), after, limit + 1)
    const hasMore = rows.length > limit
    if (hasMore) rows.pop()
    const data = rows.map(toRecord)
    const byPerson = new Map<string, string[]>()
    for (const r of data.length ? await store.activities(data.map((d) => String(d.id))) : []) byPerson.set(r.s, [...(byPerson.get(r.s) ?? []), r.t])
    for (const record of data) record.activities = byPerson.get(String(record.id)) ?? []
    const last = rows.at(-1)
    return { data, page: { nextCursor: hasMore && last ? encodeCursor([last.last_name, last.first_name, last.id]) : null, hasMore } }
  })
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
  const stop = async () => {
    await app.close()
    await store.close()
    process.exit(0)
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`baseline-server: ${(error as Error).stack ?? error}\n`)
  process.exit(1)
})
