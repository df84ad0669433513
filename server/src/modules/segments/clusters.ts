/**
 * Customer segmentation by k-means (issue 7, item 4). Features come from the database
 * (cluster-features.ts), are standardised to z-scores, and clustered with k-means++ from a
 * seeded PRNG; k is given or the one with the highest mean silhouette over a range (measured on
 * a deterministic sample). Clusters are labelled C1…Ck by size, largest first (ties: the lower
 * seeding index). Profiles are in the features' original units. With `field`, administrators
 * write each clustered customer's label back (only changed rows; others keep their value).
 */
import { sql } from 'kysely'
import { fieldError } from '../../errors.js'
import { getObject } from '../../engine/metadata-store.js'
import { checkWritableSelect } from '../../engine/pareto.js'
import type { RecordContext } from '../../engine/records.js'
import { featureRows } from './cluster-features.js'
import { kmeans, sampleRows, silhouette, standardise, type KMeansResult, type Matrix } from './kmeans.js'
import type { ClusterProfile, ClusterResult } from '../../../../contracts/segments-forecasts.js'

export interface ClusterQuery {
  object: string
  features: string[]
  k?: number
  kMin?: number
  kMax?: number
  seed?: number
  asOf?: string
  currency?: string
  /** Rows the silhouette is measured on (every ⌈n/size⌉-th customer). */
  sampleSize?: number
  /** Points returned for a scatter plot (the same kind of spread sample). */
  points?: number
  field?: string
}

const today = () => new Date().toISOString().slice(0, 10)

function chooseK(m: Matrix, query: ClusterQuery, seed: number): { best: KMeansResult; silhouette: number; candidates: ClusterResult['candidates'] } {
  const sample = sampleRows(m.n, query.sampleSize ?? 1000)
  const ks = query.k !== undefined ? [query.k] : range(query.kMin ?? 2, Math.min(query.kMax ?? 8, m.n - 1))
  let best: { run: KMeansResult; score: number } | null = null
  const candidates: ClusterResult['candidates'] = []
  for (const k of ks) {
    const run = kmeans(m, k, seed)
    const score = silhouette(m, run.assignment, k, sample)
    candidates.push({ k, silhouette: score, inertia: run.inertia })
    if (!best || score > best.score) best = { run, score }
  }
  return { best: best!.run, silhouette: best!.score, candidates }
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i)

function checkQuery(query: ClusterQuery, n: number): void {
  if (query.kMin !== undefined && query.kMax !== undefined && query.kMin > query.kMax) throw fieldError('/kMax', 'must not be less than kMin')
  if (query.k !== undefined && (query.kMin !== undefined || query.kMax !== undefined)) throw fieldError('/k', 'give k or a range kMin…kMax, not both')
  const needed = query.k ?? query.kMin ?? 2
  if (n <= needed) throw fieldError(query.k !== undefined ? '/k' : '/kMin', `needs more than ${needed} customers with every feature; found ${n}`)
}

export async function clusters(ctx: RecordContext, query: ClusterQuery): Promise<ClusterResult> {
  const asOf = query.asOf ?? today()
  const seed = query.seed ?? 1
  // Checked before the work: administrators only, a select or text field.
  const target = query.field === undefined ? null : checkWritableSelect(ctx, getObject(ctx.metadata, query.object), query.field, [])
  const rows = await featureRows(ctx, { object: query.object, features: query.features, asOf, currency: query.currency })
  checkQuery(query, rows.matrix.n)
  const z = standardise(rows.matrix)
  const chosen = chooseK(z.matrix, query, seed)
  const { matrix: m } = rows
  const k = chosen.best.k
  const sizes = new Array<number>(k).fill(0)
  for (const c of chosen.best.assignment) sizes[c]++
  // Labels by size, largest first; the sort is stable, so equal sizes keep seeding order.
  const order = range(0, k - 1).sort((a, b) => sizes[b] - sizes[a])
  const labelOf = new Array<string>(k)
  order.forEach((c, rank) => { labelOf[c] = `C${rank + 1}` })
  const sums = new Float64Array(k * m.d)
  for (let i = 0; i < m.n; i++) for (let j = 0; j < m.d; j++) sums[chosen.best.assignment[i] * m.d + j] += m.data[i * m.d + j]
  const profiles = order.filter((c) => sizes[c] > 0).map((c): ClusterProfile => ({
    label: labelOf[c], size: sizes[c], share: sizes[c] / m.n,
    centroid: Object.fromEntries(query.features.map((f, j) => [f, chosen.best.centres[c * m.d + j] * z.sd[j] + z.mean[j]])),
    means: Object.fromEntries(query.features.map((f, j) => [f, sums[c * m.d + j] / sizes[c]])),
  }))
  const points = [...sampleRows(m.n, query.points ?? 300)].map((i) => ({
    id: rows.ids[i], cluster: labelOf[chosen.best.assignment[i]], values: Array.from(m.data.subarray(i * m.d, i * m.d + m.d)),
  }))
  // The select must offer every label of this run (known only now that k is).
  if (target !== null) checkWritableSelect(ctx, rows.customers, query.field!, profiles.map((p) => p.label))
  const updated = target === null ? null : await writeLabels(ctx, rows.customers.tableName, target, rows.ids, chosen.best.assignment, labelOf)
  return {
    object: query.object, asOf, currency: rows.currency, seed,
    features: query.features.map((name, j) => ({ name, mean: z.mean[j], sd: z.sd[j] })),
    customers: m.n, skipped: rows.skipped, k, chosenBy: query.k === undefined ? 'silhouette' : 'given', silhouette: chosen.silhouette,
    candidates: chosen.candidates, iterations: chosen.best.iterations, clusters: profiles, points, updated,
  }
}

/** One UPDATE per cluster and chunk of ids, in one transaction: all labels or none. */
async function writeLabels(ctx: RecordContext, table: string, column: string, ids: string[], assignment: Int32Array, labelOf: string[]): Promise<number> {
  const now = new Date().toISOString()
  return ctx.ws.db.transaction().execute(async (trx) => {
    let updated = 0
    for (let c = 0; c < labelOf.length; c++) {
      const members = ids.filter((_, i) => assignment[i] === c)
      for (let start = 0; start < members.length; start += 500) {
        const chunk = members.slice(start, start + 500)
        const result = await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${labelOf[c]}, updated_at = ${now}, version = version + 1
          where id in (${sql.join(chunk)}) and (${sql.ref(column)} is null or ${sql.ref(column)} <> ${labelOf[c]})`.execute(trx)
        updated += Number(result.numAffectedRows ?? 0n)
      }
    }
    return updated
  })
}
