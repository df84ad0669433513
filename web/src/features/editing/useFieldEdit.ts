/**
 * The state of editing one field of one record, shared by the record page and table cells:
 * the draft, its problem, and commit (validate from the metadata, then save only if changed).
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiRecord, FieldDescription } from '../../api/types.js'
import { draftOf, isCommittedOnChange, parseDraft, sameValue, type Draft } from './field-values.js'
import type { RecordSaver } from './useSaveRecord.js'

export function useFieldEdit(field: FieldDescription, record: ApiRecord, saver: RecordSaver, onDone: () => void) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState<Draft>(() => draftOf(field, record[field.apiName]))
  const [error, setError] = useState<string | null>(null)
  const [labels, setLabels] = useState<Record<string, string>>({})

  const commit = (value: Draft = draft, chosenLabels: Record<string, string> = labels) => {
    const parsed = parseDraft(field, value, t)
    if (!parsed.ok) {
      setError(parsed.error)
      return
    }
    onDone()
    if (sameValue(parsed.value, record[field.apiName])) return
    // Errors are rolled back and shown as a toast by the saver.
    saver.save({ record, patch: { [field.apiName]: parsed.value }, labels: chosenLabels }).catch(() => {})
  }

  /** A new draft; picking a value in a dropdown (select, relation, …) saves it at once. */
  const change = (value: Draft, relatedLabel?: string) => {
    setDraft(value)
    setError(null)
    const chosen = relatedLabel && typeof value === 'string' ? { [value]: relatedLabel } : labels
    setLabels(chosen)
    if (isCommittedOnChange(field)) commit(value, chosen)
  }

  return { draft, error, change, commit }
}
