/**
 * Column → field matching: a header matches a field by API name, label, or a synonym in one
 * of the four UI languages (en, ru, fa, lt). Hidden fields do not exist for the caller and
 * read-only ones cannot be written, so neither can be mapped.
 */
import { fieldError } from '../../errors.js'
import type { AccessPolicy } from '../../engine/access.js'
import type { FieldMeta, ObjectMeta } from '../../engine/metadata-types.js'
import { visibleObject } from '../../engine/visibility.js'

import type { ImportMapping } from '../../../../contracts/imports.js'

export type { ImportMapping }

/** Synonyms by field API name; any object with a field of that name benefits. */
const SYNONYMS: Record<string, string[]> = {
  firstName: ['first name', 'given name', 'forename', 'name first', 'имя', 'نام', 'vardas'],
  lastName: ['last name', 'surname', 'family name', 'фамилия', 'نام خانوادگی', 'pavardė', 'pavarde'],
  email: ['e-mail', 'email address', 'mail', 'эл. почта', 'электронная почта', 'почта', 'емейл', 'ایمیل', 'پست الکترونیک', 'el. paštas', 'el paštas', 'elektroninis paštas'],
  phone: ['phone number', 'telephone', 'tel', 'mobile', 'телефон', 'тел', 'мобильный', 'تلفن', 'شماره تلفن', 'موبایل', 'telefonas', 'tel. nr.', 'mobilusis'],
  company: ['company name', 'organization', 'organisation', 'компания', 'организация', 'شرکت', 'سازمان', 'įmonė', 'imone', 'organizacija'],
  name: ['название', 'наименование', 'نام شرکت', 'pavadinimas'],
  domain: ['website', 'web', 'домен', 'сайт', 'دامنه', 'وب سایت', 'domenas', 'svetainė'],
  // A person's company website or domain (company-matching.ts); the ZWNJ of "وب‌سایت" folds away.
  'company.domain': ['website', 'web', 'web site', 'domain', 'company website', 'company domain', 'сайт', 'веб-сайт', 'домен', 'сайт компании',
    'وب‌سایت', 'وبسایت', 'دامنه', 'سایت', 'سایت شرکت', 'svetainė', 'interneto svetainė', 'domenas', 'įmonės svetainė'],
  jobTitle: ['title', 'position', 'должность', 'عنوان شغلی', 'سمت', 'pareigos'],
  externalId: ['external id', 'id external', 'внешний id', 'شناسه خارجی', 'išorinis id'],
  city: ['город', 'شهر', 'miestas'],
  amount: ['сумма', 'مبلغ', 'suma'],
  closeDate: ['close date', 'дата закрытия', 'تاریخ بستن', 'uždarymo data'],
}

/** Case-, accent- and punctuation-insensitive form of a header or name ("E-mail" ≡ "email"). */
export function normaliseHeader(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
}

const camelWords = (apiName: string) => apiName.replace(/([a-z])([A-Z])/g, '$1 $2')

function candidateNames(field: FieldMeta): string[] {
  return [field.apiName, camelWords(field.apiName), field.label, ...(SYNONYMS[field.apiName] ?? [])]
}

/** Fields a caller may fill from a file: visible, writable, stored (or a to-one relation). */
export function importableFields(access: AccessPolicy, object: ObjectMeta): FieldMeta[] {
  return visibleObject(access, object).fields.filter((f) =>
    access.fieldAccess(object.apiName, f.apiName) === 'full' && f.type !== 'links' && f.type !== 'address' &&
    (f.columnName !== null))
}

export interface MappingResult {
  mapping: ImportMapping
  unmappedColumns: string[]
}

/**
 * Maps headers automatically, then applies the caller's explicit `override` on top. Each field
 * takes at most one column (the first match), so "Name" does not fill both first and last name.
 */
export function mapHeaders(headers: string[], fields: FieldMeta[], override: ImportMapping | undefined): MappingResult {
  const byName = new Map<string, FieldMeta>()
  for (const field of fields) {
    for (const name of candidateNames(field)) {
      const key = normaliseHeader(name)
      if (key && !byName.has(key)) byName.set(key, field)
    }
  }
  const mapping: ImportMapping = {}
  const used = new Set<string>()
  for (const header of headers) {
    const field = byName.get(normaliseHeader(header))
    mapping[header] = field && !used.has(field.apiName) ? field.apiName : null
    if (field) used.add(field.apiName)
  }
  if (override) {
    for (const [header, target] of Object.entries(override)) {
      if (!headers.includes(header)) throw fieldError(`/query/mapping/${header.slice(0, 100)}`, 'there is no column with this header in the file')
      if (target !== null && !fields.some((f) => f.apiName === target)) {
        throw fieldError(`/query/mapping/${header.slice(0, 100)}`, `${String(target).slice(0, 100)} is not a field you can import into`)
      }
      mapping[header] = target
    }
    const targets = Object.values(mapping).filter((t): t is string => t !== null)
    const twice = targets.find((t, i) => targets.indexOf(t) !== i)
    if (twice) throw fieldError('/query/mapping', `field ${twice} is mapped from more than one column`)
  }
  return { mapping, unmappedColumns: headers.filter((h) => mapping[h] === null) }
}

export function parseMappingParam(raw: string | undefined): ImportMapping | undefined {
  if (raw === undefined || raw === '') return undefined
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    throw fieldError('/query/mapping', 'must be a JSON object {"Column header": "fieldName" or null}')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) ||
    Object.values(value).some((v) => v !== null && typeof v !== 'string')) {
    throw fieldError('/query/mapping', 'must be a JSON object {"Column header": "fieldName" or null}')
  }
  return value as ImportMapping
}
