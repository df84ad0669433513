/** E.164 mobile and landline numbers for the demo countries. */
import type { Mulberry32 } from './demo-random.js'
import { EN, FA, RU } from './demo-locales.js'
import { CITIES, US_CITIES } from './demo-places.js'

const CALLING_CODE = ['+1', '+7', '+98', '+370']
const RU_MOBILE = [901, 903, 905, 906, 909, 910, 911, 912, 913, 915, 916, 917, 918, 919, 920, 921, 925, 926, 927,
  929, 931, 937, 950, 951, 952, 953, 960, 961, 962, 964, 965, 977, 978, 980, 981, 985, 987, 988, 991, 999]
const IR_MOBILE = [910, 911, 912, 912, 912, 913, 914, 915, 916, 917, 918, 919, 930, 933, 935, 936, 937, 938, 939]
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

// Phone numbers are built as "<cached prefix string>" + <7-digit integer>: small
// integers stringify fast (Smi), while 10–11 digit doubles take V8's slow path.
const US_AREA_PREFIX: string[] = []
for (const c of US_CITIES) for (const a of c.phone) US_AREA_PREFIX[a] = '+1' + a
const RU_MOBILE_PREFIX = RU_MOBILE.map((m) => '+7' + m)
const IR_MOBILE_PREFIX = IR_MOBILE.map((m) => '+98' + m)

/** Exchange + line of a US number (NXX-XXXX, 7 digits), avoiding N11 and 555 exchanges. */
function usLocal(r: Mulberry32): number {
  let ex = 200 + r.int(800)
  if (ex % 100 === 11 || ex === 555) ex++
  return ex * 1e4 + r.int(1e4)
}
/** E.164 mobile number for a country (index) and city. */
export function mobilePhone(r: Mulberry32, country: number, city: number): string {
  switch (country) {
    case EN: { const a = US_CITIES[city].phone; return US_AREA_PREFIX[a[r.int(a.length)]] + usLocal(r) }
    case RU: return RU_MOBILE_PREFIX[r.int(RU_MOBILE.length)] + (1e6 + r.int(9e6))
    case FA: return IR_MOBILE_PREFIX[r.int(IR_MOBILE.length)] + (1e6 + r.int(9e6))
    default: return '+3706' + (1e6 + r.int(9e6))
  }
}
/** E.164 landline number for a city. */
export function landlinePhone(r: Mulberry32, country: number, city: number): string {
  const spec = CITIES[country][city].phone
  if (country === EN) return US_AREA_PREFIX[spec[r.int(spec.length)]] + usLocal(r)
  const digits = spec[1]
  const unit = POW10[digits - 1]
  return CALLING_CODE[country] + (spec[0] * POW10[digits] + (spec[2] + r.int(10 - spec[2])) * unit + r.int(unit))
}
