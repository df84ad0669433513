/**
 * Per-agent telephony endpoints: where the phone system rings an agent when the router
 * assigns them a call. Administrators set them; the telephony adapters read them to turn an
 * `assign` decision into a bridge/dial command.
 */
import type { Kysely } from 'kysely'
import { ENDPOINT_PATTERNS, type AgentEndpoint, type AgentEndpointBody } from '../../../../../contracts/contact-center-telephony.js'
import { fieldError } from '../../../errors.js'

const EXAMPLES: Record<AgentEndpointBody['kind'], string> = {
  client: 'a Twilio Client identity (letters, digits, _ . @ -)',
  sip: 'a SIP URI such as sip:agent7@pbx.example.com',
  number: 'a phone number in E.164 (+37061234567)',
  extension: 'a PBX dial string such as PJSIP/agent-7 or user/1007',
}

/** Checks the address against its kind; names `/address` otherwise. */
export function checkEndpoint(body: AgentEndpointBody): AgentEndpointBody {
  const address = body.address.trim()
  if (!new RegExp(ENDPOINT_PATTERNS[body.kind]).test(address)) throw fieldError('/address', `must be ${EXAMPLES[body.kind]} for kind ${body.kind}`)
  return { kind: body.kind, address }
}

const toView = (r: Record<string, any>): AgentEndpoint => ({ userId: r.user_id, kind: r.kind, address: r.address, updatedAt: new Date(r.updated_at).toISOString() })

export async function listEndpoints(db: Kysely<any>): Promise<AgentEndpoint[]> {
  return (await db.selectFrom('acd_agent_endpoints').selectAll().orderBy('user_id').execute()).map(toView)
}

export async function endpointOf(db: Kysely<any>, userId: string): Promise<AgentEndpoint | undefined> {
  const row = await db.selectFrom('acd_agent_endpoints').selectAll().where('user_id', '=', userId).executeTakeFirst()
  return row ? toView(row) : undefined
}

export async function saveEndpoint(db: Kysely<any>, userId: string, body: AgentEndpointBody, now: string): Promise<void> {
  await db.insertInto('acd_agent_endpoints').values({ user_id: userId, kind: body.kind, address: body.address, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ kind: body.kind, address: body.address, updated_at: now })).execute()
}

export async function deleteEndpoint(db: Kysely<any>, userId: string): Promise<boolean> {
  const result = await db.deleteFrom('acd_agent_endpoints').where('user_id', '=', userId).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}
