/**
 * k-means on a packed row-major matrix (n rows × d columns in one Float64Array): z-score
 * standardisation, k-means++ seeding from a seeded mulberry32, Lloyd iterations, and the mean
 * silhouette on a deterministic sample. Pure arithmetic: the same input and seed give the same
 * answer on every platform (no Math.random, ties go to the lower cluster index).
 */
import { Mulberry32 } from '../seed/demo-random.js'

export interface Matrix { n: number; d: number; data: Float64Array }

export interface Standardised { matrix: Matrix; mean: number[]; sd: number[] }

/** Column means and population standard deviations; a constant column keeps sd 1 (it carries no distance). */
export function standardise(m: Matrix): Standardised {
  const mean = new Array<number>(m.d).fill(0)
  const sd = new Array<number>(m.d).fill(0)
  for (let i = 0; i < m.n; i++) for (let j = 0; j < m.d; j++) mean[j] += m.data[i * m.d + j]
  for (let j = 0; j < m.d; j++) mean[j] /= m.n || 1
  for (let i = 0; i < m.n; i++) for (let j = 0; j < m.d; j++) sd[j] += (m.data[i * m.d + j] - mean[j]) ** 2
  for (let j = 0; j < m.d; j++) sd[j] = Math.sqrt(sd[j] / (m.n || 1)) || 1
  const data = new Float64Array(m.data.length)
  for (let i = 0; i < m.n; i++) for (let j = 0; j < m.d; j++) data[i * m.d + j] = (m.data[i * m.d + j] - mean[j]) / sd[j]
  return { matrix: { n: m.n, d: m.d, data }, mean, sd }
}

function distance2(a: Float64Array, ai: number, b: Float64Array, bi: number, d: number): number {
  let sum = 0
  for (let j = 0; j < d; j++) {
    const diff = a[ai + j] - b[bi + j]
    sum += diff * diff
  }
  return sum
}

/** k-means++: the first centre uniformly, each next one with probability ∝ squared distance to the nearest chosen. */
function seedCentres(m: Matrix, k: number, random: Mulberry32): Float64Array {
  const centres = new Float64Array(k * m.d)
  const nearest = new Float64Array(m.n).fill(Infinity)
  let chosen = random.int(m.n)
  for (let c = 0; c < k; c++) {
    centres.set(m.data.subarray(chosen * m.d, chosen * m.d + m.d), c * m.d)
    let total = 0
    for (let i = 0; i < m.n; i++) {
      const d2 = distance2(m.data, i * m.d, centres, c * m.d, m.d)
      if (d2 < nearest[i]) nearest[i] = d2
      total += nearest[i]
    }
    if (c === k - 1) break
    if (total === 0) { chosen = random.int(m.n); continue } // fewer distinct points than k
    let target = random.float() * total
    chosen = m.n - 1
    for (let i = 0; i < m.n; i++) {
      target -= nearest[i]
      if (target < 0) { chosen = i; break }
    }
  }
  return centres
}

export interface KMeansResult { k: number; assignment: Int32Array; centres: Float64Array; iterations: number; inertia: number }

export function kmeans(m: Matrix, k: number, seed: number, maxIterations = 100): KMeansResult {
  const random = new Mulberry32(seed)
  const centres = seedCentres(m, k, random)
  const assignment = new Int32Array(m.n).fill(-1)
  let iterations = 0
  let inertia = 0
  for (; iterations < maxIterations; iterations++) {
    let changed = false
    inertia = 0
    for (let i = 0; i < m.n; i++) {
      let best = 0
      let bestD = Infinity
      for (let c = 0; c < k; c++) {
        const d2 = distance2(m.data, i * m.d, centres, c * m.d, m.d)
        if (d2 < bestD) { bestD = d2; best = c }
      }
      inertia += bestD
      if (assignment[i] !== best) { assignment[i] = best; changed = true }
    }
    if (!changed) break
    const sums = new Float64Array(k * m.d)
    const counts = new Int32Array(k)
    for (let i = 0; i < m.n; i++) {
      const c = assignment[i]
      counts[c]++
      for (let j = 0; j < m.d; j++) sums[c * m.d + j] += m.data[i * m.d + j]
    }
    // An emptied cluster keeps its centre (it may win points back); no random re-seeding.
    for (let c = 0; c < k; c++) if (counts[c]) for (let j = 0; j < m.d; j++) centres[c * m.d + j] = sums[c * m.d + j] / counts[c]
  }
  return { k, assignment, centres, iterations, inertia }
}

/** Every ⌈n / size⌉-th row when n exceeds size: deterministic and spread over the whole set. */
export function sampleRows(n: number, size: number): Int32Array {
  if (n <= size) return Int32Array.from({ length: n }, (_, i) => i)
  return Int32Array.from({ length: size }, (_, i) => Math.floor((i * n) / size))
}

/**
 * Mean silhouette over the sampled rows, distances to all sampled rows (the usual estimate);
 * a point alone in its cluster scores 0.
 */
export function silhouette(m: Matrix, assignment: Int32Array, k: number, rows: Int32Array): number {
  if (rows.length < 2) return 0
  let total = 0
  const sums = new Float64Array(k)
  const counts = new Int32Array(k)
  for (const i of rows) {
    sums.fill(0)
    counts.fill(0)
    for (const j of rows) {
      if (i === j) continue
      sums[assignment[j]] += Math.sqrt(distance2(m.data, i * m.d, m.data, j * m.d, m.d))
      counts[assignment[j]]++
    }
    const own = assignment[i]
    if (counts[own] === 0) continue
    const a = sums[own] / counts[own]
    let b = Infinity
    for (let c = 0; c < k; c++) if (c !== own && counts[c]) b = Math.min(b, sums[c] / counts[c])
    if (b === Infinity) continue
    total += (b - a) / Math.max(a, b) || 0
  }
  return total / rows.length
}
