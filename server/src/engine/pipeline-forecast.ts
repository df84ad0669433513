/**
 * Sales forecasting from open opportunities, in SQL. Definitions (tested against plain loops):
 * - An opportunity's probability is its own `probability` when set, else its stage's, else 0.
 * - Weighted amount = amount × probability / 100, rounded to the micro-unit per opportunity,
 *   then summed exactly per currency (never mixed).
 * - Forecast category: stage outcome won → closed; lost → omitted (left out); open with
 *   probability ≥ 70 → commit; ≥ 40 → bestCase; below → pipeline.
 * - Win rate per owner: won / (won + lost) among opportunities whose stage outcome is decided;
 *   sales cycle = days from creation to close date of won ones (average).
 */
import { sql, type RawBuilder } from 'kysely'
import { AppError, fieldError } from '../errors.js'
import { checkDate } from './customer-values.js'
import { formatMoney } from './fields/composite.js'
import { isId } from './ids.js'
import type { FieldMeta, ObjectMeta } from './metadata-types.js'
import { getObject } from './metadata-store.js'
import { scopeOf } from './record-access.js'
import type { RecordContext } from './records.js'
import { requirePermission, visibleObject } from './visibility.js'

export const FORECAST_CATEGORIES = ['pipeline', 'bestCase', 'commit', 'closed'] as const
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number]

export interface PipelineQuery { pipeline?: string; from?: string; to?: string }

export interface PipelineRow { month: string | null; currency: string; category: ForecastCategory; count: number; amount: string; weighted: string }

export interface WinRateRow { ownerId: string | null; won: number; lost: number; winRate: number | null; averageCycleDays: number | null }


function readable(ctx: RecordContext, apiName: string): { meta: ObjectMeta; view: ObjectMeta } {
  const meta = getObject(ctx.metadata, apiName)
  requirePermission(ctx.access, meta, 'read')
  return { meta, view: visibleObject(ctx.access, meta) }
}

function columnOf(view: ObjectMeta, name: string): string {
  const field: FieldMeta | undefined = view.fieldsByName.get(name)
  if (!field?.columnName) throw new AppError('forbidden', `Your role cannot see ${view.apiName}.${name}, which the forecast needs`)
  return field.columnName
}

function checkQuery(query: PipelineQuery): void {
  checkDate(query.from, '/from')
  checkDate(query.to, '/to')
  if (query.pipeline !== undefined && !isId(query.pipeline)) throw fieldError('/pipeline', 'must be a pipeline id')
}

/** (id, owner_id, created_at, close_date, amount, currency, probability, outcome) per visible opportunity. */
export function opportunities(ctx: RecordContext, query: PipelineQuery): RawBuilder<unknown> {
  checkQuery(query)
  const opps = readable(ctx, 'opportunities')
  const stages = readable(ctx, 'pipelineStages')
  const o = (name: string) => sql.ref(`o.${columnOf(opps.view, name)}`)
  const s = (name: string) => sql.ref(`s.${columnOf(stages.view, name)}`)
  const amount = columnOf(opps.view, 'amount')
  const oppScope = scopeOf(ctx, opps.meta, 'read')
  const stageScope = scopeOf(ctx, stages.meta, 'read')
  return sql`select o.id, o.owner_id, o.created_at, ${o('closeDate')} as close_date,
      ${sql.ref(`o.${amount}_amount`)} as amount, ${sql.ref(`o.${amount}_currency`)} as currency,
      coalesce(${o('probability')}, ${s('probability')}, 0) as probability, ${s('outcome')} as outcome
    from ${sql.table(opps.meta.tableName)} as o
    left join ${sql.table(stages.meta.tableName)} as s on s.id = ${o('stage')} and s.deleted_at is null
      ${stageScope ? sql`and s.id in (select id from ${sql.table(stages.meta.tableName)} where ${stageScope})` : sql``}
    where o.deleted_at is null
      ${oppScope ? sql`and o.id in (select id from ${sql.table(opps.meta.tableName)} where ${oppScope})` : sql``}
      ${query.pipeline ? sql`and ${o('pipeline')} = ${query.pipeline}` : sql``}
      ${query.from ? sql`and ${o('closeDate')} >= ${query.from}` : sql``}
      ${query.to ? sql`and ${o('closeDate')} <= ${query.to}` : sql``}`
}

export const CATEGORY = sql`case when outcome = 'won' then 'closed' when outcome = 'lost' then 'omitted'
  when probability >= 70 then 'commit' when probability >= 40 then 'bestCase' else 'pipeline' end`

/** Weighted pipeline by close month, currency and forecast category. */
export async function weightedPipeline(ctx: RecordContext, query: PipelineQuery): Promise<PipelineRow[]> {
  const month = ctx.ws.dialect.name === 'sqlite' ? sql`substr(close_date, 1, 7)` : sql`to_char(close_date, 'YYYY-MM')`
  const weighted = ctx.ws.dialect.name === 'sqlite' ? sql`cast(round(amount * probability / 100.0) as integer)` : sql`cast(round(amount * probability / 100.0) as bigint)`
  const { rows } = await sql<{ month: string | null; currency: string; category: ForecastCategory; count: unknown; amount: unknown; weighted: unknown }>`
    with opp as (${opportunities(ctx, query)}),
    classified as (select ${month} as month, currency, ${CATEGORY} as category, amount, ${weighted} as weighted from opp where amount is not null)
    select month, currency, category, count(*) as count, sum(amount) as amount, sum(weighted) as weighted
    from classified where category <> 'omitted'
    group by month, currency, category order by month, currency, category`.execute(ctx.ws.db)
  const money = (v: unknown) => formatMoney(BigInt(String(v ?? 0).split('.')[0]))
  return rows.map((r) => ({ month: r.month, currency: r.currency, category: r.category, count: Number(r.count), amount: money(r.amount), weighted: money(r.weighted) }))
}

/** Historical win rate and sales-cycle length per owner. */
export async function winRates(ctx: RecordContext, query: PipelineQuery): Promise<WinRateRow[]> {
  const cycle = ctx.ws.dialect.name === 'sqlite'
    ? sql`julianday(close_date) - julianday(substr(created_at, 1, 10))`
    : sql`(close_date - cast(created_at as date))`
  const { rows } = await sql<{ owner_id: string | null; won: unknown; lost: unknown; cycle: unknown }>`
    with opp as (${opportunities(ctx, query)})
    select owner_id, sum(case when outcome = 'won' then 1 else 0 end) as won, sum(case when outcome = 'lost' then 1 else 0 end) as lost,
      avg(case when outcome = 'won' and close_date is not null then ${cycle} end) as cycle
    from opp where outcome in ('won', 'lost') group by owner_id order by owner_id`.execute(ctx.ws.db)
  return rows.map((r) => {
    const won = Number(r.won)
    const lost = Number(r.lost)
    return { ownerId: r.owner_id, won, lost, winRate: won + lost ? won / (won + lost) : null, averageCycleDays: r.cycle === null ? null : Number(r.cycle) }
  })
}
