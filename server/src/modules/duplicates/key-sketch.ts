/**
 * Which JS-computed match keys (name blocks, domains) might be shared, without storing every
 * record's key: a first read-only pass counts each key's hash in a fixed table of saturating
 * counters (16 MiB whatever the row count); the scan then writes only keys whose counter
 * reached two. A hash collision only lets an unshared key through — the group phase still
 * groups on the real keys — so results are exactly those of writing every key, with a
 * fraction of the writes. The table lives in memory: a resumed job counts again.
 */
const BITS = 24
const MASK = (1 << BITS) - 1

/** FNV-1a over the UTF-16 code units of `rule`, a NUL and `key`. */
function hash(rule: string, key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < rule.length; i++) h = Math.imul(h ^ rule.charCodeAt(i), 0x01000193)
  h = Math.imul(h, 0x01000193)
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return (h >>> 0) & MASK
}

export class KeySketch {
  private readonly counts = new Uint8Array(1 << BITS)

  add(rule: string, key: string): void {
    const slot = hash(rule, key)
    if (this.counts[slot] < 2) this.counts[slot]++
  }

  /** False when no other record had this key; true when one may have. */
  mayBeShared(rule: string, key: string): boolean {
    return this.counts[hash(rule, key)] >= 2
  }
}
