/**
 * The Twilio side of an IVR turn (docs/decisions/024-ivr-on-live-calls.md): prompts as `<Say>`
 * in the flow's language (or `<Play>` of the prompt's recording), a menu or lookup as a
 * `<Gather>` whose action comes back to the adapter with `?step=ivr&node=<id>&n=<inputs so far>`
 * (`n` makes a retried request harmless), `actionOnEmptyResult` so silence also comes back
 * (it counts as a wrong key). Menus may use `#` as a key, so only lookups finish on `#`.
 */
import type { IvrPrompt, IvrTurn } from '../ivr-port.js'
import { responseOf, xml, type TwimlUrls } from './twiml.js'

/** Twilio `<Say>` voices per content language (Persian has none of Twilio's basic voices: record its prompts). */
const SAY_LANGUAGE: Record<string, string> = { en: 'en-US', ru: 'ru-RU', fa: 'fa-IR', lt: 'lt-LT' }

export function twimlPrompts(prompts: IvrPrompt[], language: string): string {
  return prompts.map((p) => (p.audioUrl
    ? `<Play>${xml(p.audioUrl)}</Play>`
    : p.text.trim() === '' ? '' : `<Say language="${SAY_LANGUAGE[language] ?? 'en-US'}">${xml(p.text)}</Say>`)).join('')
}

/** TwiML for a turn that waits for keys. */
export function twimlGather(turn: IvrTurn, urls: TwimlUrls): string {
  if (turn.end.kind !== 'gather') throw new Error('twimlGather needs a turn that gathers')
  const { node, numDigits, timeoutSeconds, finishOnKey } = turn.end
  const action = `${urls.ivr}&node=${encodeURIComponent(node)}&n=${turn.inputCount}`
  return responseOf(`<Gather input="dtmf" numDigits="${numDigits}" timeout="${timeoutSeconds}" finishOnKey="${finishOnKey ?? ''}" action="${xml(action)}" method="POST" actionOnEmptyResult="true">${twimlPrompts(turn.prompts, turn.language)}</Gather>`)
}
