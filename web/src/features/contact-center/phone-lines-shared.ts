/** Query keys of the phone-lines screen; a line's flow sits under its line so revoking clears both. */
export const PHONE_LINE_KEYS = {
  lines: ['contact-center', 'phone-lines'],
  flow: (lineId: string) => ['contact-center', 'phone-lines', lineId, 'ivr-flow'],
  flows: ['contact-center', 'ivr-flows'],
} as const

/** Blocked numbers as typed: one per line or comma-separated, blanks dropped. */
export const splitNumbers = (text: string) => text.split(/[,\n]/).map((part) => part.trim()).filter(Boolean)
