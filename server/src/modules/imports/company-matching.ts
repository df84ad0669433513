/**
 * A person row's company, found by name or by domain (createRelated creates it when neither
 * finds one). A to-one relation whose target has a `domain` field gets a mapping target
 * `<relation>.domain` (people: `company.domain`) for a website/domain column. Rules, per row:
 *  1. a website cell (or, when the row has neither a company name nor a website, the e-mail's
 *     domain unless it is a free-mail provider) is normalised (company-domain.ts);
 *  2. a company with that domain wins (the oldest if several), else one with the row's name;
 *  3. else createRelated makes one company per domain with the row's name (or the domain as
 *     its name) and the domain; without createRelated a website or name nobody has fails the
 *     row, while a guess from the e-mail just leaves the company empty.
 * Rows with a name and no domain keep the plain by-name lookup of row-planner.ts.
 */
import { domainToUnicode } from 'node:url'
import { isManyToOne } from '../../engine/fields/relation.js'
import type { FieldMeta, ObjectMeta } from '../../engine/metadata-types.js'
import type { AccessPolicy } from '../../engine/access.js'
import { listRecords, MAX_PAGE_SIZE, type RecordContext } from '../../engine/records.js'
import { domainSpellings, emailCompanyDomain, normaliseDomain } from './company-domain.js'
import type { ImportMapping } from './header-mapping.js'
import type { RowError } from './import-jobs.repository.js'

/** The field of a relation's target that holds its web domain. */
export const DOMAIN_FIELD = 'domain'
export const domainTarget = (relation: string) => `${relation}.${DOMAIN_FIELD}`

/** A to-one relation this import can fill by domain. */
export interface CompanyLink {
  relation: FieldMeta
  target: ObjectMeta
  /** The website/domain column, if one is mapped to `<relation>.domain`. */
  domainColumn: { index: number; header: string } | null
  /** The row object's e-mail field, when mapped: its domain is the fallback. */
  emailField: FieldMeta | null
}

/** A to-one relation's target found or to be created for a row. */
export interface PendingRelation {
  field: string
  target: string
  /** One record is created per key in a job: `<target>\0n:<name>` or `<target>\0d:<domain>`. */
  key: string
  values: Record<string, unknown>
  /** The name is only the domain (the row had none): another row's real name for the same domain wins. */
  unnamed?: true
}
/** An existing record a row links to (the dry run counts them, once per record). */
export interface LinkedRecord { target: string; id: string }

/** To-one relations of `object` whose target has a domain field, with that target. */
function domainRelations(metadata: RecordContext['metadata'], object: ObjectMeta): { relation: FieldMeta; target: ObjectMeta }[] {
  return object.fields.flatMap((relation) => {
    const target = isManyToOne(relation) ? metadata.objects.get(relation.options.relation!.target) : undefined
    return target && target.apiName !== object.apiName && target.fieldsByName.get(DOMAIN_FIELD)?.columnName ? [{ relation, target }] : []
  })
}

/**
 * The extra mapping targets (`company.domain`) the caller may import into: the relation is
 * importable and the target's domain field fully writable for them. Shaped as fields so header
 * mapping treats them like any other ("Website" → company.domain).
 */
export function domainTargetFields(access: AccessPolicy, metadata: RecordContext['metadata'], object: ObjectMeta, importable: FieldMeta[]): FieldMeta[] {
  return domainRelations(metadata, object).flatMap(({ relation, target }) =>
    importable.includes(relation) && access.fieldAccess(target.apiName, DOMAIN_FIELD) === 'full'
      ? [{ ...target.fieldsByName.get(DOMAIN_FIELD)!, apiName: domainTarget(relation.apiName), label: `${relation.label} ${target.fieldsByName.get(DOMAIN_FIELD)!.label.toLowerCase()}`, columnName: null }]
      : [])
}

/** The relations a job fills by domain: one whose name or domain column is mapped, or any with createRelated and an e-mail column. */
export function companyLinks(metadata: RecordContext['metadata'], object: ObjectMeta, headers: string[], mapping: ImportMapping, createRelated: boolean): CompanyLink[] {
  const headerOf = (target: string) => headers.findIndex((h) => mapping[h] === target)
  const emailIndex = headers.findIndex((h) => object.fieldsByName.get(mapping[h] ?? '')?.type === 'email')
  const emailField = emailIndex >= 0 ? object.fieldsByName.get(mapping[headers[emailIndex]]!)! : null
  return domainRelations(metadata, object).flatMap(({ relation, target }) => {
    const domainIndex = headerOf(domainTarget(relation.apiName))
    const used = domainIndex >= 0 || headerOf(relation.apiName) >= 0 || (createRelated && emailField !== null)
    return used ? [{ relation, target, emailField, domainColumn: domainIndex >= 0 ? { index: domainIndex, header: headers[domainIndex] } : null }] : []
  })
}

const chunks = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))
const LOOKUP_CHUNK = MAX_PAGE_SIZE / 4

/** Normalised domain → the id of the oldest record of `target` with it. */
async function findByDomain(ctx: RecordContext, target: ObjectMeta, domains: string[]): Promise<Map<string, string>> {
  const found = new Map<string, { id: string; createdAt: string }>()
  for (const chunk of chunks(domains.flatMap(domainSpellings), LOOKUP_CHUNK)) {
    const page = await listRecords(ctx, target, { filter: { field: DOMAIN_FIELD, op: 'in', value: chunk }, limit: MAX_PAGE_SIZE, fields: [DOMAIN_FIELD] })
    for (const record of page.data) {
      const domain = typeof record[DOMAIN_FIELD] === 'string' ? normaliseDomain(record[DOMAIN_FIELD] as string) : null
      const createdAt = String(record.createdAt ?? '')
      const seen = domain ? found.get(domain) : undefined
      if (domain && (!seen || createdAt < seen.createdAt || (createdAt === seen.createdAt && record.id < seen.id))) found.set(domain, { id: record.id, createdAt })
    }
  }
  return new Map([...found].map(([domain, r]) => [domain, r.id]))
}

