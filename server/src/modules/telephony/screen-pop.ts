/**
 * The screen pop's card for a call, read as the agent (their object permissions, field-level
 * security and record scope apply): every person and company matching the caller's number,
 * with their company, value class (an ABC / RFM field, when the workspace has one), open
 * opportunities and open activities; or, for an unknown number, what a new person would be
 * prefilled with.
 */
import type { ObjectMeta } from '../../engine/metadata-types.js'
import type { ApiRecord } from '../../engine/record-codec.js'
import type { RecordContext } from '../../engine/records.js'
import { visibleObject } from '../../engine/visibility.js'
import type { FilterNode } from '../../engine/filter.js'
import { isMatchable, listIfAllowed, matchCaller } from './caller-match.js'
import type { CallCard, CardMatch } from '../../../../contracts/telephony.js'

/** Field names holding a customer's value class, in the order they are preferred. */
const VALUE_CLASS_FIELDS = ['valueClass', 'abcClass', 'customerClass', 'rfmSegment', 'segment']
/** Open items listed per match; the record page has the rest. */
const OPEN_ITEMS = 5

/** A currency value `{amount, currency}` as "1200.00 EUR". */
const moneyText = (value: unknown): string | null => {
  const money = value as { amount?: unknown; currency?: unknown } | null
  return money && typeof money === 'object' && money.amount != null ? `${String(money.amount)} ${String(money.currency ?? '')}`.trim() : null
}

export function labelOf(object: ObjectMeta, record: ApiRecord): string {
  const text = object.labelFields.map((name) => record[name]).filter((v) => typeof v === 'string' && v.trim() !== '').join(' ')
  return text || record.id
}

function valueClassOf(ctx: RecordContext, object: ObjectMeta, record: ApiRecord): CardMatch['valueClass'] {
  const view = visibleObject(ctx.access, object)
  for (const name of VALUE_CLASS_FIELDS) {
    const field = view.fieldsByName.get(name)
    const value = record[name]
    if (field && typeof value === 'string' && value !== '') return { field: name, label: field.label, value }
  }
  return null
}

const hasField = (ctx: RecordContext, objectName: string, field: string) => {
  const object = ctx.metadata.objects.get(objectName)
  return !!object && visibleObject(ctx.access, object).fieldsByName.has(field)
}

async function openItems(ctx: RecordContext, object: 'people' | 'companies', id: string, excludeActivity: string | null) {
  const opportunityField = object === 'people' ? 'contact' : 'company'
  const opportunities = await listIfAllowed(ctx, 'opportunities', () => {
    if (!hasField(ctx, 'opportunities', opportunityField)) return null
    const conditions: FilterNode[] = [{ field: opportunityField, op: 'eq', value: id }]
    // Open = not at a won or lost stage (an opportunity without a stage is open too).
    if (hasField(ctx, 'opportunities', 'stage')) {
      conditions.push({ or: [{ field: 'stage', op: 'isNull' }, { field: 'stage.outcome', op: 'isNull' }, { field: 'stage.outcome', op: 'nin', value: ['won', 'lost'] }] })
    }
    return { and: conditions }
  }, OPEN_ITEMS, [{ field: 'closeDate', dir: 'asc' }])
  const activities = await listIfAllowed(ctx, 'activities', () => {
    const link: FilterNode = object === 'people' && hasField(ctx, 'activities', 'participants') ? { field: 'participants', op: 'eq', value: id } : { field: 'links', op: 'eq', value: id }
    return { and: [link, { field: 'status', op: 'eq', value: 'open' }] }
  }, OPEN_ITEMS + 1, [{ field: 'dueAt', dir: 'asc' }])
  const opportunityMeta = ctx.metadata.objects.get('opportunities')
  return {
    openOpportunities: opportunities.map((o) => ({ id: o.id, label: opportunityMeta ? labelOf(opportunityMeta, o) : o.id, detail: moneyText(o.amount) })),
    openActivities: activities.filter((a) => a.id !== excludeActivity).slice(0, OPEN_ITEMS)
      .map((a) => ({ id: a.id, label: String(a.subject ?? a.id), detail: (a.dueAt as string | null) ?? null })),
  }
}

export async function buildCallCard(ctx: RecordContext, number: string | null, activityId: string | null): Promise<CallCard> {
  const found = await matchCaller(ctx, number)
  const people = ctx.metadata.objects.get('people')
  const companies = ctx.metadata.objects.get('companies')
  const companyIds = [...new Set(found.people.map((p) => p.company).filter((id): id is string => typeof id === 'string'))]
  const employers = companyIds.length
    ? await listIfAllowed(ctx, 'companies', () => ({ field: 'id', op: 'in', value: companyIds }), companyIds.length)
    : []
  const matches: CardMatch[] = []
  for (const person of found.people) {
    const employer = employers.find((c) => c.id === person.company)
    matches.push({
      object: 'people', id: person.id, label: labelOf(people!, person), phone: (person.phone as string | null) ?? null,
      company: employer && companies ? { id: employer.id, label: labelOf(companies, employer) } : null,
      valueClass: valueClassOf(ctx, people!, person), ...(await openItems(ctx, 'people', person.id, activityId)),
    })
  }
  for (const company of found.companies) {
    matches.push({
      object: 'companies', id: company.id, label: labelOf(companies!, company), phone: (company.phone as string | null) ?? null, company: null,
      valueClass: valueClassOf(ctx, companies!, company), ...(await openItems(ctx, 'companies', company.id, activityId)),
    })
  }
  const canCreate = matches.length === 0 && isMatchable(number) && ctx.access.can('people', 'create')
  return { number, matches, createPrefill: canCreate ? { object: 'people', values: { phone: number! } } : null }
}
