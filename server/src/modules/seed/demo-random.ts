/**
 * Seeded randomness for the demo dataset: the per-generator stream constants, a
 * 32-bit hash for deriving seeds, the mulberry32 PRNG and weighted/skewed choice
 * helpers. Integer maths only, so every platform draws the same numbers.
 */

// Per-generator stream constants (arbitrary, but fixed forever: changing one changes the dataset).
export const STREAM_COMPANIES = 0x0c0a9a11
export const STREAM_PEOPLE = 0x9e091e55
export const STREAM_PRODUCTS = 0x09d0c750
export const STREAM_OPPORTUNITIES = 0x0990e7a1
export const STREAM_ACTIVITIES = 0x0ac71717
export const STREAM_ORDERS = 0x0de5a1e5
export const STREAM_NAMING = 0x7a3e5eed

const U32 = 4294967296
const INV_U32 = 1 / U32

/** murmur3 fmix32: a bijective 32-bit mixer. */
export function hash32(x: number): number {
  x |= 0
  x ^= x >>> 16
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  x ^= x >>> 16
  return x >>> 0
}

/** Seed of a generator's stream: depends on the plan seed and the generator constant. */
export function streamSeed(seed: number, stream: number): number {
  return hash32((hash32(seed >>> 0) + Math.imul(stream | 0, 0x9e3779b9)) | 0)
}

/** Seed of item i within a stream (counter-based; distinct for distinct i < 2^32). */
export function itemSeed(stream: number, i: number): number {
  return hash32((stream + Math.imul(i, 0x9e3779b9)) | 0)
}

/** mulberry32: tiny, fast, good enough for demo data; exact integer maths only. */
export class Mulberry32 {
  private state: number
  constructor(seed = 0) { this.state = seed | 0 }
  /** Restart the stream (no allocation; used for counter-based items). */
  seed(seed: number): void { this.state = seed | 0 }
  /** Uniform uint32. */
  next(): number {
    const s = (this.state = (this.state + 0x6d2b79f5) | 0)
    let t = Math.imul(s ^ (s >>> 15), s | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  /** Uniform in [0, 1). */
  float(): number { return this.next() * INV_U32 }
  /** Uniform integer in [0, n). */
  int(n: number): number { return Math.floor(this.next() * n * INV_U32) }
  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1) * INV_U32) }
}

/** Threshold for `rng.next() < p(x)`, i.e. probability x. */
export function p(x: number): number { return Math.floor(x * U32) }
export const HALF = p(0.5)

/** Cumulative thresholds for weighted choice with one uint32 draw. */
export function cdf(weights: readonly number[]): number[] {
  let total = 0
  for (const w of weights) total += w
  let acc = 0
  const out = weights.map((w) => { acc += w; return Math.floor((acc / total) * U32) })
  out[out.length - 1] = U32
  return out
}
export function pickCdf(c: readonly number[], u: number): number {
  let i = 0
  while (u >= c[i]) i++
  return i
}
/** Index in [0, n) skewed towards the start (lists are ordered by popularity): top ≈ 3× bottom. */
export function pickSkew(r: Mulberry32, n: number): number {
  const a = r.int(n)
  if (r.next() < HALF) return a
  const b = r.int(n)
  return b < a ? b : a
}
function gcd(a: number, b: number): number {
  while (b) { const t = a % b; a = b; b = t }
  return a
}
/** A multiplier coprime with n near n·φ⁻¹, small enough that (x < n)·A stays exact. */
export function coprimeNear(n: number): number {
  if (n <= 2) return 1
  let a = Math.max(1, Math.min(Math.floor(n * 0.6180339887), Math.floor(2 ** 52 / n)))
  while (gcd(a, n) !== 1) a--
  return a
}
