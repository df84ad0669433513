import { v7 as uuidv7 } from 'uuid'

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Record ids are UUIDv7: sortable by creation time, so the primary key index stays append-mostly. */
export const newId = (): string => uuidv7()

export const isId = (value: unknown): value is string => typeof value === 'string' && UUID_PATTERN.test(value)

/** Short random ids for workspaces (they become file and schema names). */
export function newWorkspaceId(): string {
  return uuidv7().replace(/-/g, '').slice(-20)
}
