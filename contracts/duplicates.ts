/**
 * The duplicate finder and merge API (POST /api/v1/duplicates/jobs, …/groups,
 * POST /api/v1/records/{object}/merge), shared by the server and the web client.
 */

/** Exact email (all email fields, case-insensitive), exact phone (E.164), fuzzy name (+ relation), domain. */
export type DuplicateRuleName = 'email' | 'phone' | 'name' | 'domain'

export interface DuplicateRule {
  rule: DuplicateRuleName
  /** name: the least similarity (0.5–1) of the folded names; default 0.9. */
  threshold?: number
  /** name: a many-to-one relation both records must share when both have one (default: the object's first). */
  relation?: string | null
  /** domain: the field holding a domain or URL (default `domain`, else the first url field). */
  field?: string
}

export type DuplicateJobStatus = 'running' | 'completed' | 'failed' | 'cancelled'

export interface DuplicateJob {
  id: string
  object: string
  rules: DuplicateRule[]
  status: DuplicateJobStatus
  phase: 'scan' | 'group' | 'done'
  progress: { recordsDone: number; totalRecords: number; rowsPerSecond: number | null }
  groupsFound: number
  error: string | null
  createdAt: string
  finishedAt: string | null
}

export interface DuplicateGroup<R = Record<string, unknown>> {
  id: string
  rule: DuplicateRuleName
  /** 1 for exact rules; the name similarity for `name`. */
  score: number
  /** What matched (the email, phone, domain or folded name). */
  matchKey: string
  /** The records still visible and not deleted, oldest first (at least two). */
  records: R[]
}

export interface MergeRequest {
  survivorId: string
  mergedIds: string[]
  /** field → the id of the record (survivor or merged) whose value the survivor keeps. */
  fieldValues?: Record<string, string>
  /** Optional expected versions of the merged records (the survivor's comes in If-Match). */
  versions?: Record<string, number>
}

/** Most records merged into one survivor in a single request. */
export const MAX_MERGED_IDS = 20

/** The history entry a merge writes on the survivor (field `$merge`). */
export interface MergeHistoryValue {
  mergedIds: string[]
  /** The merged records as they were, fields the reader may not see removed. */
  records: Record<string, unknown>[]
  fieldValues: Record<string, string>
}

export const MERGE_HISTORY_FIELD = '$merge'

/** The history entry a merge writes on each merged record: the survivor's id. */
export const MERGED_INTO_HISTORY_FIELD = '$mergedInto'
