/**
 * Case-insensitive prefix search that an index can serve. `startsWith 'k'` must match "Kim"
 * and "kim", so the engine compares folded text — which no plain index supports. But every
 * match starts with one of the few characters that fold to the prefix's first character, and
 * text sorts in code-point order on both dialects, so matches lie inside
 * [smallest variant, largest variant + 1): a range the (column, id) index seeks into, which also
 * lets a sorted scan stop early. The folded comparison still decides; the range only narrows.
 */

/** Characters whose lower case is a plain letter although they are not its usual capital. */
const EXTRA_SOURCES: Record<string, string[]> = {
  k: ['\u212a'], // KELVIN SIGN
  'å': ['\u212b'], // ANGSTROM SIGN
  'ω': ['\u2126'], // OHM SIGN
  i: ['\u0130'], // LATIN CAPITAL LETTER I WITH DOT ABOVE lowers to "i" + a combining dot
}

export interface PrefixRange {
  low: string
  high: string
  /** The single characters a match may start with (one narrow range each). */
  firsts: string[]
}

const nextCodePoint = (char: string) => String.fromCodePoint(char.codePointAt(0)! + 1)

/** The range, or null when case mapping of the first character is not one character to one. */
export function prefixRange(prefix: string): PrefixRange | null {
  const first = String.fromCodePoint(prefix.codePointAt(0)!)
  const folded = first.toLowerCase()
  const upper = folded.toUpperCase()
  if ([...folded].length !== 1 || [...upper].length !== 1) return null
  const firsts = [...new Set([first, folded, upper, ...(EXTRA_SOURCES[folded] ?? [])])].filter((c) => c.toLowerCase().startsWith(folded))
  const sorted = [...firsts].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!)
  return { low: sorted[0], high: nextCodePoint(sorted.at(-1)!), firsts: sorted }
}

export { nextCodePoint }
