/**
 * Fan-out of call events to agents' browsers (the SSE route writes what this hands it). Each
 * workspace keeps its latest events in a ring buffer so a browser that reconnects with
 * Last-Event-ID gets what it missed. Ids are microsecond-based and strictly increasing, so
 * they keep increasing across a restart too (a restart loses the buffer: decision 010).
 * One process; several processes would relay through Postgres LISTEN/NOTIFY (DESIGN.md).
 */
export interface StreamEvent {
  id: number
  /** Users it is for; null = every member of the workspace. */
  userIds: string[] | null
  data: unknown
}

type Listener = (event: StreamEvent) => void

/** Events kept per workspace for replay: minutes of a busy contact center. */
const REPLAY_BUFFER = 2_000

export function createCallStream() {
  const buffers = new Map<string, StreamEvent[]>()
  const listeners = new Map<string, Set<{ userId: string; listener: Listener }>>()
  let lastId = 0
  const nextId = () => (lastId = Math.max(lastId + 1, Date.now() * 1000))
  const isFor = (event: StreamEvent, userId: string) => event.userIds === null || event.userIds.includes(userId)

  return {
    publish(workspaceId: string, userIds: string[] | null, data: unknown): StreamEvent {
      const event: StreamEvent = { id: nextId(), userIds, data }
      const buffer = buffers.get(workspaceId) ?? []
      buffer.push(event)
      if (buffer.length > REPLAY_BUFFER) buffer.splice(0, buffer.length - REPLAY_BUFFER)
      buffers.set(workspaceId, buffer)
      for (const sub of listeners.get(workspaceId) ?? []) if (isFor(event, sub.userId)) sub.listener(event)
      return event
    },

    /** Replays what the user missed after `lastEventId`, then follows; returns the unsubscribe. */
    subscribe(workspaceId: string, userId: string, lastEventId: number | null, listener: Listener): () => void {
      if (lastEventId !== null) {
        for (const event of buffers.get(workspaceId) ?? []) if (event.id > lastEventId && isFor(event, userId)) listener(event)
      }
      const entry = { userId, listener }
      const set = listeners.get(workspaceId) ?? new Set()
      set.add(entry)
      listeners.set(workspaceId, set)
      return () => set.delete(entry)
    },

    subscriberCount(workspaceId: string): number {
      return listeners.get(workspaceId)?.size ?? 0
    },
  }
}

export type CallStream = ReturnType<typeof createCallStream>
