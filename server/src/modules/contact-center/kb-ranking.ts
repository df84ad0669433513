/**
 * Ranking for knowledge search and suggestions, on folded text (search-text.ts): a term that is
 * a whole word of the title counts most, a prefix of a title word next, a prefix of a body word
 * least. Suggestions take the caller's own words, so they use more terms and need only one.
 */
import type { ContentLanguage } from '../../../../contracts/contact-center-content.js'
import { normalizeSearchText, searchTerms } from '../../engine/search-text.js'

/** Words shorter than this carry little meaning in a caller's sentence ("is", "и", "на"). */
const MIN_SUGGEST_WORD = 3
const MAX_SUGGEST_TERMS = 12
const SNIPPET_LENGTH = 200

export const queryTerms = (query: string) => searchTerms(query)

export function suggestionTerms(text: string): string[] {
  const words = normalizeSearchText(text).split(' ').filter((w) => w.length >= MIN_SUGGEST_WORD)
  return [...new Set(words)].sort((a, b) => b.length - a.length).slice(0, MAX_SUGGEST_TERMS).map((w) => w.slice(0, 64))
}

/** The score of a document for the terms, or 0 when `requireAll` and a term does not match. */
export function scoreText(title: string, body: string, terms: string[], requireAll: boolean): number {
  const titleWords = normalizeSearchText(title).split(' ')
  const bodyWords = normalizeSearchText(body).split(' ')
  let score = 0
  for (const term of terms) {
    const inTitle = titleWords.includes(term) ? 3 : titleWords.some((w) => w.startsWith(term)) ? 2 : 0
    const inBody = bodyWords.some((w) => w.startsWith(term)) ? 1 : 0
    if (inTitle + inBody === 0 && requireAll) return 0
    score += inTitle + inBody
  }
  return score
}

export const snippetOf = (body: string) => (body.length > SNIPPET_LENGTH ? `${body.slice(0, SNIPPET_LENGTH).trimEnd()}…` : body)

/** A guess at the language of promoted call text from its letters (Persian, Cyrillic, Lithuanian, else English). */
export function guessLanguage(text: string): ContentLanguage {
  if (/[\u0600-\u06ff]/.test(text)) return 'fa'
  if (/[\u0400-\u04ff]/.test(text)) return 'ru'
  if (/[ąčęėįšųūžĄČĘĖĮŠŲŪŽ]/.test(text)) return 'lt'
  return 'en'
}
