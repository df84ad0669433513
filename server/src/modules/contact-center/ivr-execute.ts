/**
 * Runs an IVR flow against a sequence of caller inputs, as an adapter would: prompts are said,
 * menus take one input each (a wrong key or silence repeats the menu up to `retries` times,
 * then `onFail` or a hang-up), business hours are read at `at` in the flow's time zone, and
 * lookups take an input as the number to look up. The result is the path and the final action.
 */
import type { IvrAction, IvrDefinition, IvrNode, IvrSimulation, IvrStep, Prompt } from '../../../../contracts/contact-center-content.js'
import { WEEKDAYS } from '../../../../contracts/contact-center-content.js'

export const DEFAULT_MENU_RETRIES = 2
/** Loops through menus are allowed (the caller may press 9 forever); the replay stops here. */
const MAX_STEPS = 500

export interface LookupAnswer {
  found: boolean
  answer: Record<string, unknown> | null
}

export interface RunOptions {
  at: Date
  language: string
  lookup(node: Extract<IvrNode, { type: 'lookup' }>, entered: string): Promise<LookupAnswer>
}

/** Splits `"1, 3,,12345#"` into inputs; an empty item is silence (a timeout). */
export function parseInputs(digits: string): string[] {
  if (digits.trim() === '') return []
  return digits.split(',').map((d) => d.replace(/\s+/g, ''))
}

const weekdayIndex: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 }

/** The local date, weekday and HH:MM of an instant in a time zone. */
export function localTime(at: Date, timeZone: string): { date: string; weekday: (typeof WEEKDAYS)[number]; time: string } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at).map((p) => [p.type, p.value]))
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: WEEKDAYS[weekdayIndex[parts.weekday]], time: `${parts.hour}:${parts.minute}` }
}

export function isOpen(node: Extract<IvrNode, { type: 'hours' }>, at: Date, timeZone: string): boolean {
  const local = localTime(at, timeZone)
  if (node.holidays?.includes(local.date)) return false
  return (node.weekly[local.weekday] ?? []).some(([from, to]) => local.time >= from && local.time < to)
}

const said = (prompt: Prompt | undefined, language: string) => prompt ? (prompt.text[language] ?? '') : undefined

export async function runIvr(definition: IvrDefinition, inputs: string[], options: RunOptions): Promise<Omit<IvrSimulation, 'version'>> {
  const path: IvrStep[] = []
  const lookups: IvrSimulation['lookups'] = []
  const queue = [...inputs]
  let id = definition.start
  let retried = 0 // wrong keys or silences at the current visit of a menu
  const finish = (action: IvrAction) => ({ path, action, lookups })
  while (path.length < MAX_STEPS) {
    const node = definition.nodes[id]
    const step: IvrStep = { node: id, type: node.type, said: 'prompt' in node ? said(node.prompt, options.language) : undefined }
    path.push(step)
    switch (node.type) {
      case 'prompt': id = node.next!; break
      case 'hours': {
        const open = isOpen(node, options.at, definition.timeZone)
        step.via = open ? 'open' : 'closed'
        id = (open ? node.open : node.closed)!
        break
      }
      case 'menu': {
        if (queue.length === 0) return finish({ kind: 'incomplete', node: id, reason: 'waiting-for-input' })
        const input = queue.shift()!
        step.input = input
        const target = input.length === 1 && Object.hasOwn(node.choices, input) ? node.choices[input] : undefined
        if (target !== undefined) {
          step.via = input
          retried = 0
          id = target
          break
        }
        if (++retried <= (node.retries ?? DEFAULT_MENU_RETRIES)) {
          step.via = 'retry'
          break // the same node again
        }
        step.via = 'fail'
        retried = 0
        if (!node.onFail) return finish({ kind: 'hangup', node: id })
        id = node.onFail
        break
      }
      case 'lookup': {
        if (queue.length === 0) return finish({ kind: 'incomplete', node: id, reason: 'waiting-for-input' })
        const entered = queue.shift()!.replace(/#+$/, '').slice(0, node.maxDigits ?? 20)
        step.input = entered
        const result = entered === '' ? { found: false, answer: null } : await options.lookup(node, entered)
        lookups.push({ node: id, entered, ...result })
        step.via = result.found ? 'found' : 'notFound'
        id = (result.found ? node.found : node.notFound)!
        break
      }
      case 'queue': return finish({ kind: 'queue', node: id, queue: node.queue, skills: node.skills ?? [], priority: node.priority ?? 0 })
      case 'voicemail': return finish({ kind: node.mode, node: id, queue: node.queue ?? null })
      case 'hangup': return finish({ kind: 'hangup', node: id })
    }
  }
  return finish({ kind: 'incomplete', node: id, reason: 'step-limit' })
}
