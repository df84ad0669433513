/**
 * Small pieces the ACD configuration screens share: query keys, the server's field problems by
 * pointer, and number parsing for the seconds/level inputs (empty → undefined, never NaN).
 */
import { isApiError } from '../../api/client.js'

export const ACD_KEYS = {
  skills: ['contact-center', 'acd', 'skills'],
  queues: ['contact-center', 'acd', 'queues'],
  agents: ['contact-center', 'acd', 'agents'],
  rules: ['contact-center', 'acd', 'rules'],
  me: ['contact-center', 'acd', 'me'],
} as const

/** The server's detail for one pointer (`/overflow/queueId`), shown under that input. */
export const problemAt = (error: unknown, pointer: string): string | undefined =>
  isApiError(error) ? error.errors.find((problem) => problem.pointer === pointer)?.detail : undefined

/** The first problem at `pointer` or below it (`/match/personField/values/3`). */
export const problemUnder = (error: unknown, pointer: string): string | undefined =>
  isApiError(error) ? error.errors.find((problem) => problem.pointer === pointer || problem.pointer.startsWith(`${pointer}/`))?.detail : undefined

/** Problems whose pointer no input shows (or a problem without pointers), for an alert above the form. */
export function otherProblems(error: unknown, shown: (pointer: string) => boolean): string[] {
  if (!error) return []
  if (!isApiError(error)) return [error instanceof Error ? error.message : String(error)]
  if (error.errors.length === 0) return [error.message]
  return error.errors.filter((problem) => !shown(problem.pointer)).map((problem) => `${problem.pointer}: ${problem.detail}`)
}

/** An integer typed into a number input, or undefined when empty or not a number. */
export function intOf(text: string): number | undefined {
  if (text.trim() === '') return undefined
  const value = Number(text)
  return Number.isInteger(value) ? value : undefined
}
