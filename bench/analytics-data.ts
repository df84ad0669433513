/**
 * The analytics benchmark's dataset: a workspace created the normal way (`bin/rapport workspace
 * create`, so the standard objects, metadata and indexes are Rapport's own), then customers
 * (people), products, orders and order lines bulk-inserted straight into its tables — millions
 * of lines through the record API would take hours. Secondary indexes are dropped during the
 * load and rebuilt from their own definitions afterwards, then the tables are ANALYZEd.
 *
 * SQLite: cached in bench/.data/analytics-<customers>-<lines>/ (complete.json marks it done and
 * keeps the API key), reused by later runs; the benchmark only reads it. PostgreSQL: a throwaway
 * cluster (scripts/pg-test-server.mjs) loaded on every run with multi-row `insert … select from
 * unnest($1::text[], …)` batches.
 *
 * The data is deterministic (seeded PRNG) and shaped to exercise every rule of
 * server/src/engine/customer-values.ts: skewed customers (some with no orders), statuses incl.
 * draft/cancelled/refunded/null, orders in EUR beside USD (the workspace currency), lines
 * without lineTotal or quantity, products without cost or with a cost in EUR, soft-deleted
 * customers, orders and lines, orders after the RFM asOf date.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { v7 as uuidv7 } from 'uuid'
import { ROOT, RAPPORT_BIN, log, nowMs, runCommand, type Dialect } from './support.js'
import { Mulberry32 } from '../server/src/modules/seed/demo-random.js'

export interface AnalyticsSizes { customers: number; lines: number }

export interface AnalyticsDataset {
  dialect: Dialect
  env: NodeJS.ProcessEnv
  workspaceId: string
  apiKey: string
  sqliteFile: string | null
  pgUrl: string | null
  pgSchema: string | null
  seed: { seconds: number; cached: boolean; orders: number; lines: number; customers: number }
  cleanup(): Promise<void>
}

/** Bump when the generated rows change, so cached SQLite datasets are rebuilt. */
const GENERATOR_VERSION = 1
const DATA_ROOT = path.join(ROOT, 'bench', '.data')
const PRODUCTS = 2000
const BATCH = 10_000

type ColumnType = 'text' | 'timestamptz' | 'date' | 'bigint' | 'integer' | 'double precision' | 'boolean'
interface TableSpec { name: string; columns: [string, ColumnType][] }

