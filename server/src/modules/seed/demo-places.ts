/**
 * Demo cities per country (weighted by size, with postcode ranges and landline
 * codes), street names and address/postcode generation.
 */
import { cdf, HALF, p, pickSkew, type Mulberry32 } from './demo-random.js'
import { EN, FA, FA_NUM, RU, words } from './demo-locales.js'

export interface City {
  name: string
  lat: number
  lng: number
  weight: number
  /** Numeric postcode range (US/RU/LT) or 2-digit prefixes (IR). */
  postcode: [number, number] | string[]
  /** US: area codes (landline and mobile). Others: landline [prefix, subscriberDigits, minFirstDigit]. */
  phone: number[]
}
export const US_CITIES: City[] = [
  { name: 'New York', lat: 40.7128, lng: -74.006, weight: 18, postcode: [10001, 10282], phone: [212, 646, 917, 332] },
  { name: 'Los Angeles', lat: 34.0522, lng: -118.2437, weight: 10, postcode: [90001, 90089], phone: [213, 323, 310, 424] },
  { name: 'Chicago', lat: 41.8781, lng: -87.6298, weight: 9, postcode: [60601, 60661], phone: [312, 773, 872] },
  { name: 'Houston', lat: 29.7604, lng: -95.3698, weight: 7, postcode: [77001, 77099], phone: [713, 832, 281] },
  { name: 'Phoenix', lat: 33.4484, lng: -112.074, weight: 4, postcode: [85001, 85054], phone: [602, 480] },
  { name: 'Philadelphia', lat: 39.9526, lng: -75.1652, weight: 5, postcode: [19102, 19154], phone: [215, 267] },
  { name: 'San Diego', lat: 32.7157, lng: -117.1611, weight: 4, postcode: [92101, 92199], phone: [619, 858] },
  { name: 'Dallas', lat: 32.7767, lng: -96.797, weight: 6, postcode: [75201, 75398], phone: [214, 469, 972] },
  { name: 'Austin', lat: 30.2672, lng: -97.7431, weight: 5, postcode: [78701, 78759], phone: [512, 737] },
  { name: 'San Francisco', lat: 37.7749, lng: -122.4194, weight: 8, postcode: [94102, 94134], phone: [415, 628] },
  { name: 'Seattle', lat: 47.6062, lng: -122.3321, weight: 6, postcode: [98101, 98199], phone: [206] },
  { name: 'Denver', lat: 39.7392, lng: -104.9903, weight: 4, postcode: [80202, 80239], phone: [303, 720] },
  { name: 'Boston', lat: 42.3601, lng: -71.0589, weight: 6, postcode: [2108, 2137], phone: [617, 857] },
  { name: 'Atlanta', lat: 33.749, lng: -84.388, weight: 5, postcode: [30301, 30361], phone: [404, 470, 678] },
  { name: 'Miami', lat: 25.7617, lng: -80.1918, weight: 5, postcode: [33101, 33199], phone: [305, 786] },
  { name: 'Washington', lat: 38.9072, lng: -77.0369, weight: 4, postcode: [20001, 20099], phone: [202] },
  { name: 'Minneapolis', lat: 44.9778, lng: -93.265, weight: 3, postcode: [55401, 55488], phone: [612] },
  { name: 'Portland', lat: 45.5152, lng: -122.6784, weight: 3, postcode: [97201, 97299], phone: [503, 971] },
]
const RU_CITIES: City[] = [
  { name: 'Москва', lat: 55.7558, lng: 37.6173, weight: 30, postcode: [101000, 129348], phone: [495, 7, 2] },
  { name: 'Санкт-Петербург', lat: 59.9343, lng: 30.3351, weight: 14, postcode: [190000, 199406], phone: [812, 7, 2] },
  { name: 'Новосибирск', lat: 55.0084, lng: 82.9357, weight: 5, postcode: [630000, 630559], phone: [383, 7, 2] },
  { name: 'Екатеринбург', lat: 56.8389, lng: 60.6057, weight: 5, postcode: [620000, 620149], phone: [343, 7, 2] },
  { name: 'Казань', lat: 55.7963, lng: 49.1088, weight: 5, postcode: [420000, 420140], phone: [843, 7, 2] },
  { name: 'Нижний Новгород', lat: 56.2965, lng: 43.9361, weight: 4, postcode: [603000, 603163], phone: [831, 7, 2] },
  { name: 'Самара', lat: 53.1959, lng: 50.1002, weight: 3, postcode: [443000, 443125], phone: [846, 7, 2] },
  { name: 'Ростов-на-Дону', lat: 47.2357, lng: 39.7015, weight: 3, postcode: [344000, 344113], phone: [863, 7, 2] },
  { name: 'Краснодар', lat: 45.0355, lng: 38.9753, weight: 4, postcode: [350000, 350089], phone: [861, 7, 2] },
  { name: 'Пермь', lat: 58.0105, lng: 56.2502, weight: 3, postcode: [614000, 614113], phone: [342, 7, 2] },
  { name: 'Воронеж', lat: 51.672, lng: 39.1843, weight: 3, postcode: [394000, 394095], phone: [473, 7, 2] },
  { name: 'Владивосток', lat: 43.1198, lng: 131.8869, weight: 2, postcode: [690000, 690109], phone: [423, 7, 2] },
]
// Iranian postcodes: 10 digits, the first five never contain 0 or 2.
const IR_CITIES: City[] = [
  { name: 'تهران', lat: 35.6892, lng: 51.389, weight: 35, postcode: ['13', '14', '15', '16', '19'], phone: [21, 8, 2] },
  { name: 'مشهد', lat: 36.2605, lng: 59.6168, weight: 10, postcode: ['91'], phone: [51, 8, 2] },
  { name: 'اصفهان', lat: 32.6546, lng: 51.668, weight: 9, postcode: ['81'], phone: [31, 8, 2] },
  { name: 'کرج', lat: 35.84, lng: 50.9391, weight: 6, postcode: ['31'], phone: [26, 8, 2] },
  { name: 'شیراز', lat: 29.5918, lng: 52.5837, weight: 7, postcode: ['71'], phone: [71, 8, 2] },
  { name: 'تبریز', lat: 38.08, lng: 46.2919, weight: 7, postcode: ['51'], phone: [41, 8, 2] },
  { name: 'قم', lat: 34.6416, lng: 50.8746, weight: 4, postcode: ['37'], phone: [25, 8, 2] },
  { name: 'اهواز', lat: 31.3183, lng: 48.6706, weight: 4, postcode: ['61'], phone: [61, 8, 2] },
  { name: 'کرمانشاه', lat: 34.3142, lng: 47.065, weight: 3, postcode: ['67'], phone: [83, 8, 2] },
  { name: 'رشت', lat: 37.2808, lng: 49.5832, weight: 3, postcode: ['41'], phone: [13, 8, 2] },
  { name: 'یزد', lat: 31.8974, lng: 54.3569, weight: 3, postcode: ['89'], phone: [35, 8, 2] },
  { name: 'کرمان', lat: 30.2839, lng: 57.0834, weight: 3, postcode: ['76'], phone: [34, 8, 2] },
]
const LT_CITIES: City[] = [
  { name: 'Vilnius', lat: 54.6872, lng: 25.2797, weight: 40, postcode: [1001, 14200], phone: [52, 6, 0] },
  { name: 'Kaunas', lat: 54.8985, lng: 23.9036, weight: 22, postcode: [44001, 52500], phone: [37, 6, 2] },
  { name: 'Klaipėda', lat: 55.7033, lng: 21.1443, weight: 12, postcode: [91001, 95500], phone: [46, 6, 2] },
  { name: 'Šiauliai', lat: 55.9349, lng: 23.3137, weight: 8, postcode: [76001, 78500], phone: [41, 6, 2] },
  { name: 'Panevėžys', lat: 55.7348, lng: 24.3575, weight: 7, postcode: [35001, 37500], phone: [45, 6, 2] },
  { name: 'Alytus', lat: 54.3963, lng: 24.0459, weight: 4, postcode: [62001, 63500], phone: [315, 5, 2] },
]
export const CITIES: City[][] = [US_CITIES, RU_CITIES, IR_CITIES, LT_CITIES]
export const CITY_CDF: number[][] = CITIES.map((list) => cdf(list.map((c) => c.weight)))

