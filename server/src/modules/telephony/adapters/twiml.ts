/**
 * The Twilio side of executing the ACD's commands: TwiML for the voice webhook.
 * - queue → `<Enqueue>` with a waitUrl (`?step=wait`) and an action (`?step=left`): while the
 *   caller waits Twilio polls the waitUrl, which answers `<Leave/>` once an agent is assigned
 *   (or a `<Gather>` offering a callback once the queue offers one); the action then dials.
 * - bridge → `<Dial>` with `<Client>`, `<Sip>` or `<Number>` for the agent's endpoint (an
 *   `extension` is a PBX dial string Twilio cannot ring, so the caller stays enqueued).
 * - reject → `<Reject reason="busy"/>`; hangup → `<Hangup/>` (after a thank-you for a callback).
 * Every value is XML-escaped; the prompts are plain English (TwiML `<Say>`), a known limit.
 */
import type { CallCommand } from '../../../../../contracts/contact-center-telephony.js'

export const TWIML_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>'
/** Seconds of silence between waitUrl polls while no agent is free. */
export const WAIT_POLL_SECONDS = 3
export const CALLBACK_DIGIT = '1'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }
export const xml = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c])
export const responseOf = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`
const response = responseOf

export interface TwimlUrls { wait: string; left: string; callback: string; /** The IVR's Gather action, `…?step=ivr` (adapters/twiml-ivr.ts adds node and count). */ ivr: string }

const DIAL_NOUN: Record<string, string | undefined> = { client: 'Client', sip: 'Sip', number: 'Number' }

function enqueue(queue: string, urls: TwimlUrls): string {
  return `<Enqueue waitUrl="${xml(urls.wait)}" waitUrlMethod="POST" action="${xml(urls.left)}" method="POST">${xml(queue)}</Enqueue>`
}

/** TwiML for the caller's own leg (voice URL and the Enqueue action); `lead` (an IVR's last prompts) is said first. */
export function twimlFor(command: CallCommand, urls: TwimlUrls, lead = ''): string {
  const response = (body: string) => responseOf(lead + body)
  switch (command.action) {
    case 'bridge': {
      const noun = DIAL_NOUN[command.endpointKind]
      if (!noun) return response(enqueue(command.queue ?? 'default', urls))
      return response(`<Dial><${noun}>${xml(command.endpoint)}</${noun}></Dial>`)
    }
    case 'queue': return response(enqueue(command.queue, urls))
    case 'reject': return response(`<Reject reason="${command.reason}"/>`)
    case 'hangup': return response(command.reason === 'callbackRequested' ? '<Say>Thank you. We will call you back.</Say><Hangup/>' : '<Hangup/>')
    case 'continue': return lead ? response('') : TWIML_EMPTY
    case 'prompt': return response(command.audioUrl ? `<Play>${xml(command.audioUrl)}</Play>` : `<Say>${xml(command.text ?? '')}</Say>`)
  }
}

/** TwiML for the waitUrl: leave the queue when the ACD has moved the call on, else wait (and offer a callback). */
export function twimlWhileWaiting(command: CallCommand, urls: TwimlUrls): string {
  const holds = command.action === 'queue' || (command.action === 'bridge' && !DIAL_NOUN[command.endpointKind])
  if (!holds) return response('<Leave/>')
  if (command.action === 'queue' && command.callbackOffered) {
    return response(`<Gather numDigits="1" timeout="${WAIT_POLL_SECONDS}" action="${xml(urls.callback)}" method="POST"><Say>To be called back instead of waiting, press ${CALLBACK_DIGIT}.</Say></Gather>`)
  }
  return response(`<Pause length="${WAIT_POLL_SECONDS}"/>`)
}
