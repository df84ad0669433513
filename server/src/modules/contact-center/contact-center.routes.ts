/**
 * @module contact-center
 * Staffing maths over HTTP (DESIGN.md, "Contact center"): the Erlang C / Erlang A figures for
 * a queue, and a seeded simulation of the same queue that should agree with them.
 */
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { fieldError } from '../../errors.js'
import { erlangA, erlangC, type QueueInputs } from './erlang.js'
import { simulate } from './simulate.js'

const Queue = {
  arrivalRatePerHour: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000 }),
  meanHandleSeconds: Type.Number({ exclusiveMinimum: 0, maximum: 86_400 }),
  agents: Type.Integer({ minimum: 1, maximum: 10_000 }),
  meanPatienceSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 86_400 })),
  serviceLevelSeconds: Type.Number({ minimum: 0, maximum: 86_400 }),
}
const ErlangBody = Type.Object(Queue, { additionalProperties: false })
const Requirement = Type.Object({ skill: Type.String({ minLength: 1, maxLength: 40 }), minLevel: Type.Integer({ minimum: 1, maximum: 10 }) }, { additionalProperties: false })
const SimulateBody = Type.Object({
  ...Queue,
  /** Multi-skill runs: agent groups (sizes add up to `agents`) and call types with their shares. */
  roster: Type.Optional(Type.Array(Type.Object({
    agents: Type.Integer({ minimum: 1, maximum: 10_000 }),
    skills: Type.Record(Type.String({ maxLength: 40 }), Type.Integer({ minimum: 1, maximum: 10 }), { maxProperties: 50 }),
    wrapUpSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 3600 })),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 50 })),
  callTypes: Type.Optional(Type.Array(Type.Object({
    share: Type.Number({ exclusiveMinimum: 0, maximum: 1_000 }),
    requirements: Type.Array(Requirement, { maxItems: 10 }),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 50 })),
  calls: Type.Integer({ minimum: 1_000, maximum: 5_000_000 }),
  seed: Type.Integer({ minimum: 0, maximum: 4_294_967_295 }),
}, { additionalProperties: false })

function figures(input: QueueInputs) {
  if (input.meanPatienceSeconds !== undefined) return erlangA({ ...input, meanPatienceSeconds: input.meanPatienceSeconds })
  try {
    return erlangC(input)
  } catch (error) {
    if (error instanceof RangeError) throw fieldError('/agents', error.message)
    throw error
  }
}

export function registerContactCenterRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const config = { auth: 'member' } as const

  r.post('/api/v1/contact-center/erlang', { config, schema: { body: ErlangBody } }, async (request) => ({ data: figures(request.body) }))

  r.post('/api/v1/contact-center/simulate', { config, schema: { body: SimulateBody } }, async (request) => {
    const body = request.body
    if (body.roster && body.roster.reduce((s, g) => s + g.agents, 0) !== body.agents) throw fieldError('/roster', 'the groups\' agents must add up to agents')
    body.callTypes?.forEach((type, i) => {
      const groups = body.roster ?? [{ skills: {} as Record<string, number> }]
      if (!groups.some((g) => type.requirements.every((r) => (g.skills[r.skill] ?? 0) >= r.minLevel))) throw fieldError(`/callTypes/${i}/requirements`, 'no agent group has these skills')
    })
    // The same stability check as the formulas (single skill; a multi-skill run with patience always settles).
    if (body.meanPatienceSeconds === undefined) figures(body)
    return { data: simulate(body) }
  })
}
