/**
 * Replaying recorded provider webhooks (test/fixtures/telephony/contract/*.json): each step is a
 * request as the provider sends it — Twilio form posts signed like Twilio signs them, or JSON
 * for ARI / FreeSWITCH — and the exact answer (status, content type, body) expected back.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { twilioSignature } from '../../server/src/modules/telephony/adapters/twilio.js'
import type { TestEnv } from './dialects.js'

/** The Host header every replayed request carries; Twilio signs the full URL including it. */
export const CONTRACT_HOST = 'localhost:80'

export interface ContractStep {
  name: string
  sleepMs?: number
  request: { query?: string; form?: string; json?: unknown }
  response: { status: number; contentType: string; body: unknown }
}

export const contractSteps = (fixture: string): ContractStep[] =>
  JSON.parse(fs.readFileSync(path.resolve('test/fixtures/telephony/contract', `${fixture}.json`), 'utf8')).steps

/** Posts one step to `url` and asserts the answer; `fill` replaces the fixture's {{placeholders}}. */
export async function postContractStep(env: TestEnv, url: string, step: ContractStep, twilioSecret: string, fill: (text: string) => string): Promise<void> {
  const target = step.request.query ? `${url}?${step.request.query}` : url
  const headers: Record<string, string> = { host: CONTRACT_HOST }
  let payload: string
  if (step.request.form !== undefined) {
    payload = step.request.form
    headers['content-type'] = 'application/x-www-form-urlencoded'
    headers['x-twilio-signature'] = twilioSignature(twilioSecret, `http://${CONTRACT_HOST}${target}`, Object.fromEntries(new URLSearchParams(payload)))
  } else {
    payload = JSON.stringify(step.request.json)
    headers['content-type'] = 'application/json'
  }
  const res = await env.app.inject({ method: 'POST', url: target, payload, headers })
  assert.equal(res.statusCode, step.response.status, `${step.name}: ${res.body}`)
  assert.equal(res.headers['content-type'], step.response.contentType, step.name)
  if (typeof step.response.body === 'string') assert.equal(res.body, fill(step.response.body), step.name)
  else assert.deepEqual(JSON.parse(res.body), JSON.parse(fill(JSON.stringify(step.response.body))), step.name)
}
