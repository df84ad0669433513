/**
 * The graph rules shared by IVR flows and agent scripts. Each problem names the node in its
 * JSON pointer (`/definition/nodes/<id>…`), so the designer can show it on that node:
 * - unknown targets (an exit naming a node that does not exist, or a missing start),
 * - dead ends (a non-terminal node without a way on),
 * - unreachable nodes (not reachable from the start),
 * - loops without input (a cycle of nodes that never wait for the caller: it would spin forever),
 * - traps (nodes from which no terminal node can be reached, whatever the caller presses).
 */
import type { ProblemCollector } from '../../errors.js'

export interface GraphExit {
  /** Pointer suffix of the exit inside its node, e.g. `/choices/1`. */
  pointer: string
  target: string
}

export interface GraphNode {
  kind: string
  exits: GraphExit[]
  terminal: boolean
  /** True when the node waits for the caller (a menu, a question): a cycle through it can be left. */
  waitsForInput: boolean
  /** A required exit that is missing: the node is a dead end (`next`, `open`, …). */
  missingExits: string[]
}

export function checkGraph(start: string, nodes: Map<string, GraphNode>, base: string, problems: ProblemCollector): void {
  const at = (id: string, suffix = '') => `${base}/nodes/${id}${suffix}`
  const known = (id: string) => nodes.has(id)
  if (!known(start)) problems.add(`${base}/start`, `the start node "${start}" does not exist`)
  for (const [id, node] of nodes) {
    for (const exit of node.exits) {
      if (!known(exit.target)) problems.add(at(id, exit.pointer), `node "${id}" points to "${exit.target}", which does not exist`)
    }
    if (!node.terminal && (node.missingExits.length > 0 || node.exits.length === 0)) {
      const missing = node.missingExits.length > 0 ? `it has no ${node.missingExits.map((m) => `"${m}"`).join(' or ')}` : 'it has no exits'
      problems.add(at(id), `node "${id}" (${node.kind}) is a dead end: ${missing}`)
    }
  }
  if (!known(start) || problems.hasErrors) return
  const successors = (id: string) => nodes.get(id)!.exits.map((e) => e.target).filter(known)

  const reachable = new Set<string>([start])
  const stack = [start]
  while (stack.length) for (const next of successors(stack.pop()!)) if (!reachable.has(next)) { reachable.add(next); stack.push(next) }
  for (const id of nodes.keys()) if (!reachable.has(id)) problems.add(at(id), `node "${id}" cannot be reached from the start "${start}"`)

  for (const cycle of cyclesWithoutInput(nodes, successors)) {
    problems.add(at(cycle[0]), `node "${cycle[0]}" is in a loop that no caller input can leave: ${[...cycle, cycle[0]].join(' → ')}`)
  }

  // Backwards from the terminals: every reachable node must be able to get to one.
  const predecessors = new Map<string, string[]>()
  for (const id of nodes.keys()) for (const next of successors(id)) predecessors.set(next, [...(predecessors.get(next) ?? []), id])
  const canFinish = new Set([...nodes].filter(([, n]) => n.terminal).map(([id]) => id))
  const back = [...canFinish]
  while (back.length) for (const prev of predecessors.get(back.pop()!) ?? []) if (!canFinish.has(prev)) { canFinish.add(prev); back.push(prev) }
  const reported = new Set(problems.errors.map((e) => e.pointer))
  for (const id of reachable) {
    if (!canFinish.has(id) && !reported.has(at(id))) problems.add(at(id), `node "${id}" is in a loop with no way out: no choice from it ever ends the call`)
  }
}

/** Strongly connected parts of the no-input subgraph that hold a cycle (Tarjan), each as a node list. */
function cyclesWithoutInput(nodes: Map<string, GraphNode>, successors: (id: string) => string[]): string[][] {
  const passive = (id: string) => !nodes.get(id)!.waitsForInput
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const found: string[][] = []
  let counter = 0
  const visit = (id: string): void => {
    index.set(id, counter)
    low.set(id, counter++)
    stack.push(id)
    onStack.add(id)
    for (const next of successors(id).filter(passive)) {
      if (!index.has(next)) {
        visit(next)
        low.set(id, Math.min(low.get(id)!, low.get(next)!))
      } else if (onStack.has(next)) low.set(id, Math.min(low.get(id)!, index.get(next)!))
    }
    if (low.get(id) !== index.get(id)) return
    const part: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      part.unshift(member)
    } while (member !== id)
    if (part.length > 1 || successors(id).includes(id)) found.push(part)
  }
  for (const id of nodes.keys()) if (passive(id) && !index.has(id)) visit(id)
  return found
}
