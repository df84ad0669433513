/**
 * Search normalization, the same for indexing and querying and for both dialects: lower case,
 * no diacritics (é → e, ё → е, ą → a), Arabic-script variants folded to Persian (ي → ی, ك → ک),
 * Persian and Arabic-Indic digits to ASCII, and everything that is not a letter or digit
 * becomes a word break. Terms are therefore only letters and digits, which makes them safe to
 * place inside FTS5 and tsquery syntax.
 */
const ARABIC_TO_PERSIAN: Record<string, string> = { 'ي': 'ی', 'ى': 'ی', 'ك': 'ک', 'ة': 'ه', 'ۀ': 'ه', 'أ': 'ا', 'إ': 'ا', 'آ': 'ا' }
const DIGIT_BASES = [0x06f0, 0x0660] // Persian (Extended Arabic-Indic) and Arabic-Indic zeros

export function normalizeSearchText(text: string): string {
  let folded = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
  folded = folded.replace(/[يىكةۀأإآ]/g, (c) => ARABIC_TO_PERSIAN[c] ?? c)
  folded = folded.replace(/[\u06f0-\u06f9\u0660-\u0669]/g, (c) => {
    const code = c.charCodeAt(0)
    const base = DIGIT_BASES.find((b) => code >= b && code <= b + 9)!
    return String(code - base)
  })
  return folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
}

/** Most terms a query may have; more only slows the index down without helping. */
export const MAX_QUERY_TERMS = 6
const MAX_TERM_LENGTH = 64

export function searchTerms(query: string): string[] {
  return normalizeSearchText(query).split(' ').filter(Boolean).slice(0, MAX_QUERY_TERMS).map((t) => t.slice(0, MAX_TERM_LENGTH))
}
