/** Shapes of the API's answers that the web app reads (see shared DESIGN.md, "HTTP API contract"). */
// Metadata shapes are the server's own (one source: contracts/field-types.ts), not copies that drift.
export type { FieldDescription, ObjectCallerAccess, ObjectDescription } from '../../../contracts/field-types.js'

// Records and their pages: one definition with the OpenAPI document's (contracts/records.ts).
export type { ApiRecord, RecordPage } from '../../../contracts/records.js'

export interface SearchHit {
  object: string
  id: string
  title: string
  score: number
}

export interface SessionUser {
  id: string
  email: string
  name: string
}

export interface Me {
  user: SessionUser | null
  via: 'session' | 'apiKey'
  workspace: { id: string; name: string }
  role: { id: string; name: string; isAdmin: boolean }
  workspaces: { id: string; name: string }[]
  totpSetupRequired?: boolean
  totpEnabled?: boolean
  /** The session's CSRF token (cookie sessions only): a new tab picks it up here. */
  csrfToken?: string
}

export interface SignedIn {
  user: SessionUser
  workspaceId: string
  csrfToken: string
  totpSetupRequired?: boolean
}

/** One sort key; the API's short form is `field` (ascending) or `-field` (descending). */
export interface SortKey {
  field: string
  dir: 'asc' | 'desc'
}
