/**
 * What the duplicate rules compare. Exact rules reduce a value to a key (a lower-case email,
 * the stored E.164 phone, a bare host name); the name rule folds names with the search
 * normalisation (case, diacritics, Cyrillic ё, Arabic-script variants, digits — all four of
 * our scripts), sorts the words so "Petrov Ivan" meets "Ivan Petrov", and blocks records by
 * the first letters of each word (plus the shared relation), so only records in one block are
 * compared: linear work instead of n².
 */
import { normalizeSearchText } from '../../engine/search-text.js'

export const emailKey = (value: string): string => value.trim().toLowerCase()

/** `https://www.Example.com/about` → `example.com`; null when nothing host-like remains. */
export function domainKey(value: string): string | null {
  let host = value.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
  const at = host.lastIndexOf('@')
  if (at >= 0) host = host.slice(at + 1)
  host = host.split(/[/?#:]/)[0].replace(/^www\./, '').replace(/\.$/, '')
  return host.includes('.') && host.length <= 253 ? host : null
}

/** Folded words of a name, sorted; '' when there is nothing to compare. */
export const foldedName = (parts: unknown[]): string =>
  normalizeSearchText(parts.filter((p) => typeof p === 'string').join(' ')).split(' ').filter(Boolean).sort().join(' ')

/** Letters of each word that must agree for two names to be compared at all. */
const BLOCK_PREFIX = 2

/** The block of a folded name: the first letters of each word, within one relation value. */
export const nameBlock = (folded: string, relationValue: string | null): string =>
  `${relationValue ?? ''}|${folded.split(' ').map((w) => [...w].slice(0, BLOCK_PREFIX).join('')).join(' ')}`

/** Jaro–Winkler similarity of two strings (1 = equal), by code point. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1
  const s = [...a]
  const t = [...b]
  if (s.length === 0 || t.length === 0) return 0
  const window = Math.max(0, Math.floor(Math.max(s.length, t.length) / 2) - 1)
  const sMatched = new Array<boolean>(s.length).fill(false)
  const tMatched = new Array<boolean>(t.length).fill(false)
  let matches = 0
  for (let i = 0; i < s.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(t.length, i + window + 1); j++) {
      if (tMatched[j] || s[i] !== t[j]) continue
      sMatched[i] = tMatched[j] = true
      matches++
      break
    }
  }
  if (matches === 0) return 0
  let transpositions = 0
  for (let i = 0, j = 0; i < s.length; i++) {
    if (!sMatched[i]) continue
    while (!tMatched[j]) j++
    if (s[i] !== t[j]) transpositions++
    j++
  }
  const jaro = (matches / s.length + matches / t.length + (matches - transpositions / 2) / matches) / 3
  let prefix = 0
  while (prefix < 4 && prefix < s.length && prefix < t.length && s[prefix] === t[prefix]) prefix++
  return jaro + prefix * 0.1 * (1 - jaro)
}

/** Blocks larger than this are compared only with their neighbours in sorted order. */
const FULL_COMPARE_LIMIT = 200
const NEIGHBOURS = 30

/**
 * Clusters the members of one block: records joined by a similarity ≥ threshold end in one
 * group (transitively); a group's score is its weakest joining similarity.
 */
export function clusterNames(members: { id: string; name: string }[], threshold: number): { ids: string[]; score: number }[] {
  const sorted = [...members].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
  const parent = sorted.map((_, i) => i)
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])))
  const weakest = new Map<number, number>()
  const reach = sorted.length <= FULL_COMPARE_LIMIT ? sorted.length : NEIGHBOURS
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < Math.min(sorted.length, i + 1 + reach); j++) {
      const score = similarity(sorted[i].name, sorted[j].name)
      if (score < threshold) continue
      const [ri, rj] = [root(i), root(j)]
      const low = Math.min(score, weakest.get(ri) ?? 1, weakest.get(rj) ?? 1)
      if (ri !== rj) parent[rj] = ri
      weakest.set(root(i), low)
    }
  }
  const groups = new Map<number, string[]>()
  sorted.forEach((m, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), m.id]))
  return [...groups].filter(([, ids]) => ids.length > 1).map(([r, ids]) => ({ ids: [...new Set(ids)], score: Math.round((weakest.get(r) ?? 1) * 1000) / 1000 }))
    .filter((g) => g.ids.length > 1)
}
