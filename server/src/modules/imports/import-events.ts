/**
 * A job's progress as Server-Sent Events: a `progress` event whenever the figures change, an
 * `end` event with the final figures when the job stops running, and a comment line as a
 * heartbeat so proxies keep an idle stream open. Each event's id is `<rowsDone>-<status>`: a
 * client that reconnects with Last-Event-ID is not sent the snapshot it already has.
 */
import type { ImportView } from './imports.service.js'

export const EVENT_POLL_MS = 250
export const HEARTBEAT_MS = 15_000
/** Tells EventSource how long to wait before reconnecting after a dropped stream. */
const RETRY_MS = 2000

export interface EventSink {
  write(chunk: string): void
  /** True once the client went away. */
  isClosed(): boolean
}

const eventIdOf = (job: ImportView) => `${job.progress.rowsDone}-${job.status}`

export function formatEvent(event: string, id: string, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`
}

/**
 * Streams `load()` snapshots to `sink` until the job ends or the client leaves. Polls the
 * store, so it sees progress made by any process (a CLI run, a resumed job), not only this one.
 */
export async function streamJobEvents(sink: EventSink, load: () => Promise<ImportView>, options: { lastEventId?: string; pollMs?: number; heartbeatMs?: number } = {}): Promise<void> {
  const pollMs = options.pollMs ?? EVENT_POLL_MS
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS
  let lastId = options.lastEventId
  let lastWrite = Date.now()
  sink.write(`retry: ${RETRY_MS}\n\n`)
  while (!sink.isClosed()) {
    const job = await load()
    const id = eventIdOf(job)
    if (job.status !== 'running') {
      sink.write(formatEvent('end', id, job))
      return
    }
    if (id !== lastId) {
      sink.write(formatEvent('progress', id, job))
      lastId = id
      lastWrite = Date.now()
    } else if (Date.now() - lastWrite >= heartbeatMs) {
      sink.write(': heartbeat\n\n')
      lastWrite = Date.now()
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs))
  }
}
