/**
 * @module cards
 * People as vCards: one record as a .vcf, and .vcf files imported into people. Export of a
 * whole list as vCards is the export service's `vcf` format (same view, permissions, audit).
 * Import creates one person per card, each in its own transaction, with ORG resolved to a
 * company by name (created when the caller may create companies); every card that cannot be
 * imported is reported with its position and reason, and the rest still are.
 */
import { AppError, fieldError } from '../../errors.js'
import { getObject } from '../../engine/metadata-store.js'
import type { ObjectMeta } from '../../engine/metadata-types.js'
import type { ApiRecord } from '../../engine/record-codec.js'
import { createRecord, getRecord, listRecords, type RecordContext } from '../../engine/records.js'
import { requirePermission, visibleObject } from '../../engine/visibility.js'
import type { Principal } from '../../http/auth.js'
import type { RecordsService } from '../records/records.service.js'
import { formatVCard, parseVCards, type PersonCard } from './vcard.js'

/** Largest .vcf accepted in one request (tens of thousands of cards). */
export const MAX_VCF_BYTES = 10 * 1024 * 1024
const CARD_FIELDS = ['firstName', 'lastName', 'email', 'additionalEmails', 'phone', 'additionalPhones', 'company', 'jobTitle'] as const

export interface VCardImportReport {
  created: { card: number; id: string }[]
  failed: { card: number; reason: string }[]
}

/** The card fields the caller can see on `object`: a hidden field is simply not on the card. */
export const cardFields = (view: ObjectMeta): string[] => CARD_FIELDS.filter((name) => view.fieldsByName.has(name))

/** Objects with a name in the people shape can be cards; checked on metadata, not on the object's name. */
export function assertCardObject(view: ObjectMeta, pointer: string): void {
  if (!isCardObject(view)) throw fieldError(pointer, `${view.apiName} has no firstName or lastName field, so it cannot be a vCard`)
}

const isCardObject = (view: ObjectMeta) => view.fieldsByName.has('firstName') || view.fieldsByName.has('lastName')

/** A record (with its company's title in `companyLabel`) as a card. */
export function cardOf(record: ApiRecord, companyLabel: string | null): PersonCard {
  const text = (name: string) => (typeof record[name] === 'string' ? (record[name] as string) : null)
  const list = (name: string) => (Array.isArray(record[name]) ? (record[name] as unknown[]).filter((v): v is string => typeof v === 'string') : [])
  return {
    id: record.id, firstName: text('firstName'), lastName: text('lastName'), email: text('email'), additionalEmails: list('additionalEmails'),
    phone: text('phone'), additionalPhones: list('additionalPhones'), company: companyLabel, jobTitle: text('jobTitle'), updatedAt: record.updatedAt as string,
  }
}

async function companyTitle(ctx: RecordContext, object: ObjectMeta, record: ApiRecord): Promise<string | null> {
  const field = object.fieldsByName.get('company')
  const target = field?.options.relation ? ctx.metadata.objects.get(field.options.relation.target) : undefined
  const id = record.company
  if (!target || typeof id !== 'string' || !ctx.access.can(target.apiName, 'read')) return null
  try {
    const related = await getRecord(ctx, ctx.ws.db, target, id)
    return visibleObject(ctx.access, target).labelFields.map((f) => related[f]).filter((v) => typeof v === 'string' && v).join(' ') || null
  } catch {
    return null
  }
}

/** The id of the company named `name`, creating it when the caller may; null when neither. */
async function companyNamed(ctx: RecordContext, target: ObjectMeta, name: string, cache: Map<string, string | null>): Promise<string | null> {
  const key = name.toLowerCase()
  if (cache.has(key)) return cache.get(key)!
  const labelField = visibleObject(ctx.access, target).labelFields[0]
  let id: string | null = null
  if (labelField) {
    const found = await listRecords(ctx, target, { filter: { field: labelField, op: 'eq', value: name }, limit: 1, fields: [labelField] })
    id = found.data[0]?.id ?? null
    if (!id && ctx.access.can(target.apiName, 'create')) {
      id = (await ctx.ws.db.transaction().execute((trx) => createRecord(ctx, trx, target, { [labelField]: name }))).id
    }
  }
  cache.set(key, id)
  return id
}

export function createVCardsService(deps: { records: Pick<RecordsService, 'contextFor'> }) {
  return {
    /** One record as a vCard: what a read of it shows (permission, scope, hidden fields). */
    async one(principal: Principal, objectName: string, id: string): Promise<{ text: string; fileName: string }> {
      const ctx = await deps.records.contextFor(principal)
      const object = getObject(ctx.metadata, objectName)
      const view = visibleObject(ctx.access, object)
      // `/records/companies/{id}/vcard` is a resource that does not exist, not a bad request.
      if (!isCardObject(view)) throw new AppError('not-found', `${object.labelPlural} have no vCards`)
      const record = await getRecord(ctx, ctx.ws.db, object, id, { fields: cardFields(view) })
      const card = cardOf(record, await companyTitle(ctx, view, record))
      const name = [card.firstName, card.lastName].filter(Boolean).join('-').replace(/[^\p{L}\p{N}-]+/gu, '') || 'contact'
      return { text: formatVCard(card), fileName: `${name}.vcf` }
    },

    async import(principal: Principal, objectName: string, text: string): Promise<VCardImportReport> {
      const ctx = await deps.records.contextFor(principal)
      const object = getObject(ctx.metadata, objectName)
      requirePermission(ctx.access, object, 'import')
      requirePermission(ctx.access, object, 'create')
      const view = visibleObject(ctx.access, object)
      assertCardObject(view, '/params/object')
      const parsed = parseVCards(text)
      if (parsed.length === 0) throw fieldError('/body', 'the file holds no BEGIN:VCARD … END:VCARD card')
      const companyField = view.fieldsByName.get('company')
      const companies = companyField?.options.relation ? ctx.metadata.objects.get(companyField.options.relation.target) : undefined
      const cache = new Map<string, string | null>()
      const report: VCardImportReport = { created: [], failed: [] }
      for (const entry of parsed) {
        if ('error' in entry) {
          report.failed.push({ card: entry.index, reason: entry.error })
          continue
        }
        const { card } = entry
        const input: Record<string, unknown> = {}
        for (const name of cardFields(view)) {
          const value = card[name as keyof PersonCard]
          if (name === 'company' || value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue
          input[name] = value
        }
        try {
          if (card.company && companies && ctx.access.can(companies.apiName, 'read')) {
            const id = await companyNamed(ctx, companies, card.company, cache)
            if (id) input.company = id
          }
          const created = await ctx.ws.db.transaction().execute((trx) => createRecord(ctx, trx, object, input))
          report.created.push({ card: entry.index, id: created.id })
        } catch (error) {
          if (!(error instanceof AppError)) throw error
          const problem = error.errors?.[0]
          report.failed.push({ card: entry.index, reason: problem ? `${problem.pointer.replace(/^\//, '')}: ${problem.detail}` : error.message })
        }
      }
      return report
    },
  }
}

export type VCardsService = ReturnType<typeof createVCardsService>
