/**
 * The content-line syntax vCard (RFC 6350 §3) and iCalendar (RFC 5545 §3.1) share: lines end
 * in CRLF and are folded at 75 octets (never inside a UTF-8 character) by CRLF + one space;
 * TEXT values escape backslash, comma, semicolon and newline.
 */
const MAX_LINE_OCTETS = 75

/** Escapes a TEXT value (`\\`, `\,`, `\;`, `\n`). */
export const escapeText = (value: string) => value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r\n|\r|\n/g, '\\n')

/** Undoes escapeText; an unknown escape keeps its character (`\:` → `:`) as RFC 6350 readers do. */
export const unescapeText = (value: string) => value.replace(/\\(.)/gs, (_, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch))

/** One content line, folded so no physical line exceeds 75 octets; ends with CRLF. */
export function foldLine(line: string): string {
  const out: string[] = []
  let current = ''
  let octets = 0
  for (const ch of line) {
    const size = Buffer.byteLength(ch)
    const limit = out.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1
    if (octets + size > limit) {
      out.push(current)
      current = ''
      octets = 0
    }
    current += ch
    octets += size
  }
  out.push(current)
  return `${out.join('\r\n ')}\r\n`
}

export interface ContentLine {
  name: string
  params: Map<string, string[]>
  value: string
}

/** Splits a value on an unescaped separator (`;` between N components, `,` between values). */
export function splitUnescaped(value: string, separator: ';' | ','): string[] {
  const parts: string[] = []
  let current = ''
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '\\' && i + 1 < value.length) {
      current += value[i] + value[i + 1]
      i++
    } else if (value[i] === separator) {
      parts.push(current)
      current = ''
    } else current += value[i]
  }
  parts.push(current)
  return parts
}

/** Unfolds (CRLF or LF followed by a space or tab continues the line) and parses content lines. */
export function parseContentLines(text: string): ContentLine[] {
  const unfolded = text.replace(/\r?\n[ \t]/g, '')
  const lines: ContentLine[] = []
  for (const raw of unfolded.split(/\r?\n/)) {
    if (raw.trim() === '') continue
    let i = 0
    let inQuotes = false
    for (; i < raw.length; i++) {
      if (raw[i] === '"') inQuotes = !inQuotes
      else if (raw[i] === ':' && !inQuotes) break
    }
    if (i === raw.length) throw new SyntaxError(`line without a value: ${raw.slice(0, 60)}`)
    const [nameWithGroup, ...rawParams] = splitParams(raw.slice(0, i))
    const name = nameWithGroup.split('.').at(-1)!.toUpperCase()
    const params = new Map<string, string[]>()
    for (const param of rawParams) {
      const eq = param.indexOf('=')
      const key = (eq < 0 ? 'TYPE' : param.slice(0, eq)).toUpperCase()
      const values = (eq < 0 ? param : param.slice(eq + 1)).split(',').map((v) => v.replace(/^"|"$/g, ''))
      params.set(key, [...(params.get(key) ?? []), ...values])
    }
    lines.push({ name, params, value: raw.slice(i + 1) })
  }
  return lines
}

function splitParams(head: string): string[] {
  const parts: string[] = []
  let current = ''
  let inQuotes = false
  for (const ch of head) {
    if (ch === '"') inQuotes = !inQuotes
    if (ch === ';' && !inQuotes) {
      parts.push(current)
      current = ''
    } else current += ch
  }
  parts.push(current)
  return parts
}
