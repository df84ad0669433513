/**
 * @module api/client
 * The one place that talks HTTP to Rapport: same-origin credentials (the HttpOnly session
 * cookie), the X-CSRF-Token on every state-changing request, and RFC 9457
 * problem+json turned into an ApiError that carries the status, the stable code and the
 * per-field errors. Features call the typed functions in this folder, never fetch.
 */
import type { FieldProblem } from '../../../contracts/problems.js'

const CSRF_STORAGE_KEY = 'rapport.csrfToken'
const SAFE_METHODS = new Set(['GET', 'HEAD'])

/** A failed API call. `code` is the problem code (`record-not-found`, …) or `network-error`. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly title: string
  readonly errors: FieldProblem[]

  constructor(init: { status: number; code: string; title: string; detail?: string; errors?: FieldProblem[] }) {
    super(init.detail || init.title)
    this.name = 'ApiError'
    this.status = init.status
    this.code = init.code
    this.title = init.title
    this.errors = init.errors ?? []
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError

/**
 * The CSRF token lives for the tab (sessionStorage); the cookie itself is HttpOnly. Sign-in
 * answers it, and GET /auth/me answers it too, so a new tab of the session picks it up.
 */
export const csrfToken = {
  get: (): string | null => sessionStorage.getItem(CSRF_STORAGE_KEY),
  set: (token: string) => sessionStorage.setItem(CSRF_STORAGE_KEY, token),
  clear: () => sessionStorage.removeItem(CSRF_STORAGE_KEY),
}

export type QueryParams = Record<string, string | number | undefined | null>

export interface RequestOptions {
  query?: QueryParams
  body?: unknown
  signal?: AbortSignal
  /** Extra request headers, e.g. If-Match for an update. */
  headers?: Record<string, string>
  /** A file sent as the body itself (imports), instead of a JSON body. */
  file?: Blob
}

function urlOf(path: string, query: QueryParams | undefined): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const search = params.toString()
  return search ? `${path}?${search}` : path
}

export async function problemOf(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? ''
  if (type.includes('json')) {
    try {
      const problem = (await response.json()) as { code?: unknown; title?: unknown; detail?: unknown; errors?: unknown }
      return new ApiError({
        status: response.status,
        code: typeof problem.code === 'string' ? problem.code : 'http-error',
        title: typeof problem.title === 'string' ? problem.title : response.statusText,
        detail: typeof problem.detail === 'string' ? problem.detail : undefined,
        errors: Array.isArray(problem.errors) ? (problem.errors as FieldProblem[]) : undefined,
      })
    } catch {
      // fall through: a body that claims JSON but is not
    }
  }
  return new ApiError({ status: response.status, code: 'http-error', title: response.statusText || `HTTP ${response.status}` })
}

const ME_PATH = '/api/v1/auth/me'

/** Asks the session for its CSRF token (a tab opened before sign-in elsewhere has none, or an old one). */
async function refreshCsrfToken(): Promise<boolean> {
  try {
    const response = await fetch(ME_PATH, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    const token = response.ok ? ((await response.json()) as { data?: { csrfToken?: unknown } }).data?.csrfToken : undefined
    if (typeof token !== 'string') return false
    csrfToken.set(token)
    return true
  } catch {
    return false
  }
}

/** Calls the API; resolves with the parsed JSON body (undefined for 204), rejects with ApiError. */
export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options)
  if (!response.ok) {
    const problem = await problemOf(response)
    // Once: the tab's token is missing or stale, the session's own is one GET away. Safe to
    // repeat: a csrf-failed request was refused before anything was written.
    if (problem.code !== 'csrf-failed' || !(await refreshCsrfToken())) throw problem
    const retried = await send(method, path, options)
    if (!retried.ok) throw await problemOf(retried)
    return bodyOf<T>(retried)
  }
  return bodyOf<T>(response)
}

async function bodyOf<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  if (options.file) headers['Content-Type'] = 'application/octet-stream'
  const token = csrfToken.get()
  if (!SAFE_METHODS.has(method) && token) headers['X-CSRF-Token'] = token
  try {
    return await fetch(urlOf(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    })
  } catch (error) {
    if (options.signal?.aborted) throw error
    throw new ApiError({ status: 0, code: 'network-error', title: 'Network error', detail: error instanceof Error ? error.message : undefined })
  }
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => apiRequest<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => apiRequest<T>('DELETE', path),
  upload: <T>(path: string, query: QueryParams, file: Blob) => apiRequest<T>('POST', path, { query, file }),
}
