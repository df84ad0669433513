/**
 * Follows the agent's call stream (SSE). EventSource reconnects by itself and sends the last
 * id it saw, so the server replays missed calls; each message replaces that call's state.
 * Calls the agent dismissed stay hidden even when later events for them arrive.
 */
import { useCallback, useEffect, useState } from 'react'
import { CALL_STREAM_URL, type CallPush } from '../../api/telephony.js'

/** Calls kept on screen at once: the newest first; older ones are dropped. */
const MAX_CALLS = 5

const keyOf = (call: Pick<CallPush, 'lineId' | 'callId'>) => `${call.lineId}\u0000${call.callId}`

export function useCallStream(): { calls: CallPush[]; connected: boolean; dismiss(call: CallPush): void } {
  const [calls, setCalls] = useState<CallPush[]>([])
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set())
  const [connected, setConnected] = useState(false)

  useEffect(() => {
    const source = new EventSource(CALL_STREAM_URL)
    source.onopen = () => setConnected(true)
    source.onerror = () => setConnected(false)
    source.addEventListener('call', (message) => {
      const call = JSON.parse((message as MessageEvent<string>).data) as CallPush
      setCalls((current) => [call, ...current.filter((c) => keyOf(c) !== keyOf(call))].slice(0, MAX_CALLS))
    })
    return () => source.close()
  }, [])

  const dismiss = useCallback((call: CallPush) => setDismissed((current) => new Set(current).add(keyOf(call))), [])
  return { calls: calls.filter((c) => !dismissed.has(keyOf(c))), connected, dismiss }
}
