/**
 * Agent script rules: the graph checks of graph-check.ts (questions wait for the agent's
 * answer; end nodes finish with an outcome), branches that match the question's answer type,
 * and a replay of a run's answers that yields the outcome or names the first wrong answer.
 */
import type { ScriptDefinition, ScriptNode, ScriptRunBody } from '../../../../contracts/contact-center-content.js'
import { ProblemCollector, fieldError } from '../../errors.js'
import { checkGraph, type GraphExit, type GraphNode } from './graph-check.js'

const BASE = '/definition'
const MAX_RUN_STEPS = 500
type Question = Extract<ScriptNode, { type: 'question' }>

/** A branch by its answer, own keys only: an answer such as "constructor" must not reach Object.prototype. */
export const branchOf = (node: Question, answer: string): string | undefined =>
  node.branches && Object.hasOwn(node.branches, answer) ? node.branches[answer] : undefined

/** The answers a question's branches may name: choices, yes/no, or none (text and number). */
function branchKeys(node: Question): string[] | null {
  if (node.answerType === 'choice') return node.choices ?? []
  if (node.answerType === 'yesNo') return ['yes', 'no']
  return null
}

function graphNode(id: string, node: ScriptNode, problems: ProblemCollector): GraphNode {
  if (node.type === 'end') return { kind: 'end', exits: [], terminal: true, waitsForInput: false, missingExits: [] }
  const at = `${BASE}/nodes/${id}`
  const exits: GraphExit[] = Object.entries(node.branches ?? {}).map(([answer, target]) => ({ pointer: `/branches/${answer.replace(/~/g, '~0').replace(/\//g, '~1')}`, target }))
  if (node.next) exits.push({ pointer: '/next', target: node.next })
  const keys = branchKeys(node)
  if (node.answerType === 'choice' && keys!.length === 0) problems.add(`${at}/choices`, `node "${id}": a choice question needs choices`)
  if (keys === null && node.branches && Object.keys(node.branches).length > 0) problems.add(`${at}/branches`, `node "${id}": ${node.answerType} answers cannot branch; use "next"`)
  const missing: string[] = []
  if (keys !== null) {
    for (const answer of Object.keys(node.branches ?? {})) if (!keys.includes(answer)) problems.add(`${at}/branches`, `node "${id}": "${answer}" is not an answer of this question`)
    if (!node.next) for (const answer of keys) if (!branchOf(node, answer)) missing.push(`branch for "${answer}"`)
  } else if (!node.next) missing.push('next')
  return { kind: 'question', exits, terminal: false, waitsForInput: true, missingExits: missing }
}

export function validateScriptDefinition(definition: ScriptDefinition): void {
  const problems = new ProblemCollector()
  const nodes = new Map(Object.entries(definition.nodes).map(([id, node]) => [id, graphNode(id, node, problems)]))
  checkGraph(definition.start, nodes, BASE, problems)
  problems.throwIfAny()
}

/** The answer as stored and the branch key it selects; throws naming the answer when it does not fit. */
function readAnswer(node: Question, value: string | number | boolean, pointer: string): { value: string | number | boolean; key: string | null } {
  switch (node.answerType) {
    case 'choice':
      if (typeof value !== 'string' || !node.choices?.includes(value)) throw fieldError(pointer, `must be one of: ${(node.choices ?? []).join(', ')}`)
      return { value, key: value }
    case 'yesNo': {
      // The body's union type lets ajv coerce a JSON boolean to "true"/"false"; all four spellings count.
      const yes = value === true || value === 'yes' || value === 'true'
      if (!yes && value !== false && value !== 'no' && value !== 'false') throw fieldError(pointer, 'must be yes or no')
      return { value: yes, key: yes ? 'yes' : 'no' }
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
      if (!Number.isFinite(n)) throw fieldError(pointer, 'must be a number')
      return { value: n, key: null }
    }
    case 'text':
      if (typeof value !== 'string' || value.trim() === '') throw fieldError(pointer, 'must be non-empty text')
      return { value: value.trim(), key: null }
  }
}

/** Walks the script with the run's answers; the path must end on an end node. */
export function replayRun(definition: ScriptDefinition, answers: ScriptRunBody['answers']) {
  const recorded: { node: string; question: string; value: string | number | boolean }[] = []
  let id = definition.start
  for (let step = 0; step < MAX_RUN_STEPS; step++) {
    const node = definition.nodes[id]
    if (node.type === 'end') {
      if (recorded.length < answers.length) throw fieldError(`/answers/${recorded.length}`, `the script ended at "${id}"; this answer is one too many`)
      return { answers: recorded, outcome: node.outcome }
    }
    const i = recorded.length
    const given = answers[i]
    if (!given) throw fieldError('/answers', `the script is not finished: "${id}" (${node.text.slice(0, 80)}) still needs an answer`)
    if (given.node !== id) throw fieldError(`/answers/${i}/node`, `expected the answer to "${id}" here, not "${given.node.slice(0, 40)}"`)
    const { value, key } = readAnswer(node, given.value, `/answers/${i}/value`)
    recorded.push({ node: id, question: node.text, value })
    id = (key !== null ? branchOf(node, key) : undefined) ?? node.next!
  }
  throw fieldError('/answers', 'the run is longer than any script should be')
}
