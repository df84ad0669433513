/**
 * The records a member opened last, newest first, kept in localStorage per workspace and
 * person (so a shared browser does not show one person's records to the next) and shown by
 * the search dialog while its query is empty. Only ids and titles are kept, never field values.
 */
import { useEffect, useSyncExternalStore } from 'react'
import { useMe } from '../auth/session.js'

export interface RecentRecord {
  object: string
  id: string
  title: string
}

const STORAGE_PREFIX = 'rapport.recentRecords'
export const MAX_RECENT_RECORDS = 8
const NONE: RecentRecord[] = []

const listeners = new Set<() => void>()
const snapshots = new Map<string, RecentRecord[]>()

const isRecent = (value: unknown): value is RecentRecord => {
  const entry = value as RecentRecord
  return typeof entry === 'object' && entry !== null && typeof entry.object === 'string' && typeof entry.id === 'string' && typeof entry.title === 'string'
}

function read(key: string): RecentRecord[] {
  let cached = snapshots.get(key)
  if (cached) return cached
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]')
    cached = Array.isArray(parsed) ? parsed.filter(isRecent).slice(0, MAX_RECENT_RECORDS) : NONE
  } catch {
    cached = NONE
  }
  snapshots.set(key, cached)
  return cached
}

function write(key: string, records: RecentRecord[]): void {
  snapshots.set(key, records)
  try {
    localStorage.setItem(key, JSON.stringify(records))
  } catch {
    // Storage full or disabled: the list lives for this tab only.
  }
  listeners.forEach((listener) => listener())
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  // Another tab opened a record: forget the cached copy and re-read.
  const onStorage = (event: StorageEvent) => {
    if (event.key?.startsWith(STORAGE_PREFIX)) {
      snapshots.delete(event.key)
      listener()
    }
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}

function useStorageKey(): string | null {
  const me = useMe().data
  return me ? `${STORAGE_PREFIX}.${me.workspace.id}.${me.user?.id ?? me.via}` : null
}

export function useRecentRecords(): RecentRecord[] {
  const key = useStorageKey()
  return useSyncExternalStore(subscribe, () => (key ? read(key) : NONE))
}

/** Puts the record first in the list once its title is known (a record page calls this). */
export function useRememberRecentRecord(object: string, id: string, title: string | undefined): void {
  const key = useStorageKey()
  useEffect(() => {
    if (!key || title === undefined) return
    const rest = read(key).filter((entry) => entry.object !== object || entry.id !== id)
    write(key, [{ object, id, title }, ...rest].slice(0, MAX_RECENT_RECORDS))
  }, [key, object, id, title])
}
