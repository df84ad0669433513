/**
 * IVR flow rules beyond the schema: the graph checks of graph-check.ts with each node type's
 * exits, prompts translated into every enabled language, a real time zone, sane opening hours,
 * and lookups that name an existing object and fields (`objectFields` answers from metadata).
 */
import type { IvrDefinition, IvrNode, Prompt } from '../../../../contracts/contact-center-content.js'
import { WEEKDAYS } from '../../../../contracts/contact-center-content.js'
import { ProblemCollector } from '../../errors.js'
import { checkGraph, type GraphExit, type GraphNode } from './graph-check.js'

const BASE = '/definition'

function exitsOf(node: IvrNode): { exits: GraphExit[]; missing: string[] } {
  const exits: GraphExit[] = []
  const missing: string[] = []
  const exit = (name: string, target: string | undefined, required = true) => {
    if (target !== undefined && target !== '') exits.push({ pointer: `/${name}`, target })
    else if (required) missing.push(name)
  }
  switch (node.type) {
    case 'prompt': exit('next', node.next); break
    case 'menu':
      for (const [key, target] of Object.entries(node.choices)) exits.push({ pointer: `/choices/${encodePointer(key)}`, target })
      if (exits.length === 0) missing.push('choices')
      exit('onFail', node.onFail, false)
      break
    case 'hours': exit('open', node.open); exit('closed', node.closed); break
    case 'lookup': exit('found', node.found); exit('notFound', node.notFound); break
    default: break
  }
  return { exits, missing }
}

const encodePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1')

export function graphOf(definition: IvrDefinition): Map<string, GraphNode> {
  return new Map(Object.entries(definition.nodes).map(([id, node]) => {
    const { exits, missing } = exitsOf(node)
    const terminal = node.type === 'queue' || node.type === 'voicemail' || node.type === 'hangup'
    return [id, { kind: node.type, exits, missingExits: missing, terminal, waitsForInput: node.type === 'menu' || node.type === 'lookup' }]
  }))
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

function checkPrompt(prompt: Prompt | undefined, pointer: string, languages: readonly string[], problems: ProblemCollector): void {
  if (!prompt) return
  for (const lang of languages) {
    if (!prompt.text[lang]?.trim() && !prompt.audioUrl?.[lang]) problems.add(`${pointer}/prompt/text/${lang}`, `the prompt has no "${lang}" text: every enabled language needs one`)
  }
}

/** Throws 400 with every problem of the flow, each pointing at its node. */
export function validateIvrDefinition(definition: IvrDefinition, objectFields: (object: string) => Set<string> | undefined): void {
  const problems = new ProblemCollector()
  if (!isTimeZone(definition.timeZone)) problems.add(`${BASE}/timeZone`, `"${definition.timeZone.slice(0, 64)}" is not a known IANA time zone`)
  for (const [id, node] of Object.entries(definition.nodes)) {
    const at = `${BASE}/nodes/${id}`
    if ('prompt' in node) checkPrompt(node.prompt, at, definition.languages, problems)
    if (node.type === 'hours') {
      for (const day of WEEKDAYS) {
        node.weekly[day]?.forEach(([from, to], i) => {
          if (from >= to) problems.add(`${at}/weekly/${day}/${i}`, `node "${id}": opening ${from} must be before closing ${to}`)
        })
      }
    }
    if (node.type === 'lookup') {
      const fields = objectFields(node.object)
      if (!fields) problems.add(`${at}/object`, `node "${id}": there is no object named "${node.object}"`)
      else {
        if (!fields.has(node.matchField)) problems.add(`${at}/matchField`, `node "${id}": ${node.object} has no field "${node.matchField}"`)
        node.answerFields.forEach((field, i) => {
          if (!fields.has(field)) problems.add(`${at}/answerFields/${i}`, `node "${id}": ${node.object} has no field "${field}"`)
        })
      }
    }
  }
  checkGraph(definition.start, graphOf(definition), BASE, problems)
  problems.throwIfAny()
}
