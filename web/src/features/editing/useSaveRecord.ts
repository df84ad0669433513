/**
 * Saving a record's changed fields: shown at once in every cached copy (optimistic), sent as
 * PATCH with If-Match of the version the edit started from (saves of one record go one after
 * another, so quick edits of several fields do not conflict with each other), and put back
 * with a toast when the server refuses. A 412 (someone saved first) reads their version and opens a conflict
 * for the caller to settle: keep mine (PATCH again on their version) or take theirs.
 */
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client.js'
import { getRecord } from '../../api/records.js'
import { updateRecord } from '../../api/record-writes.js'
import type { ApiRecord } from '../../api/types.js'
import { showErrorToast } from '../../components/toasts.js'
import { mergeCachedRecord, restoreRecordCaches, snapshotRecordCaches, type CacheSnapshot } from './record-cache.js'

export interface SaveRequest {
  /** The record as the editor saw it (its version goes in If-Match). */
  record: ApiRecord
  patch: Record<string, unknown>
  /** Titles of newly chosen related records, so relation cells show names at once. */
  labels?: Record<string, string>
}

export interface Conflict {
  mine: SaveRequest
  theirs: ApiRecord
  /** Titles of the records their version points to. */
  theirLabels: Record<string, string>
}

/** Titles of the records a record points to (relation fields), for showing their version. */
export type LabelsOf = (record: ApiRecord) => Promise<Record<string, string>>

/** Problem detail plus the per-field problems, for a toast. */
export function problemText(error: unknown): { title: string; message: string } {
  if (!isApiError(error)) return { title: '', message: error instanceof Error ? error.message : String(error) }
  const fields = error.errors.map((problem) => `${problem.pointer.replace(/^\//, '')}: ${problem.detail}`)
  return { title: error.title, message: [error.message !== error.title ? error.message : '', ...fields].filter(Boolean).join('\n') }
}

export function useSaveRecord(object: string, labelsOf?: LabelsOf) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [conflict, setConflict] = useState<Conflict | null>(null)
  const busy = useRef(false)

  /** Per record: the running chain of saves, and versions my own saves have moved past. */
  const queues = useRef(new Map<string, Promise<unknown>>())
  const own = useRef(new Map<string, { passed: Set<number>; latest: number }>())

  /** An edit that started before my previous save finished still holds the old version; it is mine, not a conflict. */
  const versionFor = (id: string, version: number) => {
    const mine = own.current.get(id)
    return mine?.passed.has(version) ? mine.latest : version
  }

  const send = useCallback(async (request: SaveRequest, version: number, snapshot: CacheSnapshot): Promise<ApiRecord | null> => {
    const { record, patch } = request
    try {
      const saved = await updateRecord(object, record.id, patch, version)
      const mine = own.current.get(record.id) ?? { passed: new Set<number>(), latest: saved.version }
      mine.passed.add(version)
      mine.latest = saved.version
      own.current.set(record.id, mine)
      mergeCachedRecord(client, object, record.id, saved)
      void client.invalidateQueries({ queryKey: ['records', object, 'timeline', record.id] })
      return saved
    } catch (error) {
      restoreRecordCaches(client, snapshot)
      if (isApiError(error) && error.status === 412) {
        const theirs = await getRecord(object, record.id).catch(() => null)
        if (theirs) {
          const theirLabels = labelsOf ? await labelsOf(theirs).catch(() => ({})) : {}
          setConflict({ mine: request, theirs, theirLabels })
          return null
        }
      }
      const { title, message } = problemText(error)
      showErrorToast(title || t('record.saveFailed'), message)
      throw error
    }
  }, [client, labelsOf, object, t])

  /** Shows the change at once, then sends it after any earlier save of the same record. */
  const enqueue = useCallback((request: SaveRequest, version?: number): Promise<ApiRecord | null> => {
    const id = request.record.id
    const snapshot = snapshotRecordCaches(client, object, id)
    mergeCachedRecord(client, object, id, request.patch, request.labels)
    const previous = queues.current.get(id) ?? Promise.resolve()
    const run = previous.catch(() => {}).then(() => send(request, version ?? versionFor(id, request.record.version), snapshot))
    queues.current.set(id, run)
    return run
  }, [client, object, send])

  const save = useCallback((request: SaveRequest) => enqueue(request), [enqueue])

  /** Keep mine: write my values over their version (still guarded: a third writer gives another conflict). */
  const keepMine = useCallback(async () => {
    if (!conflict || busy.current) return
    busy.current = true
    setConflict(null)
    try {
      await enqueue({ ...conflict.mine, record: conflict.theirs }, conflict.theirs.version)
    } catch {
      // send() already rolled back and told the user
    } finally {
      busy.current = false
    }
  }, [conflict, enqueue])

  /** Take theirs: drop my change and show their version. */
  const takeTheirs = useCallback(() => {
    if (!conflict) return
    mergeCachedRecord(client, object, conflict.theirs.id, conflict.theirs, conflict.theirLabels)
    setConflict(null)
  }, [client, conflict, object])

  return { save, conflict, keepMine, takeTheirs }
}

export type RecordSaver = ReturnType<typeof useSaveRecord>
