/**
 * The four demo locales (language index → language, country) and the text helpers
 * the name tables need: transliteration to ASCII for e-mails and domains, word-list
 * parsing and Persian digits.
 */
import type { DemoLanguage } from './demo-data.js'

export const DEMO_LANGUAGES: readonly DemoLanguage[] = ['en', 'ru', 'fa', 'lt']
/** ISO 3166 alpha-2 country per language index (en→US, ru→RU, fa→IR, lt→LT). */
export const DEMO_COUNTRIES: readonly string[] = ['US', 'RU', 'IR', 'LT']

/** Language (and country) indices into DEMO_LANGUAGES / DEMO_COUNTRIES. */
export const EN = 0
export const RU = 1
export const FA = 2
export const LT = 3
/** Zero-width non-joiner: keeps the parts of a Persian compound apart without a space. */
export const ZWNJ = '\u200c'

export const RU_LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
}
export const LT_LATIN: Record<string, string> = { ą: 'a', č: 'c', ę: 'e', ė: 'e', į: 'i', š: 's', ų: 'u', ū: 'u', ž: 'z' }

/** Lower-case ASCII [a-z] only (for e-mail local parts and domain labels). */
export function ascii(s: string, table: Record<string, string> | null): string {
  let out = ''
  for (const ch of s.toLowerCase()) {
    const t = table?.[ch]
    if (t !== undefined) out += t
    else if (ch >= 'a' && ch <= 'z') out += ch
  }
  return out
}
export function words(s: string): string[] { return s.trim().split(/\s+/) }
/** 'ک:k|...' → [['ک','k'], ...] (used where Latin forms cannot be derived). */
export function pairs(s: string): [string, string][] {
  return s.trim().split(/\s*\|\s*/).map((e) => { const [a, b] = e.split(':'); return [a, b] as [string, string] })
}
const FA_DIGITS = '۰۱۲۳۴۵۶۷۸۹'
/** Persian-digit strings for 0..999 (street numbers, floors). */
export const FA_NUM: string[] = []
for (let n = 0; n < 1000; n++) FA_NUM.push(String(n).replace(/\d/g, (d) => FA_DIGITS[Number(d)]))
