/**
 * @module router
 * A tiny history router: the server answers index.html for any non-API page, so deep links
 * like /records/people?sort=-createdAt work after a reload. Routes are a flat table; a route
 * names a screen and its parameters, nothing more.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react'

export type Route =
  | { name: 'home' }
  | { name: 'signIn' }
  | { name: 'setup' }
  | { name: 'records'; object: string }
  | { name: 'kanban'; object: string }
  | { name: 'record'; object: string; id: string }
  | { name: 'settings'; section: string; object?: string }
  | { name: 'forgotPassword' }
  | { name: 'resetPassword' }
  | { name: 'acceptInvite' }
  | { name: 'calendar' }
  | { name: 'myDay' }
  | { name: 'analysis'; tab?: string }
  | { name: 'duplicates' }
  | { name: 'import' }
  | { name: 'imports' }
  | { name: 'dashboards' }
  | { name: 'dashboard'; id: string }
  | { name: 'contactCenter'; section: 'ivr' | 'scripts' | 'kb' }
  | { name: 'wallboard' }
  | { name: 'callbacks' }
  | { name: 'phoneLines' }
  | { name: 'acd'; section: 'queues' | 'skills' | 'routing' | 'reports' }
  | { name: 'notFound' }

const PATTERNS: [RegExp, (m: RegExpExecArray) => Route][] = [
  [/^\/$/, () => ({ name: 'home' })],
  [/^\/sign-in$/, () => ({ name: 'signIn' })],
  [/^\/setup$/, () => ({ name: 'setup' })],
  [/^\/records\/([^/]+)$/, (m) => ({ name: 'records', object: decodeURIComponent(m[1]) })],
  [/^\/records\/([^/]+)\/kanban$/, (m) => ({ name: 'kanban', object: decodeURIComponent(m[1]) })],
  [/^\/records\/([^/]+)\/([^/]+)$/, (m) => ({ name: 'record', object: decodeURIComponent(m[1]), id: decodeURIComponent(m[2]) })],
  [/^\/settings(?:\/([^/]+)(?:\/([^/]+))?)?$/, (m) => ({ name: 'settings', section: m[1] ?? 'account', object: m[2] && decodeURIComponent(m[2]) })],
  [/^\/forgot-password$/, () => ({ name: 'forgotPassword' })],
  [/^\/reset-password$/, () => ({ name: 'resetPassword' })],
  [/^\/accept-invite$/, () => ({ name: 'acceptInvite' })],
  [/^\/calendar$/, () => ({ name: 'calendar' })],
  [/^\/my-day$/, () => ({ name: 'myDay' })],
  [/^\/analytics(?:\/([^/]+))?$/, (m) => ({ name: 'analysis', tab: m[1] })],
  [/^\/duplicates$/, () => ({ name: 'duplicates' })],
  [/^\/import$/, () => ({ name: 'import' })],
  [/^\/imports$/, () => ({ name: 'imports' })],
  [/^\/dashboards$/, () => ({ name: 'dashboards' })],
  [/^\/dashboards\/([^/]+)$/, (m) => ({ name: 'dashboard', id: decodeURIComponent(m[1]) })],
  [/^\/contact-center\/(ivr|scripts|kb)$/, (m) => ({ name: 'contactCenter', section: m[1] as 'ivr' | 'scripts' | 'kb' })],
  [/^\/contact-center\/wallboard$/, () => ({ name: 'wallboard' })],
  [/^\/contact-center\/callbacks$/, () => ({ name: 'callbacks' })],
  [/^\/contact-center\/lines$/, () => ({ name: 'phoneLines' })],
  [/^\/contact-center\/(queues|skills|routing|reports)$/, (m) => ({ name: 'acd', section: m[1] as 'queues' | 'skills' | 'routing' | 'reports' })],
]

export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname
  for (const [pattern, toRoute] of PATTERNS) {
    const match = pattern.exec(path)
    if (match) return toRoute(match)
  }
  return { name: 'notFound' }
}

export const recordsPath = (object: string, search = '') => `/records/${encodeURIComponent(object)}${search}`
/** Record ids are UUIDs, so the word `kanban` never collides with a record's path. */
export const kanbanPath = (object: string, search = '') => `/records/${encodeURIComponent(object)}/kanban${search}`
export const recordPath = (object: string, id: string) => `/records/${encodeURIComponent(object)}/${encodeURIComponent(id)}`

const listeners = new Set<() => void>()

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}

const snapshot = () => window.location.pathname + window.location.search

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return
  if (options.replace) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  for (const listener of listeners) listener()
}

export interface Location {
  pathname: string
  search: URLSearchParams
  route: Route
}

/** The current location; re-renders on navigate() and on the browser's back/forward. */
export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot)
  const url = new URL(href, window.location.origin)
  return { pathname: url.pathname, search: url.searchParams, route: matchRoute(url.pathname) }
}

const isPlainClick = (event: MouseEvent) =>
  event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey && !event.defaultPrevented

/** Props for an <a> (or a Mantine component rendered as one) that navigates in place. */
export function linkProps(to: string, onNavigate?: () => void): Pick<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick'> {
  return {
    href: to,
    onClick(event) {
      if (!isPlainClick(event)) return
      event.preventDefault()
      navigate(to)
      onNavigate?.()
    },
  }
}
