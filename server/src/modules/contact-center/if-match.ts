import { fieldError } from '../../errors.js'

/** If-Match as records take it: `"3"`, `W/"3"` or `*` (undefined: no precondition). */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined
  const match = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(header)
  if (!match) throw fieldError('/headers/if-match', 'must be an ETag from a previous read, like "3"')
  return Number(match[1])
}
