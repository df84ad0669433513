/** Contact-center calls: the supervisor wallboard and its live stream (GET …/wallboard/stream, SSE). */
import type { Wallboard } from '../../../contracts/contact-center.js'
import { apiRequest } from './client.js'

export type { Wallboard, WallboardQueue } from '../../../contracts/contact-center.js'

const BASE = '/api/v1/contact-center'

export const getWallboard = (signal?: AbortSignal) => apiRequest<{ data: Wallboard }>('GET', `${BASE}/wallboard`, { signal }).then((r) => r.data)

/**
 * Follows the wallboard stream; EventSource reconnects by itself after a drop. Answers a
 * function that closes the stream.
 */
export function followWallboard(onUpdate: (board: Wallboard) => void, onState: (live: boolean) => void): () => void {
  const source = new EventSource(`${BASE}/wallboard/stream`, { withCredentials: true })
  source.addEventListener('wallboard', (event) => onUpdate(JSON.parse((event as MessageEvent<string>).data) as Wallboard))
  source.onopen = () => onState(true)
  source.onerror = () => onState(false)
  return () => source.close()
}
