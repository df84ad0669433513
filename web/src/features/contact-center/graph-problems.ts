/**
 * Maps a refused save's problems onto the editor: `/definition/nodes/<id>/…` goes to that node,
 * everything else to the flow or script as a whole.
 */
import { isApiError } from '../../api/client.js'

export interface GraphProblems {
  byNode: Map<string, string[]>
  general: string[]
}

const NODE_POINTER = /^\/definition\/nodes\/([^/]+)/

export function graphProblemsOf(error: unknown): GraphProblems {
  const byNode = new Map<string, string[]>()
  const general: string[] = []
  if (!isApiError(error)) return { byNode, general: error ? [String(error instanceof Error ? error.message : error)] : [] }
  if (error.errors.length === 0) general.push(error.message)
  for (const problem of error.errors) {
    const node = NODE_POINTER.exec(problem.pointer)?.[1]
    if (node) byNode.set(node, [...(byNode.get(node) ?? []), problem.detail])
    else general.push(`${problem.pointer}: ${problem.detail}`)
  }
  return { byNode, general }
}

/** A node id not yet used: `${prefix}1`, `${prefix}2`, … */
export function freshId(prefix: string, taken: Record<string, unknown>): string {
  for (let i = 1; ; i++) if (!(`${prefix}${i}` in taken)) return `${prefix}${i}`
}
