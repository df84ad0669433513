import { createHash } from 'node:crypto'

/** camelCase API name → snake_case; API names are validated ASCII, so the result is a safe identifier. */
export const snakeCase = (apiName: string): string => apiName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** Postgres truncates identifiers at 63 bytes; keep generated names well inside that. */
const MAX_IDENTIFIER = 50

/** Returns `base`, or `base_2`, `base_3`… — the first name not in `taken`. */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  const trimmed = base.slice(0, MAX_IDENTIFIER)
  if (!used.has(trimmed)) return trimmed
  for (let n = 2; ; n++) {
    const candidate = `${trimmed}_${n}`
    if (!used.has(candidate)) return candidate
  }
}

/** Index names derive from their table and columns, hashed so they stay short and unique. */
export function indexName(prefix: 'ix' | 'ux', table: string, columns: string[]): string {
  const hash = createHash('sha256').update(`${table}:${columns.join(',')}`).digest('hex').slice(0, 12)
  return `${prefix}_${table.slice(0, 30)}_${hash}`
}

/** Names a field can never take: they are the system columns every record has. */
export const RESERVED_FIELD_NAMES = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'ownerId', 'deletedAt', 'version', 'object'])
