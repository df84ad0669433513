/**
 * CSV output that spreadsheets cannot be tricked by (SECURITY-TESTS C3): a cell that starts
 * with = + - @ TAB CR or NUL — also after leading spaces, or as the full-width ＝ — gets a
 * leading apostrophe so it is shown as text and never evaluated.
 */
const FORMULA_START = /^\s*["']?\s*[=+\-@\t\r\u0000\uff1d\uff0b\uff0d\uff20]/

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

/** One RFC 4180 line: every cell quoted, quotes doubled. */
export function toCsvLine(cells: string[]): string {
  return cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')
}
