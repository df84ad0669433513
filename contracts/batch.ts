/** The batch endpoint's operations and per-item results (POST /api/v1/records/{object}/batch). */

export interface BatchOperation {
  op: 'create' | 'update' | 'upsert' | 'delete'
  id?: string
  /** For upsert without id: the field whose value in `data` finds the existing record. */
  matchOn?: string
  data?: Record<string, unknown>
}

/** One item's outcome; `R` is the record shape of the side that reads it. */
export interface BatchResult<R> {
  op: BatchOperation['op']
  id: string
  status: 'created' | 'updated' | 'deleted'
  data?: R
}
