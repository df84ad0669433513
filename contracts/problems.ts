/**
 * The one catalogue of problem codes. A throw site names a code, never a status; the HTTP
 * handler, the CLI and jobs all map codes through this table. Codes are stable forever: clients
 * match on them (`type` is `/problems/<code>`).
 */
export const PROBLEMS = {
  'validation-failed': { status: 400, title: 'Request is not valid' },
  'malformed-json': { status: 400, title: 'Request body is not valid JSON' },
  'invalid-filter': { status: 400, title: 'Filter is not valid' },
  'invalid-sort': { status: 400, title: 'Sort is not valid' },
  'invalid-cursor': { status: 400, title: 'Cursor is not valid' },
  'unauthenticated': { status: 401, title: 'Authentication required' },
  'forbidden': { status: 403, title: 'Not allowed' },
  'csrf-failed': { status: 403, title: 'Missing or wrong X-CSRF-Token' },
  'totp-setup-required': { status: 403, title: 'Two-factor sign-in must be set up first' },
  'totp-required-for-self': { status: 409, title: 'Set up two-factor sign-in for yourself first' },
  'invalid-credentials': { status: 401, title: 'Email or password is wrong' },
  'totp-required': { status: 401, title: 'A two-factor code is required' },
  'not-found': { status: 404, title: 'Not found' },
  'object-not-found': { status: 404, title: 'Object not found' },
  'field-not-found': { status: 404, title: 'Field not found' },
  'record-not-found': { status: 404, title: 'Record not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'conflict': { status: 409, title: 'Conflict' },
  'unique-violation': { status: 409, title: 'A record with this value already exists' },
  'idempotency-in-flight': { status: 409, title: 'A request with this Idempotency-Key is in progress' },
  'version-conflict': { status: 412, title: 'Record changed since it was read' },
  'payload-too-large': { status: 413, title: 'Request body is too large' },
  'unsupported-media-type': { status: 415, title: 'Content type is not supported' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key was used with a different request' },
  'batch-failed': { status: 422, title: 'Batch failed; nothing was written' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'internal-error': { status: 500, title: 'Internal error' },
  'unavailable': { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>

export type ProblemCode = keyof typeof PROBLEMS

/** One field-level problem; `pointer` is a JSON Pointer into the request (RFC 6901). */
export interface FieldProblem {
  pointer: string
  detail: string
}

/** RFC 9457 problem document as Rapport sends it. */
export interface Problem {
  type: string
  title: string
  status: number
  detail?: string
  code: ProblemCode
  errors?: FieldProblem[]
  [extension: string]: unknown
}
