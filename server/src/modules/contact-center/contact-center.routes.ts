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
const SimulateBody = Type.Object({
  ...Queue,
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
    if (body.meanPatienceSeconds === undefined) figures(body) // the same stability check as the formulas
    return { data: simulate(body) }
  })
}
