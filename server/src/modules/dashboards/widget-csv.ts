/**
 * A widget's data as CSV (RFC 4180, UTF-8 with BOM so spreadsheets pick the encoding). Text is
 * neutralised against formula injection (imports' rule: = + - @ TAB CR NUL, also after leading
 * spaces and as full-width ＝); numbers — counts, sums and exact money amounts — are written
 * bare so they stay numbers.
 */
import type { WidgetData } from '../../../../contracts/dashboards.js'
import { neutraliseCell } from '../imports/errors-csv.js'

const NUMBER = /^-?\d+(\.\d+)?$/

function textCell(value: string): string {
  const safe = neutraliseCell(value)
  return /[",\r\n]/.test(safe) || safe !== value || safe.trim() !== safe ? `"${safe.replace(/"/g, '""')}"` : safe
}

function headerOf(column: WidgetData['columns'][number]): string {
  if (column.kind === 'group') return column.bucket ? `${column.field} (${column.bucket})` : column.field ?? column.key
  return column.currency ? `${column.key.split(':')[0]} (${column.currency})` : column.key
}

export function widgetCsv(data: WidgetData): string {
  const lines: string[] = []
  if (data.kpi) {
    lines.push(['current', 'previous', 'change_percent', 'currency'].join(','))
    const cell = (v: number | string | null) => (v === null ? '' : typeof v === 'number' || NUMBER.test(v) ? String(v) : textCell(v))
    lines.push([cell(data.kpi.current), cell(data.kpi.previous), cell(data.kpi.change), data.kpi.currency ? textCell(data.kpi.currency) : ''].join(','))
  } else {
    lines.push(data.columns.map((c) => textCell(headerOf(c))).join(','))
    for (const row of data.rows) {
      lines.push(row.values.map((value, i) => {
        const column = data.columns[i]
        const shown = column.kind === 'group' ? row.labels[i] ?? value : value
        if (shown === null || shown === undefined) return ''
        if (typeof shown === 'number' || typeof shown === 'boolean') return String(shown)
        // Measures are numbers or exact decimal strings; group values are text whatever they look like.
        if (column.kind === 'measure' && NUMBER.test(shown)) return shown
        return textCell(shown)
      }).join(','))
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