const US_STREETS = words(`Main Oak Pine Maple Cedar Elm Washington Lake Hill Park Market Madison Jefferson Lincoln
  Franklin Sunset River Mission Spring Highland Church Walnut Chestnut Lexington Columbus Broad Center Union Liberty Harbor`)
const US_STREET_TYPES = words('St Ave Blvd Rd Dr Ln Way Pl St Ave')
// Genitive names combine with any street type; adjectives agree with "улица" (feminine) only.
const RU_STREETS_NOUN = words('Ленина Мира Гагарина Пушкина Победы Кирова Горького Чехова Лермонтова Строителей Мичурина Королёва')
const RU_STREETS_ADJ = words('Советская Садовая Лесная Школьная Московская Центральная Октябрьская Молодёжная Заводская Набережная')
const RU_NOUN_TYPES = ['ул.', 'ул.', 'пр-т', 'пер.', 'б-р']
const FA_STREETS = ['ولیعصر', 'انقلاب', 'آزادی', 'شریعتی', 'مطهری', 'فردوسی', 'حافظ', 'سعدی', 'بهار', 'جمهوری', 'کشاورز',
  'امام خمینی', 'شهید بهشتی', 'طالقانی', 'ملاصدرا', 'امام رضا', 'نیایش', 'پاسداران']
