/**
 * The `defaultCountry` import option: the country whose numbering plan reads phone numbers
 * written without a +country prefix ("8 612 34567" in a Lithuanian file), instead of the
 * workspace's default. A phone field's own defaultCountry option still wins: it is more specific.
 */
import { isSupportedCountry } from 'libphonenumber-js'
import { fieldError } from '../../errors.js'
import type { RecordContext } from '../../engine/records.js'

/** `lt` → `LT`; a code libphonenumber does not know (ISO 3166-1 alpha-2 with a numbering plan) is refused at `pointer`. */
export function checkDefaultCountry(value: string | undefined, pointer: string): string | undefined {
  if (value === undefined) return undefined
  const code = value.trim().toUpperCase()
  if (!/^[A-Z]{2}$/.test(code) || !isSupportedCountry(code)) throw fieldError(pointer, `${JSON.stringify(value.slice(0, 20))} is not a country code with a phone numbering plan (ISO 3166-1 alpha-2, such as LT)`)
  return code
}

/** The record context the job writes with: its phones parse with `country` when given. */
export const withDefaultCountry = (ctx: RecordContext, country: string | undefined): RecordContext =>
  (country ? { ...ctx, parse: { ...ctx.parse, defaultCountry: country } } : ctx)