const TABLES: Record<'people' | 'products' | 'orders' | 'lines', TableSpec> = {
  people: { name: 'people', columns: [['id', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['deleted_at', 'timestamptz'], ['version', 'integer'], ['first_name', 'text'], ['last_name', 'text'], ['email', 'text']] },
  products: { name: 'products', columns: [['id', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['version', 'integer'], ['name', 'text'], ['sku', 'text'], ['category', 'text'], ['price_amount', 'bigint'], ['price_currency', 'text'], ['cost_amount', 'bigint'], ['cost_currency', 'text'], ['active', 'boolean']] },
  orders: { name: 'orders', columns: [['id', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['deleted_at', 'timestamptz'], ['version', 'integer'], ['order_number', 'text'], ['order_date', 'date'], ['customer_id', 'text'], ['status', 'text'], ['total_amount', 'bigint'], ['total_currency', 'text']] },
  lines: { name: 'order_lines', columns: [['id', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['deleted_at', 'timestamptz'], ['version', 'integer'], ['order_id', 'text'], ['product_id', 'text'], ['quantity', 'double precision'], ['unit_price_amount', 'bigint'], ['unit_price_currency', 'text'], ['line_total_amount', 'bigint'], ['line_total_currency', 'text']] },
}

/** Where rows go: one call per batch of rows (values in TableSpec column order). */
interface RowSink { insert(table: TableSpec, rows: unknown[][]): Promise<void> }

function mulberry32(seed: number): () => number {
  const rng = new Mulberry32(seed)
  return () => rng.float()
}

const DAY_MS = 86_400_000
const FIRST_DAY = Date.UTC(2023, 0, 1)
const DAYS = 4 * 365 // 2023-01-01 … 2026-12-30: about a seventh of the orders fall after asOf 2026-06-30

/** Generates every row in batches; returns the counts. */
async function generate(sizes: AnalyticsSizes, sink: RowSink): Promise<{ orders: number; lines: number }> {
  const rand = mulberry32(20261130)
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]
  const firstNames = ['Ada', 'Boris', 'Chen', 'Dana', 'Emil', 'Fatima', 'Goran', 'Hana', 'Ivan', 'Jonas', 'Kira', 'Leila']
  const lastNames = ['Smith', 'Ivanova', 'Kazlauskas', 'Rahimi', 'Garcia', 'Novak', 'Tanaka', 'Okafor', 'Berg', 'Rossi']

  const customerIds: string[] = []
  let batch: unknown[][] = []
  const flush = async (table: TableSpec) => {
    if (batch.length) await sink.insert(table, batch)
    batch = []
  }
  for (let i = 0; i < sizes.customers; i++) {
    const id = uuidv7()
    customerIds.push(id)
    const created = new Date(FIRST_DAY - DAY_MS + i).toISOString()
    const deleted = rand() < 0.002 ? created : null
    batch.push([id, created, created, deleted, 1, pick(firstNames), pick(lastNames), `c${i}@example.test`])
    if (batch.length === BATCH) await flush(TABLES.people)
  }
  await flush(TABLES.people)

  const products: { id: string; price: number; cost: number | null; costCurrency: string | null }[] = []
  for (let i = 0; i < PRODUCTS; i++) {
    const id = uuidv7()
    const price = (100 + Math.floor(rand() * 50_000)) * 10_000 // 1.00 … 500.99
    const costRoll = rand()
    const cost = costRoll < 0.05 ? null : Math.round(price * (0.4 + 0.4 * rand()))
    const costCurrency = cost === null ? null : costRoll < 0.07 ? 'EUR' : 'USD'
    products.push({ id, price, cost, costCurrency })
    const created = new Date(FIRST_DAY - DAY_MS).toISOString()
    batch.push([id, created, created, 1, `Product ${i}`, `SKU-${i}`, pick(['Tools', 'Garden', 'Office', 'Toys']), price, 'USD', cost, costCurrency, true])
  }
  await flush(TABLES.products)

  // Orders and their lines, interleaved so each order's total is its lines' sum.
  let orders = 0
  let lines = 0
  let lineBatch: unknown[][] = []
  while (lines < sizes.lines) {
    const orderId = uuidv7()
    // u^2.5 skews orders to the first customers: the top fifth place about half of them.
    const customer = rand() < 0.005 ? null : customerIds[Math.floor(sizes.customers * rand() ** 2.5)]
    const day = Math.floor(rand() * DAYS)
    const orderDate = new Date(FIRST_DAY + day * DAY_MS).toISOString().slice(0, 10)
    const created = `${orderDate}T12:00:00.000Z`
    const s = rand()
    const status = s < 0.55 ? 'paid' : s < 0.85 ? 'shipped' : s < 0.92 ? 'cancelled' : s < 0.95 ? 'refunded' : s < 0.97 ? 'draft' : null
    const currency = rand() < 0.03 ? 'EUR' : 'USD'
    const count = Math.min(1 + Math.floor(rand() * 9), sizes.lines - lines)
    let total = 0
    for (let j = 0; j < count; j++) {
      const product = products[Math.floor(PRODUCTS * rand() ** 1.5)]
      const q = rand()
      const quantity = q < 0.03 ? null : q < 0.08 ? 0.5 : 1 + Math.floor(rand() * 5)
      const lineTotal = rand() < 0.15 ? null : Math.round((quantity ?? 1) * product.price)
      total += lineTotal ?? Math.round((quantity ?? 1) * product.price)
      lineBatch.push([uuidv7(), created, created, rand() < 0.005 ? created : null, 1, orderId, product.id, quantity, product.price, currency, lineTotal, lineTotal === null ? null : currency])
    }
    lines += count
    batch.push([orderId, created, created, rand() < 0.005 ? created : null, 1, `SO-${orders}`, orderDate, customer, status, total, currency])
    orders++
    if (batch.length >= BATCH) await flush(TABLES.orders)
    if (lineBatch.length >= BATCH) {
      await sink.insert(TABLES.lines, lineBatch)
      lineBatch = []
    }
    if (orders % 200_000 === 0) log(`  … ${orders.toLocaleString('en')} orders, ${lines.toLocaleString('en')} lines`)
  }
  await flush(TABLES.orders)
  if (lineBatch.length) await sink.insert(TABLES.lines, lineBatch)
  return { orders, lines }
}

// ------------------------------------------------------------------ workspace + API key via the CLI

const baseEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' }
  delete env.DATABASE_URL
  delete env.RAPPORT_DATA_DIR
  delete env.RAPPORT_CURSOR_SECRET
  return env
}

async function createWorkspace(env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await runCommand(process.execPath, [RAPPORT_BIN, 'workspace', 'create', '--name', 'Analytics bench'], { env, timeoutMs: 120_000 })
  const id = stdout.trim().split('\n').at(-1) ?? ''
  if (!/^[0-9a-f]{20}$/.test(id)) throw new Error(`unexpected workspace id: ${stdout}`)
  return id
}

async function createApiKey(env: NodeJS.ProcessEnv, workspaceId: string): Promise<string> {
  const { stdout } = await runCommand(process.execPath, [RAPPORT_BIN, 'api-key', 'create', '--name', 'analytics-bench', '--workspace', workspaceId], { env, timeoutMs: 60_000 })
  const key = stdout.trim().split('\n').at(-1) ?? ''
  if (!key.startsWith('rpk_')) throw new Error(`could not read the API key from: ${stdout}`)
  return key
}

const LOADED = ['people', 'products', 'orders', 'order_lines']

// ------------------------------------------------------------------ SQLite

async function loadSqlite(file: string, sizes: AnalyticsSizes): Promise<{ orders: number; lines: number }> {
  const db = new Database(file)
  try {
    db.pragma('synchronous = OFF')
    db.pragma('cache_size = -262144')
    const indexes = db.prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${LOADED.map(() => '?').join(', ')})`)
      .all(...LOADED) as { name: string; sql: string }[]
    for (const index of indexes) db.exec(`drop index "${index.name}"`)
    const statements = new Map<string, Database.Statement>()
    const insert = (table: TableSpec) => {
      let statement = statements.get(table.name)
      if (!statement) {
        statement = db.prepare(`insert into "${table.name}" (${table.columns.map(([c]) => `"${c}"`).join(', ')}) values (${table.columns.map(() => '?').join(', ')})`)
        statements.set(table.name, statement)
      }
      return statement
    }
    db.exec('begin')
    const counts = await generate(sizes, {
      async insert(table, rows) {
        const statement = insert(table)
        const booleans = table.columns.map(([, type]) => type === 'boolean')
        for (const row of rows) statement.run(row.map((v, i) => (booleans[i] && v !== null ? (v ? 1 : 0) : v)))
      },
    })
    db.exec('commit')
    log('  rebuilding indexes …')
    for (const index of indexes) db.exec(index.sql)
    db.exec('analyze')
    db.pragma('wal_checkpoint(TRUNCATE)')
    return counts
  } finally {
    db.close()
  }
}

async function prepareSqlite(sizes: AnalyticsSizes): Promise<AnalyticsDataset> {
  const dir = path.join(DATA_ROOT, `analytics-${sizes.customers}-${sizes.lines}`)
  const marker = path.join(dir, 'complete.json')
  type Marker = { version: number; workspaceId: string; apiKey: string; seedSeconds: number; orders: number; lines: number; seededAt: string }
  const saved = fs.existsSync(marker) ? JSON.parse(fs.readFileSync(marker, 'utf8')) as Marker : null
  const env = { ...baseEnv(), RAPPORT_DATA_DIR: dir }
  let info: Marker
  let cached = false
  if (saved && saved.version === GENERATOR_VERSION) {
    info = saved
    cached = true
    log(`reusing ${path.relative(ROOT, dir)} (seeded ${saved.seededAt} in ${saved.seedSeconds.toFixed(1)} s)`)
  } else {
    fs.rmSync(dir, { recursive: true, force: true })
    fs.mkdirSync(dir, { recursive: true })
    log(`seeding ${sizes.customers.toLocaleString('en')} customers / ${sizes.lines.toLocaleString('en')} lines (sqlite) …`)
    const started = nowMs()
    const workspaceId = await createWorkspace(env)
    const counts = await loadSqlite(path.join(dir, 'workspaces', `${workspaceId}.db`), sizes)
    const seedSeconds = (nowMs() - started) / 1000
    const apiKey = await createApiKey(env, workspaceId)
    info = { version: GENERATOR_VERSION, workspaceId, apiKey, seedSeconds, ...counts, seededAt: new Date().toISOString() }
    fs.writeFileSync(marker, JSON.stringify(info, null, 2))
    log(`seeded in ${seedSeconds.toFixed(1)} s`)
  }
  return {
    dialect: 'sqlite', env, workspaceId: info.workspaceId, apiKey: info.apiKey,
    sqliteFile: path.join(dir, 'workspaces', `${info.workspaceId}.db`), pgUrl: null, pgSchema: null,
    seed: { seconds: info.seedSeconds, cached, orders: info.orders, lines: info.lines, customers: sizes.customers },
    cleanup: async () => {},
  }
}

// ------------------------------------------------------------------ PostgreSQL

async function loadPostgres(url: string, schema: string, sizes: AnalyticsSizes): Promise<{ orders: number; lines: number }> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` })
  await client.connect()
  try {
    const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes where schemaname = $1 and tablename = any($2) and indexname not like '%_pkey'`, [schema, LOADED])
    for (const index of indexes) await client.query(`drop index "${index.indexname}"`)
    await client.query('begin')
    const counts = await generate(sizes, {
      async insert(table, rows) {
        const columns = table.columns.map(([c]) => `"${c}"`).join(', ')
        const arrays = table.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')
        await client.query(`insert into "${table.name}" (${columns}) select * from unnest(${arrays})`, table.columns.map((_, i) => rows.map((r) => r[i])))
      },
    })
    await client.query('commit')
    log('  rebuilding indexes …')
    for (const index of indexes) await client.query(index.indexdef)
    await client.query('vacuum analyze')
    return counts
  } finally {
    await client.end()
  }
}

interface TestPostgres { url: string; dataDir: string; stop(): Promise<void> }

async function preparePostgres(sizes: AnalyticsSizes): Promise<AnalyticsDataset> {
  const moduleUrl = new URL('../../scripts/pg-test-server.mjs', import.meta.url).href
  const { startTestPostgres } = (await import(moduleUrl)) as { startTestPostgres: () => Promise<TestPostgres> }
  const server = await startTestPostgres()
  try {
    const env = { ...baseEnv(), DATABASE_URL: server.url }
    log(`seeding ${sizes.customers.toLocaleString('en')} customers / ${sizes.lines.toLocaleString('en')} lines (postgres) …`)
    const started = nowMs()
    const workspaceId = await createWorkspace(env)
    const schema = `ws_${workspaceId}`
    const counts = await loadPostgres(server.url, schema, sizes)
    const seconds = (nowMs() - started) / 1000
    log(`seeded in ${seconds.toFixed(1)} s (incl. index rebuild and VACUUM ANALYZE)`)
    const apiKey = await createApiKey(env, workspaceId)
    return {
      dialect: 'postgres', env, workspaceId, apiKey, sqliteFile: null, pgUrl: server.url, pgSchema: schema,
      seed: { seconds, cached: false, ...counts, customers: sizes.customers },
      cleanup: () => server.stop(),
    }
  } catch (error) {
    await server.stop()
    throw error
  }
}

export const prepareAnalyticsDataset = (dialect: Dialect, sizes: AnalyticsSizes) => (dialect === 'sqlite' ? prepareSqlite(sizes) : preparePostgres(sizes))
