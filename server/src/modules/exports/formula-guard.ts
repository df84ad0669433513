/**
 * Formula neutralisation for exported text (SECURITY-TESTS C3, OWASP "CSV injection"). A
 * spreadsheet treats a cell starting with = + - @ (and TAB / CR, which some strip first) as a
 * formula or DDE call — also after leading spaces, behind a quote, and in the full-width
 * forms ＝ ＋ － ＠ that some spreadsheets fold to ASCII. Such text gets a leading apostrophe,
 * which spreadsheets show as text and never evaluate. Only text passes through here: numeric
 * cells (-5 in a number field) stay numbers.
 */
const FORMULA_START = /^[\s\u00a0\u3000]*["']?[\s\u00a0\u3000]*[=+\-@\t\r\n\u0000\uff1d\uff0b\uff0d\uff20]/

/** True for an ASCII letter or digit: no formula pattern can start with one (the common case, no regex). */
const plainStart = (code: number) => (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)

export function neutraliseFormula(value: string): string {
  if (value.length === 0 || plainStart(value.charCodeAt(0))) return value
  return FORMULA_START.test(value) ? `'${value}` : value
}
