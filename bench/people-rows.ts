/**
 * Realistic new people for the batch-create benchmark (deterministic per seed): names in
 * several languages, unique emails, Lithuanian mobile numbers (+3706xxxxxxx), job titles.
 * Also the row shape the raw baselines insert, matching what Rapport stores.
 */
import { v7 as uuidv7 } from 'uuid'

export interface PersonInput { firstName: string; lastName: string; email: string; phone: string; jobTitle: string }

const FIRST = ['Jonas', 'Ona', 'Žilvinas', 'Rūta', 'Tomas', 'Eglė', 'John', 'Mary', 'Olivia', 'James', 'Иван', 'Ольга', 'Дмитрий', 'Анна', 'محمد', 'زهرا', 'Ali', 'Sara', 'Lukas', 'Gabija']
const LAST = ['Kazlauskas', 'Petrauskienė', 'Jankauskas', 'Žukauskas', 'Smith', 'Johnson', 'Brown', 'Kowalski', 'Иванов', 'Смирнова', 'Кузнецов', 'احمدی', 'حسینی', 'Rahimi', 'Klein', 'Vasiliauskas', 'Butkus', 'Stankevičius', 'Miller', 'Novak']
const TITLES = ['Sales Manager', 'CEO', 'CTO', 'Account Executive', 'Buhalterė', 'Project Manager', 'Marketing Lead', 'Менеджер по продажам', 'مدیر فروش', 'Support Engineer']

/** xorshift32: tiny deterministic PRNG. */
function prng(seed: number): () => number {
  let x = seed | 0 || 1
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 4294967296
  }
}

const ascii = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '')

/** `count` people; `tag` keeps emails unique across runs and batches. */
export function generatePeople(count: number, seed: number, tag: string): PersonInput[] {
  const random = prng(seed)
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]
  return Array.from({ length: count }, (_, i) => {
    const firstName = pick(FIRST)
    const lastName = pick(LAST)
    const local = `${ascii(firstName) || 'p'}.${ascii(lastName) || 'x'}.${tag}${i.toString(36)}`
    return {
      firstName, lastName, email: `${local}@example.lt`,
      phone: `+3706${String(Math.floor(random() * 10_000_000)).padStart(7, '0')}`,
      jobTitle: pick(TITLES),
    }
  })
}

/** Same normalization as Rapport's search text (lower case, no diacritics, letters and digits). */
export const searchBody = (p: PersonInput) =>
  `${p.firstName} ${p.lastName} ${p.email} ${p.phone} ${p.jobTitle}`.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()

/** Every column of the people table, in order; what a raw insert writes (null where Rapport writes null). */
export const PEOPLE_COLUMNS = ['id', 'created_at', 'updated_at', 'created_by', 'owner_id', 'deleted_at', 'version', 'first_name', 'last_name', 'email',
  'additional_emails', 'phone', 'additional_phones', 'company_id', 'job_title', 'address_street', 'address_street2', 'address_city',
  'address_postcode', 'address_region', 'address_country', 'address_lat', 'address_lng'] as const

export function toRow(p: PersonInput, at: string): unknown[] {
  const values: Record<string, unknown> = {
    id: uuidv7(), created_at: at, updated_at: at, created_by: 'bench', owner_id: 'bench', version: 1,
    first_name: p.firstName, last_name: p.lastName, email: p.email, phone: p.phone, job_title: p.jobTitle,
  }
  return PEOPLE_COLUMNS.map((c) => values[c] ?? null)
}
