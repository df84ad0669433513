/**
 * The call fold is order-independent: any arrival order of a call's events gives the same
 * state (fast-check permutations), and a timeout end yields to a real end.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { CallEvent } from './call-event.js'
import { foldCall, talkSeconds } from './call-state.js'

const at = (s: number) => new Date(Date.UTC(2026, 10, 30, 17, 0, s)).toISOString()
const CALL: CallEvent[] = [
  { callId: 'c', event: 'ringing', sequence: 1, at: at(0), from: '+37061234567', direction: 'inbound' },
  { callId: 'c', event: 'queued', sequence: 2, at: at(1), queue: 'support' },
  { callId: 'c', event: 'answered', sequence: 3, at: at(10), agentId: 'u1' },
  { callId: 'c', event: 'dtmf', sequence: 4, at: at(12), digits: '1' },
  { callId: 'c', event: 'dtmf', sequence: 5, at: at(13), digits: '#' },
  { callId: 'c', event: 'transferred', sequence: 6, at: at(20), target: 'u2' },
  { callId: 'c', event: 'ended', sequence: 7, at: at(70), reason: 'completed' },
  { callId: 'c', event: 'recordingReady', sequence: 8, at: at(75), url: 'https://rec.example/c.wav' },
]

test('every arrival order folds to the same call', () => {
  const expected = foldCall(CALL)
  assert.equal(expected.status, 'ended')
  assert.equal(expected.digits, '1#')
  assert.equal(expected.agentId, 'u2')
  assert.equal(talkSeconds(expected), 60)
  fc.assert(fc.property(fc.shuffledSubarray(CALL, { minLength: CALL.length, maxLength: CALL.length }), (shuffled) => {
    assert.deepEqual(foldCall(shuffled), expected)
  }), { numRuns: 500 })
})

test('a timeout end yields to a real end; an unanswered end is 0 s of talk', () => {
  const timeout: CallEvent = { callId: 'c', event: 'ended', sequence: 0, at: at(5), reason: 'timeout' }
  const real: CallEvent = { callId: 'c', event: 'ended', sequence: 9, at: at(30), reason: 'busy' }
  const state = foldCall([CALL[0], timeout, real])
  assert.equal(state.endReason, 'busy')
  assert.equal(state.endedAt, at(30))
  assert.equal(talkSeconds(state), 0)
  assert.equal(foldCall([CALL[0]]).status, 'ringing')
  assert.equal(foldCall([CALL[0], CALL[1]]).status, 'queued')
})
