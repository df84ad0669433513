/**
 * vCard 4.0 (RFC 6350) for people: one record ↔ one card. Writing uses the standard people
 * fields (docs: DESIGN.md "Standard field API names"); reading accepts vCard 3.0 and 4.0 in
 * UTF-8, with folded lines, escaped text, several EMAIL and TEL, N and FN, and ORG (a company
 * name the service resolves). Problems are reported per card, never thrown for the whole file.
 */
import { escapeText, foldLine, parseContentLines, splitUnescaped, unescapeText, type ContentLine } from './content-lines.js'

export interface PersonCard {
  id?: string
  firstName?: string | null
  lastName?: string | null
  email?: string | null
  additionalEmails?: string[]
  phone?: string | null
  additionalPhones?: string[]
  company?: string | null
  jobTitle?: string | null
  updatedAt?: string
}

const compactUtc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '')

/** One vCard 4.0, folded, CRLF line ends. */
export function formatVCard(card: PersonCard): string {
  const first = card.firstName ?? ''
  const last = card.lastName ?? ''
  const fn = [first, last].filter(Boolean).join(' ') || card.email || card.phone || 'Unnamed'
  const lines = ['BEGIN:VCARD', 'VERSION:4.0', `FN:${escapeText(fn)}`, `N:${escapeText(last)};${escapeText(first)};;;`]
  if (card.id) lines.push(`UID:urn:uuid:${card.id}`)
  if (card.company) lines.push(`ORG:${escapeText(card.company)}`)
  if (card.jobTitle) lines.push(`TITLE:${escapeText(card.jobTitle)}`)
  ;[card.email, ...(card.additionalEmails ?? [])].forEach((email, i) => {
    if (email) lines.push(`EMAIL${i === 0 ? ';PREF=1' : ''}:${email}`)
  })
  ;[card.phone, ...(card.additionalPhones ?? [])].forEach((phone, i) => {
    if (phone) lines.push(`TEL;VALUE=uri${i === 0 ? ';PREF=1' : ''}:tel:${phone}`)
  })
  if (card.updatedAt) lines.push(`REV:${compactUtc(card.updatedAt)}`)
  lines.push('END:VCARD')
  return lines.map(foldLine).join('')
}

export type ParsedCard = { index: number; card: PersonCard } | { index: number; error: string }

const prefOf = (line: ContentLine) => {
  const pref = Number(line.params.get('PREF')?.[0])
  const typePref = line.params.get('TYPE')?.some((t) => t.toLowerCase() === 'pref')
  return Number.isFinite(pref) ? pref : typePref ? 1 : 100
}

function cardFrom(lines: ContentLine[]): PersonCard {
  const version = lines.find((l) => l.name === 'VERSION')?.value.trim()
  if (version !== '4.0' && version !== '3.0') throw new Error(`vCard version ${version ?? '(none)'} is not supported; use 3.0 or 4.0`)
  for (const line of lines) {
    const charset = line.params.get('CHARSET')?.[0]
    if (charset && charset.toLowerCase() !== 'utf-8') throw new Error(`${line.name} is in ${charset}; only UTF-8 is supported`)
    if (line.params.get('ENCODING')?.some((e) => /quoted-printable/i.test(e))) throw new Error(`${line.name} uses QUOTED-PRINTABLE (vCard 2.1); export as vCard 3.0 or 4.0`)
  }
  const card: PersonCard = {}
  const n = lines.find((l) => l.name === 'N')
  if (n) {
    const [family = '', given = ''] = splitUnescaped(n.value, ';').map((part) => splitUnescaped(part, ',').map(unescapeText).join(' ').trim())
    card.lastName = family || null
    card.firstName = given || null
  }
  const fn = lines.find((l) => l.name === 'FN')
  if (!card.firstName && !card.lastName && fn) {
    const words = unescapeText(fn.value).trim().split(/\s+/)
    card.firstName = words.length > 1 ? words.slice(0, -1).join(' ') : words[0] || null
    card.lastName = words.length > 1 ? words.at(-1)! : null
  }
  const byPref = (name: string) => lines.filter((l) => l.name === name).sort((a, b) => prefOf(a) - prefOf(b))
  const emails = byPref('EMAIL').map((l) => unescapeText(l.value).trim()).filter(Boolean)
  const phones = byPref('TEL').map((l) => unescapeText(l.value).trim().replace(/^tel:/i, '')).filter(Boolean)
  card.email = emails[0] ?? null
  card.additionalEmails = emails.slice(1)
  card.phone = phones[0] ?? null
  card.additionalPhones = phones.slice(1)
  const org = lines.find((l) => l.name === 'ORG')
  card.company = org ? unescapeText(splitUnescaped(org.value, ';')[0]).trim() || null : null
  const title = lines.find((l) => l.name === 'TITLE')
  card.jobTitle = title ? unescapeText(title.value).trim() || null : null
  if (!card.firstName && !card.lastName && !card.email && !card.phone) throw new Error('the card has no name, email or phone')
  return card
}

/** Every card in a .vcf text, each parsed or with the reason it could not be. */
export function parseVCards(text: string): ParsedCard[] {
  const lines = parseContentLines(text.replace(/^\ufeff/, ''))
  const results: ParsedCard[] = []
  let current: ContentLine[] | null = null
  for (const line of lines) {
    if (line.name === 'BEGIN' && line.value.trim().toUpperCase() === 'VCARD') {
      if (current) results.push({ index: results.length + 1, error: 'BEGIN:VCARD inside a card (missing END:VCARD)' })
      current = []
    } else if (line.name === 'END' && line.value.trim().toUpperCase() === 'VCARD') {
      if (!current) continue
      const index = results.length + 1
      try {
        results.push({ index, card: cardFrom(current) })
      } catch (error) {
        results.push({ index, error: (error as Error).message })
      }
      current = null
    } else if (current) current.push(line)
  }
  if (current) results.push({ index: results.length + 1, error: 'the card has no END:VCARD' })
  return results
}