/** Label value → id of a record of `target` with it (the first label field). */
export async function findByLabel(ctx: RecordContext, target: ObjectMeta, labels: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  const labelField = target.labelFields[0]
  if (!labelField) return found
  for (const chunk of chunks(labels, LOOKUP_CHUNK)) {
    const page = await listRecords(ctx, target, { filter: { field: labelField, op: 'in', value: chunk }, limit: MAX_PAGE_SIZE, fields: [labelField] })
    for (const r of page.data) if (!found.has(String(r[labelField]))) found.set(String(r[labelField]), r.id)
  }
  return found
}

const cellText = (value: string) => value.slice(0, 200)

/**
 * Resolves `link` for the rows that carry a domain: sets the relation to the found id, or
 * leaves it out and adds a pending creation. Rows without a domain are left untouched.
 */
export async function resolveByDomain(ctx: RecordContext, link: CompanyLink, createRelated: boolean, rows: { rowNo: number; cells: string[] }[],
  inputs: (Record<string, unknown> | null)[], errors: RowError[][], pending: Map<number, PendingRelation[]>, linked: Map<number, LinkedRecord[]>): Promise<void> {
  const field = link.relation.apiName
  const labelField = link.target.labelFields[0]
  const wanted = rows.map((row, i) => {
    const input = inputs[i]
    if (!input || errors[i].length) return null
    const name = typeof input[field] === 'string' ? (input[field] as string).trim() : ''
    const website = link.domainColumn ? (row.cells[link.domainColumn.index] ?? '').trim() : ''
    if (website) {
      const domain = normaliseDomain(website)
      if (!domain) { errors[i].push({ rowNo: row.rowNo, column: link.domainColumn!.header, reason: 'is not a web address or domain', value: cellText(website) }); return null }
      return { name, domain, guessed: false }
    }
    const email = link.emailField ? input[link.emailField.apiName] : undefined
    const address = Array.isArray(email) ? email[0] : email
    const domain = !name && typeof address === 'string' ? emailCompanyDomain(address) : null
    return domain ? { name, domain, guessed: true } : null
  })
  const domains = [...new Set(wanted.flatMap((w) => (w ? [w.domain] : [])))]
  if (domains.length === 0) return
  const byDomain = await findByDomain(ctx, link.target, domains)
  const byName = await findByLabel(ctx, link.target, [...new Set(wanted.flatMap((w) => (w?.name && !byDomain.has(w.domain) ? [w.name] : [])))])
  wanted.forEach((w, i) => {
    if (!w) return
    const input = inputs[i]!
    const id = byDomain.get(w.domain) ?? (w.name ? byName.get(w.name) : undefined)
    if (id) {
      input[field] = id
      linked.set(i, [...(linked.get(i) ?? []), { target: link.target.apiName, id }])
      return
    }
    delete input[field]
    if (createRelated && labelField) {
      const values = { [labelField]: (w.name || domainToUnicode(w.domain) || w.domain).slice(0, 1000), [DOMAIN_FIELD]: w.domain }
      pending.set(i, [...(pending.get(i) ?? []), { field, target: link.target.apiName, key: `${link.target.apiName}\u0000d:${w.domain}`, values, ...(w.name ? {} : { unnamed: true as const }) }])
    } else if (!w.guessed) {
      const what = w.name ? `named ${JSON.stringify(cellText(w.name))} or with domain ${w.domain}` : `with domain ${w.domain}`
      errors[i].push({ rowNo: rows[i].rowNo, column: link.domainColumn!.header, reason: `no ${link.target.labelSingular.toLowerCase()} ${what}`, value: cellText(w.domain) })
    }
  })
}

/**
 * In one batch, rows waiting for the same company agree on what is created: per domain, the
 * values of a row that named the company (not just its e-mail domain); and a company pending
 * by name only ("Acme") is the one pending by domain with that name ("Acme", acme.lt).
 */
export function unifyPending(pending: Map<number, PendingRelation[]>): void {
  const byKey = new Map<string, PendingRelation>()
  for (const list of pending.values()) for (const p of list) if (!byKey.has(p.key) || (byKey.get(p.key)!.unnamed && !p.unnamed)) byKey.set(p.key, p)
  const byName = new Map<string, PendingRelation>()
  for (const p of byKey.values()) if (p.key.includes('\u0000d:') && !p.unnamed) byName.set(`${p.target}\u0000${JSON.stringify(Object.values(p.values)[0])}`, p)
  for (const list of pending.values()) {
    list.forEach((p, j) => {
      const same = p.key.includes('\u0000n:') ? byName.get(`${p.target}\u0000${JSON.stringify(Object.values(p.values)[0])}`) : byKey.get(p.key)
      if (same && same !== p) list[j] = { ...p, key: same.key, values: same.values }
    })
  }
}

/** The seen-set key of a linked record, or (summary) the job summary's key counting matched records: `companies:matched`. */
export const matchedKey = (l: LinkedRecord, summary = false): string => (summary ? `${l.target}:matched` : `${l.target}\u0000=${l.id}`)
