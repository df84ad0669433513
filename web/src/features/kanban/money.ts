/**
 * Exact decimal arithmetic on money strings (the API's `"1234.50"`): weighted amounts are
 * amount × probability / 100 in integer micro-units, never binary floats.
 */
const MICROS = 1_000_000n
const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,6}))?$/

function toMicros(amount: string): bigint | null {
  const match = DECIMAL.exec(amount.trim())
  if (!match) return null
  const micros = BigInt(match[2]) * MICROS + BigInt((match[3] ?? '').padEnd(6, '0'))
  return match[1] ? -micros : micros
}

function fromMicros(micros: bigint): string {
  const negative = micros < 0n
  const abs = negative ? -micros : micros
  const fraction = (abs % MICROS).toString().padStart(6, '0').replace(/0+$/, '')
  return `${negative ? '-' : ''}${abs / MICROS}${fraction ? `.${fraction}` : ''}`
}

/** Rounds half away from zero. */
function divideRounded(value: bigint, divisor: bigint): bigint {
  const quotient = value / divisor
  const remainder = value % divisor
  const abs = remainder < 0n ? -remainder : remainder
  return 2n * abs >= divisor ? quotient + (value < 0n ? -1n : 1n) : quotient
}

/** `amount × percent / 100`, exact to a millionth; percent may have up to 6 decimals. */
export function weightedAmount(amount: string, percent: number): string | null {
  const micros = toMicros(amount)
  if (micros === null || !Number.isFinite(percent)) return null
  const scaledPercent = BigInt(Math.round(percent * 1_000_000))
  return fromMicros(divideRounded(micros * scaledPercent, 100n * MICROS))
}

/** `a + b` (or `a − b`) of two decimal strings, exactly. */
export function addAmounts(a: string, b: string, sign: 1 | -1 = 1): string | null {
  const x = toMicros(a)
  const y = toMicros(b)
  return x === null || y === null ? null : fromMicros(x + (sign === 1 ? y : -y))
}
