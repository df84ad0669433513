/**
 * The IVR the telephony intake consults at a routing point (contact-center/ivr-calls.ts): when
 * the line has a published flow attached, the call walks the flow before it reaches the ACD.
 * Each turn is the flow replayed from the start over the caller's inputs so far (the same
 * `runIvr` the designer's simulator runs), so a live call and a replay test agree.
 */

/** One thing the caller hears: text to speak in `language`, or a recording to play. */
export interface IvrPrompt { node: string; text: string; audioUrl: string | null }

/** Where the call stands after a turn. */
export type IvrTurnEnd =
  /** Waiting for keys at `node` (a menu: one key; a lookup: up to numDigits, `#` ends). */
  | { kind: 'gather'; node: string; numDigits: number; timeoutSeconds: number; finishOnKey: '#' | null }
  /** Hand the call to the ACD: the queue resolved from the node (null: the routing rules pick), the node id as IVR choice. */
  | { kind: 'queue'; node: string; queueId: string | null; ivrChoice: string; priorityBoost: number }
  | { kind: 'hangup'; node: string; reason: 'hangup' | 'voicemail' | 'callback' | 'step-limit' }
  /** A lookup is still collecting digits (ARI/FreeSWITCH send them one by one): nothing to do yet. */
  | { kind: 'collecting'; node: string }

export interface IvrTurn {
  language: string
  /** Said since the caller's last input, in order. */
  prompts: IvrPrompt[]
  end: IvrTurnEnd
  /** Inputs taken so far (Twilio's Gather action URL carries it so a retried request is not a second key press). */
  inputCount: number
  /** The caller's numbers as the call started (for the `queued` event that hands it to the ACD). */
  from: string | null
  to: string | null
}

export interface IvrPort {
  /** True when the line has a flow with a published version (the routing point then records the call as ringing only). */
  answers(workspaceId: string, lineId: string): Promise<boolean>
  /** Starts (or, for a redelivered routing point, re-reads) the call's IVR; null when the line has no published flow. */
  start(workspaceId: string, lineId: string, call: { callId: string; at: string; from: string | null; to: string | null }): Promise<IvrTurn | null>
  /**
   * The caller's keys: Twilio sends a whole Gather result (`expectedCount` = the inputs count its
   * URL carried; a mismatch is a retried request and changes nothing), ARI/FreeSWITCH one key
   * at a time. Null when the call has no IVR session or has left it.
   */
  input(workspaceId: string, lineId: string, callId: string, keys: string, options: { whole: boolean; expectedCount?: number }): Promise<IvrTurn | null>
  /** The turn the call is at (a redelivered key gets the answer again); null when it is not in its IVR. */
  current(workspaceId: string, lineId: string, callId: string): Promise<IvrTurn | null>
}