const LT_STREETS = ['Gedimino pr.', 'Konstitucijos pr.', 'Laisvės al.', 'Vilniaus g.', 'Kauno g.', 'Taikos pr.',
  'Savanorių pr.', 'Ukmergės g.', 'Žalgirio g.', 'Basanavičiaus g.', 'Maironio g.', 'Liepų g.', 'Ąžuolų g.', 'Jūros g.',
  'Pramonės g.', 'Šilo g.', 'Sodų g.', 'Mokyklos g.', 'Dariaus ir Girėno g.', 'Tilžės g.', 'Vytauto g.', 'Respublikos g.']
const IR_POST_DIGITS = '13456789'

export function street(r: Mulberry32, country: number): string {
  switch (country) {
    case EN: {
      const s = String(1 + pickSkew(r, 2999)) + ' ' + US_STREETS[r.int(US_STREETS.length)] + ' ' + US_STREET_TYPES[r.int(US_STREET_TYPES.length)]
      return r.next() < p(0.25) ? s + ', Suite ' + r.range(100, 2400) : s
    }
    case RU: {
      const s = r.next() < HALF
        ? RU_NOUN_TYPES[r.int(RU_NOUN_TYPES.length)] + ' ' + RU_STREETS_NOUN[r.int(RU_STREETS_NOUN.length)]
        : 'ул. ' + RU_STREETS_ADJ[r.int(RU_STREETS_ADJ.length)]
      const house = s + ', д. ' + (1 + pickSkew(r, 150))
      return r.next() < p(0.4) ? house + ', офис ' + r.range(1, 950) : house
    }
    case FA: {
      const s = (r.next() < p(0.7) ? 'خیابان ' : 'بلوار ') + FA_STREETS[r.int(FA_STREETS.length)] + '، پلاک ' + FA_NUM[1 + pickSkew(r, 299)]
      return r.next() < p(0.4) ? s + '، طبقه ' + FA_NUM[r.range(1, 15)] : s
    }
    default: {
      const s = LT_STREETS[r.int(LT_STREETS.length)] + ' ' + (1 + pickSkew(r, 120))
      return r.next() < p(0.25) ? s + '-' + r.range(1, 60) : s
    }
  }
}
export function postcode(r: Mulberry32, country: number, city: City): string {
  const pc = city.postcode
  if (country === FA) {
    const prefixes = pc as string[]
    let s = prefixes[r.int(prefixes.length)]
    for (let k = 0; k < 3; k++) s += IR_POST_DIGITS[r.int(IR_POST_DIGITS.length)]
    return s + String(r.int(100000)).padStart(5, '0')
  }
  const [lo, hi] = pc as [number, number]
  const n = r.range(lo, hi)
  if (country === EN) return String(n).padStart(5, '0')
  if (country === RU) return String(n)
  return 'LT-' + String(n).padStart(5, '0')
}
