/**
 * Which history entries a caller sees: changes of fields in their view of the object, plus
 * the system entries (deletion, owner, merges). A merge entry carries a snapshot of the merged
 * records; fields hidden from the caller are removed from it, so history is no side channel.
 */
import { MERGE_HISTORY_FIELD, MERGED_INTO_HISTORY_FIELD, type MergeHistoryValue } from '../../../contracts/duplicates.js'
import type { HistoryEntry } from './history.js'
import type { ObjectMeta } from './metadata-types.js'

const SYSTEM_ENTRIES = new Set(['deletedAt', 'ownerId', MERGE_HISTORY_FIELD, MERGED_INTO_HISTORY_FIELD])
const SYSTEM_KEYS = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'ownerId', 'deletedAt', 'version'])

function redactMerge(view: ObjectMeta, value: unknown): unknown {
  const merge = value as MergeHistoryValue | null
  if (!merge || !Array.isArray(merge.records)) return value
  const visible = (key: string) => SYSTEM_KEYS.has(key) || view.fieldsByName.has(key)
  return {
    mergedIds: merge.mergedIds,
    records: merge.records.map((r) => Object.fromEntries(Object.entries(r).filter(([key]) => visible(key)))),
    fieldValues: Object.fromEntries(Object.entries(merge.fieldValues ?? {}).filter(([key]) => visible(key))),
  }
}

/** The entries of `entries` the caller may see, merge snapshots redacted to `view`. */
export function visibleHistory<T extends Pick<HistoryEntry, 'field' | 'newValue'>>(view: ObjectMeta, entries: T[]): T[] {
  return entries.filter((e) => view.fieldsByName.has(e.field) || SYSTEM_ENTRIES.has(e.field))
    .map((e) => (e.field === MERGE_HISTORY_FIELD ? { ...e, newValue: redactMerge(view, e.newValue) } : e))
}
