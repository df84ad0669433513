/**
 * Deterministic demo dataset for Rapport (`rapport seed --demo`, benchmarks).
 *
 * Pure functions, no I/O, no Date.now(), no Math.random(): the same plan gives
 * byte-identical output on every machine. Only integer arithmetic and basic IEEE
 * operations (+ - * / floor round) are used on the hot paths, which are exactly
 * specified by ECMAScript, so results do not depend on the platform's libm.
 *
 * Design
 * - Each generator has its own PRNG stream derived from `plan.seed` and a
 *   per-generator constant, so generating orders never depends on whether people
 *   were generated first.
 * - People and companies are *counter based*: item i is produced by a PRNG seeded
 *   from (stream, i). That lets orders/opportunities/activities look up "the
 *   company and country of person i" without generating all people, keeping the
 *   cross references consistent (an order's companyIndex is its person's company).
 * - Company names come from a permutation of prefix × suffix (× qualifier)
 *   combinations, which makes domains unique by construction; emails contain the
 *   person index in base 36, which makes them unique by construction.
 * - The hot loops allocate only the returned objects (and their strings); all
 *   lookup tables, price strings and date strings are precomputed.
 */

/* ───────────────────────────── Public types ───────────────────────────── */

export interface DemoAddress { street: string; city: string; postcode: string; country: string; lat: number; lng: number }
export interface DemoCompany { name: string; domain: string; phone: string; address: DemoAddress; industry: string; employees: number }
export interface DemoPerson { firstName: string; lastName: string; email: string; phone: string; jobTitle: string; companyIndex: number | null; language: 'en' | 'ru' | 'fa' | 'lt' }
export interface DemoProduct { name: string; sku: string; category: string; price: string; cost: string }
export interface DemoOpportunity { name: string; amount: string; currency: string; closeDate: string /* YYYY-MM-DD */; pipelineIndex: number; stageIndex: number; companyIndex: number | null; contactIndex: number }
export interface DemoActivity { type: 'call' | 'email' | 'meeting' | 'note' | 'task'; subject: string; body: string; dueAt: string /* ISO datetime Z */; status: 'open' | 'done'; personIndex: number }
export interface DemoOrderLine { productIndex: number; quantity: number; unitPrice: string }
export interface DemoOrder { orderNumber: string; orderDate: string /* YYYY-MM-DD */; personIndex: number; companyIndex: number | null; status: 'paid' | 'shipped' | 'refunded' | 'cancelled'; currency: string; lines: DemoOrderLine[] }
/** `probability` is a percentage, 0–100. */
export interface DemoPipeline { name: string; stages: { name: string; probability: number; closed: 'open' | 'won' | 'lost' }[] }
export interface DemoPlan { seed: number; people: number; companies: number; products: number; opportunities: number; activities: number; ordersPerPerson: number }

export type DemoLanguage = DemoPerson['language']

/* ───────────────────────────── Constants ───────────────────────────── */

/** All dates are relative to this day (UTC), never to the wall clock. */
export const DEMO_REFERENCE_DATE = '2026-11-01'
export const DEMO_DEFAULT_SEED = 20261101
export const DEMO_LANGUAGES: readonly DemoLanguage[] = ['en', 'ru', 'fa', 'lt']
/** ISO 3166 alpha-2 country per language index (en→US, ru→RU, fa→IR, lt→LT). */
export const DEMO_COUNTRIES: readonly string[] = ['US', 'RU', 'IR', 'LT']
/** Currency per country index. */
export const DEMO_CURRENCIES: readonly string[] = ['USD', 'RUB', 'IRR', 'EUR']
/**
 * Fixed demo exchange rates (units of currency per 1 USD) used to derive local
 * prices and amounts. Not real-time rates; use them to normalise demo revenue.
 */
export const DEMO_FX_PER_USD: Readonly<Record<string, number>> = Object.freeze({ USD: 1, RUB: 95, IRR: 1_000_000, EUR: 0.92 })
export const DEMO_INDUSTRIES: readonly string[] = [
  'Software', 'Telecommunications', 'Manufacturing', 'Logistics', 'Retail', 'Financial Services',
  'Healthcare', 'Construction', 'Energy', 'Education', 'Food & Beverage', 'Professional Services',
  'Media', 'Real Estate', 'Agriculture', 'Automotive',
]
/** Products in the catalogue produced by planDemo(). */
export const DEMO_PRODUCT_COUNT = 200

const EN = 0
const RU = 1
const FA = 2
const LT = 3
const ZWNJ = '\u200c'

// Per-generator stream constants (arbitrary, but fixed forever: changing one changes the dataset).
const STREAM_COMPANIES = 0x0c0a9a11
const STREAM_PEOPLE = 0x9e091e55
const STREAM_PRODUCTS = 0x09d0c750
const STREAM_OPPORTUNITIES = 0x0990e7a1
const STREAM_ACTIVITIES = 0x0ac71717
const STREAM_ORDERS = 0x0de5a1e5
const STREAM_NAMING = 0x7a3e5eed

/* ───────────────────────────── PRNG ───────────────────────────── */

const U32 = 4294967296
const INV_U32 = 1 / U32

/** murmur3 fmix32: a bijective 32-bit mixer. */
export function hash32(x: number): number {
  x |= 0
  x ^= x >>> 16
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  x ^= x >>> 16
  return x >>> 0
}

/** Seed of a generator's stream: depends on the plan seed and the generator constant. */
export function streamSeed(seed: number, stream: number): number {
  return hash32((hash32(seed >>> 0) + Math.imul(stream | 0, 0x9e3779b9)) | 0)
}

/** Seed of item i within a stream (counter-based; distinct for distinct i < 2^32). */
function itemSeed(stream: number, i: number): number {
  return hash32((stream + Math.imul(i, 0x9e3779b9)) | 0)
}

/** mulberry32: tiny, fast, good enough for demo data; exact integer maths only. */
export class Mulberry32 {
  private state: number
  constructor(seed = 0) { this.state = seed | 0 }
  /** Restart the stream (no allocation; used for counter-based items). */
  seed(seed: number): void { this.state = seed | 0 }
  /** Uniform uint32. */
  next(): number {
    const s = (this.state = (this.state + 0x6d2b79f5) | 0)
    let t = Math.imul(s ^ (s >>> 15), s | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  /** Uniform in [0, 1). */
  float(): number { return this.next() * INV_U32 }
  /** Uniform integer in [0, n). */
  int(n: number): number { return Math.floor(this.next() * n * INV_U32) }
  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1) * INV_U32) }
}

/** Threshold for `rng.next() < p(x)`, i.e. probability x. */
function p(x: number): number { return Math.floor(x * U32) }
const HALF = p(0.5)

/** Cumulative thresholds for weighted choice with one uint32 draw. */
function cdf(weights: readonly number[]): number[] {
  let total = 0
  for (const w of weights) total += w
  let acc = 0
  const out = weights.map((w) => { acc += w; return Math.floor((acc / total) * U32) })
  out[out.length - 1] = U32
  return out
}
function pickCdf(c: readonly number[], u: number): number {
  let i = 0
  while (u >= c[i]) i++
  return i
}
/** Index in [0, n) skewed towards the start (lists are ordered by popularity): top ≈ 3× bottom. */
function pickSkew(r: Mulberry32, n: number): number {
  const a = r.int(n)
  if (r.next() < HALF) return a
  const b = r.int(n)
  return b < a ? b : a
}
function gcd(a: number, b: number): number {
  while (b) { const t = a % b; a = b; b = t }
  return a
}
/** A multiplier coprime with n near n·φ⁻¹, small enough that (x < n)·A stays exact. */
function coprimeNear(n: number): number {
  if (n <= 2) return 1
  let a = Math.max(1, Math.min(Math.floor(n * 0.6180339887), Math.floor(2 ** 52 / n)))
  while (gcd(a, n) !== 1) a--
  return a
}

/* ───────────────────────────── Dates ───────────────────────────── */

const REF_MS = Date.UTC(2026, 10, 1)
const DAY_MS = 86_400_000
const DAY_MIN = -1100
const DAY_MAX = 400
const DAY_COUNT = DAY_MAX - DAY_MIN + 1
const DAY_STR: string[] = new Array<string>(DAY_COUNT)
const DAY_MONTH = new Uint8Array(DAY_COUNT)
const DAY_WEEKDAY = new Uint8Array(DAY_COUNT)
const DAY_YEAR = new Uint16Array(DAY_COUNT)
for (let k = 0; k < DAY_COUNT; k++) {
  const d = new Date(REF_MS + (k + DAY_MIN) * DAY_MS)
  DAY_STR[k] = d.toISOString().slice(0, 10)
  DAY_MONTH[k] = d.getUTCMonth()
  DAY_WEEKDAY[k] = d.getUTCDay()
  DAY_YEAR[k] = d.getUTCFullYear()
}
const YEAR_STR: string[] = []
for (let y = 2020; y <= 2030; y++) YEAR_STR[y] = String(y)
/** Business-hour slots (UTC), 07:00–17:45 every 15 minutes. */
const TIME_SLOTS: string[] = []
for (let m = 7 * 60; m < 18 * 60; m += 15) {
  TIME_SLOTS.push(`T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00.000Z`)
}
/** YYYY-MM-DD for a day offset relative to the reference date. */
function dayStr(offset: number): string { return DAY_STR[offset - DAY_MIN] }
/** Last 3 years of orders: offsets ORDER_FIRST_DAY..0 inclusive. */
const ORDER_DAYS = 1096
const ORDER_FIRST_DAY = -(ORDER_DAYS - 1)

/* ───────────────────────────── Text helpers ───────────────────────────── */

const RU_LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
}
const LT_LATIN: Record<string, string> = { ą: 'a', č: 'c', ę: 'e', ė: 'e', į: 'i', š: 's', ų: 'u', ū: 'u', ž: 'z' }

/** Lower-case ASCII [a-z] only (for e-mail local parts and domain labels). */
function ascii(s: string, table: Record<string, string> | null): string {
  let out = ''
  for (const ch of s.toLowerCase()) {
    const t = table?.[ch]
    if (t !== undefined) out += t
    else if (ch >= 'a' && ch <= 'z') out += ch
  }
  return out
}
function words(s: string): string[] { return s.trim().split(/\s+/) }
/** 'ک:k|...' → [['ک','k'], ...] (used where Latin forms cannot be derived). */
function pairs(s: string): [string, string][] {
  return s.trim().split(/\s*\|\s*/).map((e) => { const [a, b] = e.split(':'); return [a, b] as [string, string] })
}
const FA_DIGITS = '۰۱۲۳۴۵۶۷۸۹'
/** Persian-digit strings for 0..999 (street numbers, floors). */
const FA_NUM: string[] = []
for (let n = 0; n < 1000; n++) FA_NUM.push(String(n).replace(/\d/g, (d) => FA_DIGITS[Number(d)]))

/** Russian feminine surname: Иванов→Иванова, Ильин→Ильина, Вишневский→Вишневская, Толстой→Толстая; -ко/-их/-ых unchanged. */
export function russianFeminineSurname(m: string): string {
  if (/(ов|ев|ёв|ин|ын)$/.test(m)) return m + 'а'
  if (/(ский|цкий|ской|цкой|ой|ый)$/.test(m)) return m.slice(0, -2) + 'ая'
  return m
}
/** Lithuanian married-woman surname: Kazlauskas→Kazlauskienė, Stankevičius→Stankevičienė, Kairys→Kairienė. */
export function lithuanianMarriedSurname(m: string): string {
  if (m.endsWith('ius')) return m.slice(0, -3) + 'ienė'
  if (/(as|is|ys)$/.test(m)) return m.slice(0, -2) + 'ienė'
  return m
}
/** Lithuanian unmarried-woman surname: Kazlauskas→Kazlauskaitė, Petraitis→Petraitytė, Pocius→Pociūtė. */
export function lithuanianMaidenSurname(m: string): string {
  if (m.endsWith('ius')) return m.slice(0, -3) + 'iūtė'
  if (m.endsWith('as')) return m.slice(0, -2) + 'aitė'
  if (/(is|ys)$/.test(m)) return m.slice(0, -2) + 'ytė'
  return m
}

/* ───────────────────────────── Names ───────────────────────────── */
// Lists are ordered roughly by popularity; pickSkew() favours the start.

const EN_MALE = words(`James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel
  Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason
  Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory
  Alexander Patrick Frank Raymond Jack Jordan Jose Joel Johnny`)
const EN_FEMALE = words(`Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty
  Sandra Margaret Ashley Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Rebecca Sharon Laura
  Cynthia Amy Kathleen Angela Emma Anna Nicole Samantha Katherine Christine Rachel Maria Catherine Heather Olivia
  Julie Joyce Victoria Joanna Joan Josephine Jocelyn`)
const EN_LAST = words(`Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
  Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez
  Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera
  Campbell Mitchell Carter Roberts Phillips Evans Turner Parker Collins Edwards Stewart Morris Murphy Cook Rogers
  Morgan Cooper Peterson Reed Bailey Kelly Howard O'Brien Jordan Johnston`)

const RU_MALE = words(`Александр Сергей Дмитрий Андрей Алексей Максим Евгений Иван Михаил Артём Владимир Николай
  Денис Павел Роман Игорь Олег Илья Никита Кирилл Антон Виктор Юрий Константин Егор Вадим Тимур Григорий Фёдор
  Степан Борис Леонид Пётр Василий Ярослав Матвей Глеб Станислав Руслан Виталий Георгий Даниил`)
const RU_FEMALE = words(`Елена Ольга Наталья Татьяна Ирина Светлана Анна Мария Екатерина Юлия Анастасия Дарья Ксения
  Марина Людмила Галина Валентина Вера Надежда Любовь Полина Алина Виктория Софья Александра Евгения Кристина Алёна
  Оксана Яна Елизавета Варвара Вероника Маргарита Диана Лариса Жанна Тамара Нина Зоя`)
const RU_LAST = words(`Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков
  Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров Зайцев
  Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев
  Киселёв Ильин Максимов Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов
  Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов
  Власов Мельников Денисов Ивашов Ивлев Вишневский Покровский Троицкий Толстой Шевченко Коваленко Бондаренко Черных`)

const FA_MALE = pairs(`محمد:mohammad | علی:ali | حسین:hossein | رضا:reza | مهدی:mehdi | محمدرضا:mohammadreza |
  امیر:amir | حسن:hassan | محمود:mahmoud | محسن:mohsen | مصطفی:mostafa | سعید:saeed | احمد:ahmad | جواد:javad |
  مجید:majid | حمید:hamid | مسعود:masoud | علیرضا:alireza | امید:omid | میلاد:milad | آرش:arash | بابک:babak |
  پویا:pouya | سینا:sina | کیوان:keyvan | نیما:nima | فرهاد:farhad | بهروز:behrouz | کامران:kamran | پرویز:parviz |
  شهرام:shahram | مهران:mehran | بهزاد:behzad | ایمان:iman | یوسف:yousef | داوود:davoud | حمیدرضا:hamidreza |
  محمدحسین:mohammadhossein | کاوه:kaveh | یاسین:yasin`)
const FA_FEMALE = pairs(`فاطمه:fatemeh | زهرا:zahra | مریم:maryam | معصومه:masoumeh | زینب:zeynab | سارا:sara |
  نرگس:narges | لیلا:leila | مینا:mina | نازنین:nazanin | شیرین:shirin | پریسا:parisa | مهسا:mahsa | الهام:elham |
  سمیرا:samira | نیلوفر:niloufar | فرزانه:farzaneh | آزاده:azadeh | سپیده:sepideh | مهناز:mahnaz | ستاره:setareh |
  هانیه:hanieh | کیمیا:kimia | ریحانه:reyhaneh | یگانه:yeganeh | شقایق:shaghayegh | طاهره:tahereh | اکرم:akram |
  منیژه:manijeh | پروانه:parvaneh | آناهیتا:anahita | رویا:roya | سحر:sahar | محبوبه:mahboubeh | محدثه:mohaddeseh |
  مهتاب:mahtab | نگار:negar | ترانه:taraneh | کتایون:katayoun | نسرین:nasrin`)
const FA_LAST = pairs(`محمدی:mohammadi | حسینی:hosseini | رضایی:rezaei | احمدی:ahmadi | کریمی:karimi | موسوی:mousavi |
  جعفری:jafari | کاظمی:kazemi | رحیمی:rahimi | صادقی:sadeghi | هاشمی:hashemi | قاسمی:ghasemi | عباسی:abbasi |
  نوری:nouri | اکبری:akbari | حیدری:heydari | امینی:amini | مرادی:moradi | سلطانی:soltani | یوسفی:yousefi |
  ابراهیمی:ebrahimi | نجفی:najafi | شریفی:sharifi | طاهری:taheri | ملکی:maleki | باقری:bagheri | محمودی:mahmoudi |
  زارعی:zarei | فرهادی:farhadi | کرمانی:kermani | شیرازی:shirazi | تهرانی:tehrani | اصفهانی:esfahani | تبریزی:tabrizi |
  قربانی:ghorbani | عزیزی:azizi | سعیدی:saeedi | رستمی:rostami | نیکزاد:nikzad | فتحی:fathi | صالحی:salehi |
  خسروی:khosravi | بهرامی:bahrami | کیانی:kiani | شجاعی:shojaei | پورمحمدی:pourmohammadi | میرزایی:mirzaei |
  اسدی:asadi | جلالی:jalali | مختاری:mokhtari | یزدانی:yazdani | افشار:afshar | توکلی:tavakoli | رحمانی:rahmani |
  سلیمانی:soleimani | عسگری:asgari | کرمی:karami | نظری:nazari | وحیدی:vahidi | دهقان:dehghan | زمانی:zamani |
  حسن\u200cزاده:hassanzadeh | علی\u200cپور:alipour | قلی\u200cزاده:gholizadeh | نیک\u200cنام:niknam | محسنی:mohseni |
  محمدزاده:mohammadzadeh`)

const LT_MALE = words(`Jonas Tomas Lukas Matas Mantas Darius Andrius Marius Paulius Vytautas Algirdas Gediminas
  Rimantas Saulius Arūnas Giedrius Audrius Tadas Žygimantas Ąžuolas Karolis Domantas Nojus Jokūbas Kęstutis Šarūnas
  Ignas Eimantas Aurimas Rokas Laurynas Julius Vilius Petras Antanas Juozas Kazimieras Mindaugas Dovydas Justinas`)
const LT_FEMALE = words(`Ona Janina Birutė Aldona Rūta Eglė Inga Asta Jurgita Rasa Lina Kristina Gabija Emilija
  Austėja Ugnė Kamilė Gabrielė Greta Justina Ieva Agnė Monika Vaida Laura Simona Dalia Živilė Aušra Vilma Giedrė
  Indrė Dovilė Miglė Jolanta Jovita Joana Rūtenė Daiva Loreta`)
const LT_LAST = words(`Kazlauskas Jankauskas Petrauskas Stankevičius Vasiliauskas Žukauskas Paulauskas Urbonas
  Kavaliauskas Baranauskas Pocius Sakalauskas Navickas Žilinskas Mikalauskas Lukoševičius Ramanauskas Kairys Adomaitis
  Petraitis Rutkauskas Savickas Jonaitis Balčiūnas Bernotas Budrys Čepulis Dambrauskas Daukšas Gedvilas Grigas
  Jakubauskas Jasaitis Kalinauskas Kazakevičius Klimas Lapinskas Malinauskas Markevičius Morkūnas Paškevičius
  Rimkevičius Sabonis Šukys Tamošiūnas Urbonavičius Valančius Vaičiulis Zabielskas Žemaitis Ambrasas Bagdonas Bielskis
  Čiurlionis Gudaitis Janulis Juodis Kučinskas Laurinavičius Marcinkevičius Pakalnis Rakauskas Sinkevičius Šimkūnas
  Tamulis Vitkauskas Zakarauskas Žvirblis Kęstutaitis Vaitkevičius`)

interface NameTable {
  /** [male, female] first names and their ASCII forms. */
  first: [string[], string[]]
  firstAscii: [string[], string[]]
  /** Surname forms; all arrays are parallel (same index = same family name). */
  lastMale: string[]
  lastMaleAscii: string[]
  lastFemale: string[]
  lastFemaleAscii: string[]
  /** Lithuanian only: unmarried-woman forms (lastFemale holds the married -ienė forms). */
  lastMaiden: string[]
  lastMaidenAscii: string[]
}
function nameTable(male: string[], female: string[], last: string[], latin: Record<string, string> | null,
  feminine: (s: string) => string = (s) => s, maiden: (s: string) => string = feminine): NameTable {
  const lf = last.map(feminine)
  const lm = last.map(maiden)
  return {
    first: [male, female],
    firstAscii: [male.map((s) => ascii(s, latin)), female.map((s) => ascii(s, latin))],
    lastMale: last, lastMaleAscii: last.map((s) => ascii(s, latin)),
    lastFemale: lf, lastFemaleAscii: lf.map((s) => ascii(s, latin)),
    lastMaiden: lm, lastMaidenAscii: lm.map((s) => ascii(s, latin)),
  }
}
function faTable(): NameTable {
  const l = FA_LAST.map((x) => x[0])
  const la = FA_LAST.map((x) => x[1])
  return {
    first: [FA_MALE.map((x) => x[0]), FA_FEMALE.map((x) => x[0])],
    firstAscii: [FA_MALE.map((x) => x[1]), FA_FEMALE.map((x) => x[1])],
    lastMale: l, lastMaleAscii: la, lastFemale: l, lastFemaleAscii: la, lastMaiden: l, lastMaidenAscii: la,
  }
}
const NAMES: NameTable[] = [
  nameTable(EN_MALE, EN_FEMALE, EN_LAST, null),
  nameTable(RU_MALE, RU_FEMALE, RU_LAST, RU_LATIN, russianFeminineSurname),
  faTable(),
  nameTable(LT_MALE, LT_FEMALE, LT_LAST, LT_LATIN, lithuanianMarriedSurname, lithuanianMaidenSurname),
]

/** Job titles per language: [male, female] (identical where the language has no gendered titles). */
function titles(list: string[]): [string[], string[]] { return [list, list] }
const JOB_TITLES: [string[], string[]][] = [
  titles(['Sales Manager', 'Account Executive', 'Software Engineer', 'Project Manager', 'Marketing Manager',
    'Operations Manager', 'Office Manager', 'Purchasing Manager', 'Product Manager', 'Customer Success Manager',
    'Business Development Manager', 'Financial Controller', 'HR Manager', 'Logistics Coordinator', 'IT Director',
    'Head of Procurement', 'VP of Sales', 'VP of Marketing', 'CFO', 'CTO', 'COO', 'CEO']),
  titles(['Менеджер по продажам', 'Менеджер по работе с клиентами', 'Инженер-программист', 'Менеджер проектов',
    'Бухгалтер', 'Менеджер по закупкам', 'Маркетолог', 'Офис-менеджер', 'Аналитик', 'Специалист по логистике',
    'HR-менеджер', 'Юрист', 'Руководитель отдела продаж', 'Главный бухгалтер', 'Руководитель IT-отдела',
    'Директор по развитию', 'Коммерческий директор', 'Финансовый директор', 'Технический директор',
    'Генеральный директор']),
  titles(['کارشناس فروش', 'کارشناس پشتیبانی مشتریان', 'برنامه\u200cنویس', 'مدیر پروژه', 'حسابدار', 'کارشناس خرید',
    'کارشناس بازاریابی', 'مسئول دفتر', 'تحلیلگر داده', 'کارشناس لجستیک', 'مدیر منابع انسانی', 'مشاور حقوقی',
    'مدیر فروش', 'مدیر مالی', 'مدیر فناوری اطلاعات', 'مدیر توسعه کسب\u200cوکار', 'مدیر بازرگانی', 'مدیر عملیات',
    'مدیر فنی', 'مدیرعامل']),
  ((): [string[], string[]] => {
    const t: [string, string][] = [
      ['Pardavimų vadybininkas', 'Pardavimų vadybininkė'], ['Klientų aptarnavimo specialistas', 'Klientų aptarnavimo specialistė'],
      ['Programuotojas', 'Programuotoja'], ['Projektų vadovas', 'Projektų vadovė'], ['Buhalteris', 'Buhalterė'],
      ['Pirkimų vadybininkas', 'Pirkimų vadybininkė'], ['Rinkodaros vadybininkas', 'Rinkodaros vadybininkė'],
      ['Administratorius', 'Administratorė'], ['Duomenų analitikas', 'Duomenų analitikė'],
      ['Logistikos specialistas', 'Logistikos specialistė'], ['Personalo vadovas', 'Personalo vadovė'],
      ['Teisininkas', 'Teisininkė'], ['Pardavimų vadovas', 'Pardavimų vadovė'],
      ['Vyriausiasis buhalteris', 'Vyriausioji buhalterė'], ['IT skyriaus vadovas', 'IT skyriaus vadovė'],
      ['Verslo plėtros vadovas', 'Verslo plėtros vadovė'], ['Komercijos direktorius', 'Komercijos direktorė'],
      ['Finansų direktorius', 'Finansų direktorė'], ['Technologijų direktorius', 'Technologijų direktorė'],
      ['Generalinis direktorius', 'Generalinė direktorė'],
    ]
    return [t.map((x) => x[0]), t.map((x) => x[1])]
  })(),
]

/* ───────────────────────────── Places & phones ───────────────────────────── */

interface City {
  name: string
  lat: number
  lng: number
  weight: number
  /** Numeric postcode range (US/RU/LT) or 2-digit prefixes (IR). */
  postcode: [number, number] | string[]
  /** US: area codes (landline and mobile). Others: landline [prefix, subscriberDigits, minFirstDigit]. */
  phone: number[]
}
const US_CITIES: City[] = [
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
const CITIES: City[][] = [US_CITIES, RU_CITIES, IR_CITIES, LT_CITIES]
const CITY_CDF: number[][] = CITIES.map((list) => cdf(list.map((c) => c.weight)))
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
function mobilePhone(r: Mulberry32, country: number, city: number): string {
  switch (country) {
    case EN: { const a = US_CITIES[city].phone; return US_AREA_PREFIX[a[r.int(a.length)]] + usLocal(r) }
    case RU: return RU_MOBILE_PREFIX[r.int(RU_MOBILE.length)] + (1e6 + r.int(9e6))
    case FA: return IR_MOBILE_PREFIX[r.int(IR_MOBILE.length)] + (1e6 + r.int(9e6))
    default: return '+3706' + (1e6 + r.int(9e6))
  }
}
/** E.164 landline number for a city. */
function landlinePhone(r: Mulberry32, country: number, city: number): string {
  const spec = CITIES[country][city].phone
  if (country === EN) return US_AREA_PREFIX[spec[r.int(spec.length)]] + usLocal(r)
  const digits = spec[1]
  const unit = POW10[digits - 1]
  return CALLING_CODE[country] + (spec[0] * POW10[digits] + (spec[2] + r.int(10 - spec[2])) * unit + r.int(unit))
}

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

function street(r: Mulberry32, country: number): string {
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
function postcode(r: Mulberry32, country: number, city: City): string {
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

/* ───────────────────────────── Companies ───────────────────────────── */

interface CompanyLexicon {
  prefixes: string[]
  prefixSlugs: string[]
  suffixes: string[]
  suffixSlugs: string[]
  suffixIndustry: number[]
  qualifiers: string[]
  qualifierSlugs: string[]
  forms: string[]
  formCdf: number[]
  tld: string
  /** prefixes × suffixes, and the permutation multiplier coprime with it. */
  combos: number
  mul: number
}
/** industry name → suffix words ('word' or 'word:slug'). */
type SuffixSpec = Record<string, string>
function lexicon(o: {
  prefixes: string; suffixes: SuffixSpec; qualifiers: string; forms: string[]; formWeights: number[]; tld: string
  latin: Record<string, string> | null
}): CompanyLexicon {
  const split = (s: string): [string, string][] => s.trim().split(/\s*\|\s*/).map((e) => {
    const [w, slug] = e.split(':')
    return [w, slug ?? ascii(w, o.latin)]
  })
  const pre = split(o.prefixes)
  const suf: [string, string, number][] = []
  for (const [industry, list] of Object.entries(o.suffixes)) {
    const idx = DEMO_INDUSTRIES.indexOf(industry)
    if (idx < 0) throw new Error(`unknown industry ${industry}`)
    for (const [w, slug] of split(list)) suf.push([w, slug, idx])
  }
  const qual = split(o.qualifiers)
  const combos = pre.length * suf.length
  return {
    prefixes: pre.map((x) => x[0]), prefixSlugs: pre.map((x) => x[1]),
    suffixes: suf.map((x) => x[0]), suffixSlugs: suf.map((x) => x[1]), suffixIndustry: suf.map((x) => x[2]),
    qualifiers: qual.map((x) => x[0]), qualifierSlugs: qual.map((x) => x[1]),
    forms: o.forms, formCdf: cdf(o.formWeights), tld: o.tld, combos, mul: coprimeNear(combos),
  }
}
const LEXICON: CompanyLexicon[] = [
  lexicon({
    prefixes: `Northwind | Bluebird | Summit | Evergreen | Redwood | Ironclad | Brightline | Keystone | Silverline |
      Granite | Harbor | Pioneer | Frontier | Crescent | Cobalt | Atlas | Beacon | Cascade | Horizon | Meridian | Pinnacle |
      Sterling | Liberty | Oakridge | Riverside | Lakeshore | Westbrook | Eastgate | Highland | Copperfield | Starlight |
      Greenfield | Falcon | Orion | Vertex | Quantum | Nimbus | Aurora | Sapphire | Juniper | Magnolia | Sequoia | Willow |
      Canyon | Prairie | Tidewater | Stonebridge | Fairview | Maplewood | Clearwater | Goldleaf | Bayside | Kingsley |
      Whitfield | Ashford | Bramble | Trident | Polaris | Zenith | Lighthouse`,
    suffixes: {
      'Software': 'Software | Systems | Analytics | Labs | Technologies | Digital',
      'Telecommunications': 'Networks | Telecom',
      'Manufacturing': 'Manufacturing | Industries | Robotics | Fabrication',
      'Logistics': 'Logistics | Freight | Shipping',
      'Retail': 'Retail | Outfitters | Supply',
      'Financial Services': 'Capital | Financial | Insurance',
      'Healthcare': 'Health | Medical | Pharma',
      'Construction': 'Construction | Builders',
      'Energy': 'Energy | Solar | Power',
      'Education': 'Learning | Academy',
      'Food & Beverage': 'Foods | Brewing | Bakery',
      'Professional Services': 'Consulting | Partners | Advisors',
      'Media': 'Media | Studios',
      'Real Estate': 'Realty | Properties',
      'Agriculture': 'Farms | Agritech',
      'Automotive': 'Motors | Auto',
    },
    qualifiers: 'Group | Holdings | International | Global | Worldwide | Enterprises | United | Collective',
    forms: ['', ' Inc.', ' LLC', ' Corp.', ' Ltd.'], formWeights: [35, 25, 25, 8, 7], tld: '.com', latin: null,
  }),
  lexicon({
    prefixes: `Волга | Урал | Сибирь | Байкал | Енисей | Ладога | Кама | Алтай | Амур | Нева | Дон | Ока | Кубань | Таймыр |
      Вектор | Альфа | Гранит | Прогресс | Меридиан | Интер | Техно | Мега | Стандарт | Эталон | Спектр | Орион | Феникс |
      Пульсар | Гелиос | Атлант | Янтарь | Кедр | Сокол | Беркут | Полюс | Арктика | Восток | Север | Стрела | Рубин`,
    suffixes: {
      'Software': 'Софт | Системс | Технологии',
      'Telecommunications': 'Телеком | Связь',
      'Manufacturing': 'Маш | Металл | Пром | Пласт',
      'Logistics': 'Логистик | Транс | Карго',
      'Retail': 'Трейд | Снаб | Маркет',
      'Financial Services': 'Инвест | Финанс | Капитал',
      'Healthcare': 'Фарм | Мед',
      'Construction': 'Строй | Монтаж',
      'Energy': 'Энерго | Нефтегаз',
      'Education': 'Академия',
      'Food & Beverage': 'Продукт | Фуд',
      'Professional Services': 'Консалтинг | Сервис | Групп',
      'Media': 'Медиа',
      'Real Estate': 'Девелопмент | Недвижимость',
      'Agriculture': 'Агро',
      'Automotive': 'Авто | Моторс',
    },
    qualifiers: 'Плюс | Центр | Регион | Сити | Юг | Запад | Лидер | Премиум',
    forms: ['ООО ', 'АО ', 'ПАО '], formWeights: [80, 17, 3], tld: '.ru', latin: RU_LATIN,
  }),
  lexicon({
    prefixes: `پارس:pars | آریا:arya | البرز:alborz | زاگرس:zagros | دماوند:damavand | سپهر:sepehr | مهر:mehr | کاوه:kaveh |
      نوین:novin | کیان:kian | آسمان:aseman | تابان:taban | رایان:rayan | ایرانیان:iranian | خلیج:khalij | سپید:sepid |
      آتیه:atieh | هامون:hamoun | کوثر:kowsar | نگین:negin | آفتاب:aftab | پرشیا:persia | ارغوان:arghavan | بهمن:bahman |
      سیمرغ:simorgh | کارون:karoun | فراز:faraz | سامان:saman | آرمان:arman | مهرگان:mehregan | پیشگام:pishgam | اطلس:atlas`,
    suffixes: {
      'Software': 'تک:tech | پرداز:pardaz | رایانه:rayaneh | افزار:afzar',
      'Telecommunications': 'نت:net | ارتباط:ertebat',
      'Manufacturing': 'صنعت:sanat | فولاد:foulad | الکترونیک:electronic | پلیمر:polymer',
      'Logistics': 'پخش:pakhsh | ترابر:tarabar',
      'Retail': 'تجارت:tejarat | بازرگان:bazargan',
      'Financial Services': 'سرمایه:sarmayeh | بیمه:bimeh',
      'Healthcare': 'دارو:darou | طب:teb',
      'Construction': 'سازه:sazeh | عمران:omran',
      'Energy': 'انرژی:energy | نیرو:niroo',
      'Education': 'آموزش:amoozesh',
      'Food & Beverage': 'غذا:ghaza | نوش:noush',
      'Professional Services': 'گستر:gostar | مشاور:moshaver',
      'Media': 'رسانه:resaneh',
      'Real Estate': 'ملک:melk',
      'Agriculture': 'کشت:kesht',
      'Automotive': 'خودرو:khodro',
    },
    qualifiers: 'شرق:shargh | غرب:gharb | جنوب:jonoub | شمال:shomal | پاسارگاد:pasargad | مرکزی:markazi | آسیا:asia | خاورمیانه:khavarmianeh',
    forms: ['شرکت ', 'گروه ', ''], formWeights: [70, 15, 15], tld: '.ir', latin: null,
  }),
  lexicon({
    prefixes: `Baltijos | Nemuno | Neries | Vilniaus | Kauno | Klaipėdos | Gintaro | Žalgirio | Šiaurės | Rytų | Vakarų |
      Pietų | Pajūrio | Aukštaičių | Žemaitijos | Dzūkijos | Ąžuolo | Saulės | Miško | Jūros | Kopų | Lietuvos | Vyčio |
      Trakų | Rasos | Dainavos | Sūduvos | Kuršių | Ventos | Liepų | Beržų | Gedimino | Vilties | Versmės`,
    suffixes: {
      'Software': 'Sprendimai | Technologijos | Sistemos',
      'Telecommunications': 'Ryšiai',
      'Manufacturing': 'Gamyba | Įranga | Baldai | Metalas',
      'Logistics': 'Logistika | Transportas',
      'Retail': 'Prekyba',
      'Financial Services': 'Investicijos | Finansai',
      'Healthcare': 'Vaistai | Klinika',
      'Construction': 'Statyba | Projektai',
      'Energy': 'Energija',
      'Education': 'Akademija | Mokymai',
      'Food & Beverage': 'Maistas | Pienas',
      'Professional Services': 'Paslaugos | Konsultacijos',
      'Media': 'Medija',
      'Real Estate': 'Turtas',
      'Agriculture': 'Ūkis | Agro',
      'Automotive': 'Automobiliai',
    },
    qualifiers: 'Plius | Grupė | Centras | Baltic | Nord | Pro | LT | Invest',
    forms: ['UAB ', 'AB ', 'MB '], formWeights: [82, 8, 10], tld: '.lt', latin: LT_LATIN,
  }),
]
/** Persian letters that never join to the following letter: no ZWNJ needed after them. */
const FA_NON_JOINING = 'اآأإدذرزژو'

/**
 * Company language/country by index: a fixed 20-slot cycle giving 40% en, 25% ru,
 * 20% fa, 15% lt. Being arithmetic, "rank among companies of the same language"
 * is known without counting, which makes unique names/domains cheap.
 */
const COMPANY_CYCLE = [EN, RU, EN, FA, EN, LT, EN, RU, FA, EN, RU, EN, LT, FA, EN, RU, EN, FA, LT, RU]
const CYCLE_PER_LANG = [0, 0, 0, 0]
const CYCLE_RANK: number[] = COMPANY_CYCLE.map((l) => CYCLE_PER_LANG[l]++)

/** Scratch state for company look-ups (one per generator run; no per-item allocation). */
class CompanyCursor {
  readonly rng = new Mulberry32()
  readonly stream: number
  readonly offsets: number[]
  readonly companies: number
  lang = 0
  prefix = 0
  suffix = 0
  /** 0: plain name; q ≥ 1: the q-th reuse of this prefix×suffix, disambiguated by a qualifier. */
  q = 0
  form = 0
  city = 0
  constructor(plan: DemoPlan) {
    this.stream = streamSeed(plan.seed, STREAM_COMPANIES)
    const naming = streamSeed(plan.seed, STREAM_NAMING)
    this.offsets = LEXICON.map((lx, l) => hash32(naming + l) % lx.combos)
    this.companies = plan.companies
  }
  /** Position the cursor on company c (consumes the first draws of c's own stream). */
  at(c: number): void {
    const pos = c % 20
    const lang = COMPANY_CYCLE[pos]
    const lx = LEXICON[lang]
    const rank = Math.floor(c / 20) * CYCLE_PER_LANG[lang] + CYCLE_RANK[pos]
    const q = Math.floor(rank / lx.combos)
    const k = ((rank - q * lx.combos) * lx.mul + this.offsets[lang]) % lx.combos
    this.lang = lang
    this.prefix = k % lx.prefixes.length
    this.suffix = Math.floor(k / lx.prefixes.length)
    this.q = q
    const r = this.rng
    r.seed(itemSeed(this.stream, c))
    this.form = pickCdf(lx.formCdf, r.next())
    this.city = pickCdf(CITY_CDF[lang], r.next())
  }
  name(): string {
    const lx = LEXICON[this.lang]
    const q = this.q
    const qual = q === 0 ? '' : ' ' + lx.qualifiers[(q - 1) % lx.qualifiers.length] + (q > lx.qualifiers.length ? ' ' + (Math.floor((q - 1) / lx.qualifiers.length) + 1) : '')
    const pre = lx.prefixes[this.prefix]
    const suf = lx.suffixes[this.suffix]
    switch (this.lang) {
      case EN: return pre + ' ' + suf + qual + lx.forms[this.form]
      case FA: return lx.forms[this.form] + pre + (FA_NON_JOINING.includes(pre[pre.length - 1]) ? '' : ZWNJ) + suf + qual
      default: return lx.forms[this.form] + pre + ' ' + suf + qual
    }
  }
  domain(): string {
    const lx = LEXICON[this.lang]
    const q = this.q
    const base = lx.prefixSlugs[this.prefix] + '-' + lx.suffixSlugs[this.suffix]
    if (q === 0) return base + lx.tld
    const n = lx.qualifierSlugs.length
    const rep = Math.floor((q - 1) / n)
    return base + '-' + lx.qualifierSlugs[(q - 1) % n] + (rep > 0 ? String(rep + 1) : '') + lx.tld
  }
}

function employeesFor(r: Mulberry32, c: number, companies: number): number {
  // Low indices are picked more often as employers (see pickCompany), so make them bigger.
  const x = c / companies
  if (x < 0.01) return r.range(1000, 25000)
  if (x < 0.08) return r.range(250, 2500)
  if (x < 0.3) return r.range(50, 600)
  return r.range(8, 200)
}

function jitter(r: Mulberry32, v: number): number {
  return Math.round(v * 1e5 + r.int(10001) - 5000) / 1e5 // ±0.05° around the city centre
}

/** Companies [start, end) of the plan (for chunked/parallel seeding). */
export function* demoCompaniesRange(plan: DemoPlan, start: number, end: number): Generator<DemoCompany> {
  const cur = new CompanyCursor(plan)
  const r = cur.rng
  end = Math.min(end, plan.companies)
  for (let c = Math.max(0, start); c < end; c++) {
    cur.at(c)
    const lang = cur.lang
    const city = CITIES[lang][cur.city]
    const name = cur.name()
    const domain = cur.domain()
    const phone = landlinePhone(r, lang, cur.city)
    const address: DemoAddress = {
      street: street(r, lang),
      city: city.name,
      postcode: postcode(r, lang, city),
      country: DEMO_COUNTRIES[lang],
      lat: jitter(r, city.lat),
      lng: jitter(r, city.lng),
    }
    yield {
      name, domain, phone, address,
      industry: DEMO_INDUSTRIES[LEXICON[lang].suffixIndustry[cur.suffix]],
      employees: employeesFor(r, c, plan.companies),
    }
  }
}

export function* demoCompanies(plan: DemoPlan): Generator<DemoCompany> {
  yield* demoCompaniesRange(plan, 0, plan.companies)
}

/* ───────────────────────────── People ───────────────────────────── */

const EMPLOYED = p(0.85)
/** Share of employees whose language is their company's country language. */
const SAME_LANGUAGE = p(0.9)
const LANG_CDF = cdf([40, 25, 20, 15])
const MARRIED = p(0.6)
const FREE_MAIL = ['example.com', 'example.net', 'example.org']

/** Employer for a person: half uniform, half skewed to low indices (a few large companies). */
function pickCompany(r: Mulberry32, companies: number): number {
  const a = r.int(companies)
  if (r.next() < HALF) return a
  return Math.floor((a * r.int(companies)) / companies)
}

/**
 * Counter-based look-up of person i's employer, language and country (the first
 * draws of person i's own stream), used by every generator that refers to people.
 */
class PersonCursor {
  readonly rng = new Mulberry32()
  readonly stream: number
  readonly companies: number
  company = -1
  lang = 0
  /** Country of the phone/currency: the employer's country, else the language's. */
  country = 0
  female = false
  first = ''
  last = ''
  firstAscii = ''
  lastAscii = ''
  constructor(plan: DemoPlan) {
    this.stream = streamSeed(plan.seed, STREAM_PEOPLE)
    this.companies = plan.companies
  }
  at(i: number): void {
    const r = this.rng
    r.seed(itemSeed(this.stream, i))
    let c = -1
    if (this.companies > 0 && r.next() < EMPLOYED) c = pickCompany(r, this.companies)
    if (c >= 0) {
      this.country = COMPANY_CYCLE[c % 20]
      this.lang = r.next() < SAME_LANGUAGE ? this.country : pickCdf(LANG_CDF, r.next())
    } else {
      this.lang = this.country = pickCdf(LANG_CDF, r.next())
    }
    this.company = c
  }
  /** Continue after at(): draw gender and names. */
  names(): void {
    const r = this.rng
    const t = NAMES[this.lang]
    const g = r.next() < HALF ? 1 : 0
    this.female = g === 1
    const fi = pickSkew(r, t.first[g].length)
    this.first = t.first[g][fi]
    this.firstAscii = t.firstAscii[g][fi]
    const li = pickSkew(r, t.lastMale.length)
    if (g === 0) { this.last = t.lastMale[li]; this.lastAscii = t.lastMaleAscii[li] } else if (this.lang === LT && r.next() >= MARRIED) {
      this.last = t.lastMaiden[li]; this.lastAscii = t.lastMaidenAscii[li]
    } else { this.last = t.lastFemale[li]; this.lastAscii = t.lastFemaleAscii[li] }
  }
}

/** People [start, end) of the plan (for chunked/parallel seeding); identical to the same slice of demoPeople. */
export function* demoPeopleRange(plan: DemoPlan, start: number, end: number): Generator<DemoPerson> {
  // Per-run caches of what people need from their employer (O(companies), not per item).
  const C = plan.companies
  const companyCity = new Uint8Array(C)
  const companyDomain: string[] = new Array<string>(C)
  const cc = new CompanyCursor(plan)
  for (let c = 0; c < C; c++) { cc.at(c); companyCity[c] = cc.city; companyDomain[c] = cc.domain() }

  const pc = new PersonCursor(plan)
  const r = pc.rng
  end = Math.min(end, plan.people)
  for (let i = Math.max(0, start); i < end; i++) {
    pc.at(i)
    pc.names()
    const c = pc.company
    const lang = pc.lang
    const fa = pc.firstAscii
    const la = pc.lastAscii
    let local: string
    const fmt = r.int(10)
    if (fmt < 6) local = fa + '.' + la
    else if (fmt === 6) local = fa[0] + '.' + la
    else if (fmt === 7) local = fa + la
    else if (fmt === 8) local = la + '.' + fa
    else local = fa + '_' + la
    // The final ".<index in base 36>" makes the address unique per person.
    const email = local + '.' + i.toString(36) + '@' + (c >= 0 ? companyDomain[c] : FREE_MAIL[r.int(FREE_MAIL.length)])
    const city = c >= 0 ? companyCity[c] : pickCdf(CITY_CDF[pc.country], r.next())
    const phone = mobilePhone(r, pc.country, city)
    const jobTitles = JOB_TITLES[c >= 0 ? pc.country : lang][pc.female ? 1 : 0]
    yield {
      firstName: pc.first,
      lastName: pc.last,
      email,
      phone,
      jobTitle: jobTitles[pickSkew(r, jobTitles.length)],
      companyIndex: c >= 0 ? c : null,
      language: DEMO_LANGUAGES[lang],
    }
  }
}

export function* demoPeople(plan: DemoPlan): Generator<DemoPerson> {
  yield* demoPeopleRange(plan, 0, plan.people)
}

/* ───────────────────────────── Products ───────────────────────────── */

interface Category { name: string; code: string; items: string[]; variants: string[]; mult: number[]; lo: number; hi: number; deal: string }
const CATEGORIES: Category[] = [
  { name: 'Laptops', code: 'LAP', lo: 650, hi: 1500, deal: 'Laptop refresh',
    items: ['Aero 14 Laptop', 'Vector 15 Laptop', 'Nimbus 13 Ultrabook', 'Titan 16 Workstation', 'Flex 14 2-in-1'],
    variants: ['8 GB / 256 GB', '16 GB / 512 GB', '32 GB / 1 TB', '64 GB / 2 TB'], mult: [1, 1.25, 1.6, 2.2] },
  { name: 'Monitors', code: 'MON', lo: 120, hi: 450, deal: 'Monitor upgrade',
    items: ['ClearView 24" Monitor', 'ClearView 27" Monitor', 'UltraWide 34" Monitor', 'ProColor 27" 4K Monitor', 'Portable 16" Monitor'],
    variants: ['Standard', 'Height-adjustable', 'USB-C', 'USB-C, height-adjustable'], mult: [1, 1.15, 1.2, 1.35] },
  { name: 'Peripherals', code: 'PER', lo: 25, hi: 220, deal: 'Peripherals bundle',
    items: ['Wireless Mouse', 'Mechanical Keyboard', 'USB-C Docking Station', 'HD Webcam', 'Noise-Cancelling Headset'],
    variants: ['Standard', 'Plus', 'Pro', 'Business 5-pack'], mult: [1, 1.3, 1.8, 4.5] },
  { name: 'Networking', code: 'NET', lo: 80, hi: 900, deal: 'Network upgrade',
    items: ['Wi-Fi 6 Access Point', '24-Port Managed Switch', 'Business Firewall', 'Mesh Router Kit', '10G SFP+ Module'],
    variants: ['Lite', 'Standard', 'Pro', 'Enterprise'], mult: [1, 1.4, 2, 3] },
  { name: 'Software Licenses', code: 'SWL', lo: 9, hi: 60, deal: 'Software licenses',
    items: ['Sales Cloud Seat', 'Analytics Suite', 'Office Productivity Suite', 'Endpoint Security', 'Project Planner'],
    variants: ['Monthly', 'Annual', 'Annual, 10 seats', 'Annual, 50 seats'], mult: [1, 10, 95, 450] },
  { name: 'Cloud Services', code: 'CLD', lo: 20, hi: 160, deal: 'Cloud migration',
    items: ['Virtual Server', 'Managed Database', 'Object Storage 1 TB', 'Backup Service', 'CDN Bandwidth 10 TB'],
    variants: ['Small', 'Medium', 'Large', 'X-Large'], mult: [1, 2, 4, 8] },
  { name: 'Office Furniture', code: 'FUR', lo: 150, hi: 1400, deal: 'Office fit-out',
    items: ['Ergonomic Office Chair', 'Standing Desk', 'Meeting Table', 'Filing Cabinet', 'Acoustic Phone Booth'],
    variants: ['Oak', 'Walnut', 'White', 'Graphite'], mult: [1, 1.15, 1, 1.05] },
  { name: 'Office Supplies', code: 'SUP', lo: 5, hi: 80, deal: 'Office supplies contract',
    items: ['A4 Copy Paper, 5 reams', 'Gel Pens, box of 12', 'Sticky Notes, pack of 24', 'Whiteboard Markers, set of 8', 'Toner Cartridge'],
    variants: ['Economy', 'Standard', 'Premium', 'Bulk'], mult: [0.8, 1, 1.3, 4] },
  { name: 'Training', code: 'TRN', lo: 90, hi: 300, deal: 'Team training',
    items: ['Admin Onboarding Workshop', 'Sales Team Training', 'Data Migration Bootcamp', 'Reporting Masterclass', 'API Integration Course'],
    variants: ['Online, 1 seat', 'Online, 10 seats', 'On-site, half day', 'On-site, full day'], mult: [1, 8, 15, 25] },
  { name: 'Support Plans', code: 'SPT', lo: 30, hi: 250, deal: 'Support plan',
    items: ['Standard Support', 'Priority Support', 'Premium Support', 'Dedicated Success Manager', 'Extended Warranty'],
    variants: ['1 month', '12 months', '24 months', '36 months'], mult: [1, 10, 18, 25] },
]
export const DEMO_PRODUCT_CATEGORIES: readonly string[] = CATEGORIES.map((c) => c.name)

/** Price in USD cents with "charm" endings (x.99, x4.99, x99.00). */
function charm(usd: number): number {
  if (usd < 100) return Math.max(1, Math.round(usd)) * 100 - 1
  if (usd < 1000) return Math.round(usd / 5) * 500 - 1
  return (Math.round(usd / 10) * 10 - 1) * 100
}
function formatCents(c: number): string {
  const m = c % 100
  return Math.floor(c / 100) + (m < 10 ? '.0' : '.') + m
}

/** Product i: catalogue position, USD price and cost in cents. */
function productAt(r: Mulberry32, stream: number, i: number, out: { cat: number; name: string; sku: string; price: number; cost: number }): void {
  const cat = i % CATEGORIES.length
  const j = Math.floor(i / CATEGORIES.length) // position within the category
  const gen = Math.floor(j / 20)
  const item = Math.floor((j % 20) / 4)
  const variant = j % 4
  const c = CATEGORIES[cat]
  // Variants of one item share its base price.
  r.seed(itemSeed(stream, (gen * CATEGORIES.length + cat) * 8 + item))
  const base = c.lo + r.float() * (c.hi - c.lo)
  const price = charm(base * c.mult[variant] * (1 + 0.08 * gen))
  r.seed(itemSeed(stream, 0x40000000 + i))
  const cost = Math.max(1, Math.min(price - 1, Math.floor(price * (0.35 + 0.4 * r.float()))))
  out.cat = cat
  out.name = c.items[item] + ' (' + c.variants[variant] + ')' + (gen > 0 ? ' Gen ' + (gen + 1) : '')
  out.sku = c.code + '-' + (1001 + j)
  out.price = price
  out.cost = cost
}

export function* demoProducts(plan: DemoPlan): Generator<DemoProduct> {
  const r = new Mulberry32()
  const stream = streamSeed(plan.seed, STREAM_PRODUCTS)
  const out = { cat: 0, name: '', sku: '', price: 0, cost: 0 }
  for (let i = 0; i < plan.products; i++) {
    productAt(r, stream, i, out)
    yield { name: out.name, sku: out.sku, category: CATEGORIES[out.cat].name, price: formatCents(out.price), cost: formatCents(out.cost) }
  }
}

/* ───────────────────────────── Money ───────────────────────────── */

/** Minor-unit rounding per currency index (USD, RUB, IRR, EUR): cents, whole roubles, 10 000 rials, cents. */
const CURRENCY_ROUND = [1, 100, 1_000_000, 1]
/** USD cents → minor units of the country's currency, rounded to local conventions. */
function localMinor(usdCents: number, country: number, extraRound = 1): number {
  const rate = DEMO_FX_PER_USD[DEMO_CURRENCIES[country]]
  const unit = CURRENCY_ROUND[country] * extraRound
  return Math.max(unit, Math.round((usdCents * rate) / unit) * unit)
}

/* ───────────────────────────── Pipelines & opportunities ───────────────────────────── */

type Stage = DemoPipeline['stages'][number]
function stage(name: string, probability: number, closed: Stage['closed'] = 'open'): Stage { return { name, probability, closed } }

export function demoPipelines(): DemoPipeline[] {
  return [
    { name: 'New business', stages: [stage('Lead', 10), stage('Qualified', 25), stage('Demo', 40), stage('Proposal', 60),
      stage('Negotiation', 80), stage('Closed Won', 100, 'won'), stage('Closed Lost', 0, 'lost')] },
    { name: 'Renewals', stages: [stage('Upcoming', 60), stage('In discussion', 75), stage('Quote sent', 90),
      stage('Closed Won', 100, 'won'), stage('Closed Lost', 0, 'lost')] },
    { name: 'Partners', stages: [stage('Prospect', 10), stage('Evaluation', 30), stage('Agreement drafted', 60),
      stage('Closed Won', 100, 'won'), stage('Closed Lost', 0, 'lost')] },
  ]
}
const PIPELINES = demoPipelines()
const PIPELINE_CDF = cdf([60, 28, 12])
const OPEN_STAGES = PIPELINES.map((pl) => pl.stages.filter((s) => s.closed === 'open').length)
const WON_STAGE = PIPELINES.map((pl) => pl.stages.findIndex((s) => s.closed === 'won'))
const LOST_STAGE = PIPELINES.map((pl) => pl.stages.findIndex((s) => s.closed === 'lost'))
const WIN_RATE = [p(0.35), p(0.8), p(0.45)]
const PARTNER_DEALS = ['Reseller agreement', 'Referral partnership', 'Integration partnership', 'Distribution agreement']
const DASH = ' – '
/** Extra rounding of deal amounts: $1, 1 000 ₽, 1 000 000 IRR, €10. */
const OPP_ROUND = [1, 1000, 100, 1000]

export function* demoOpportunities(plan: DemoPlan): Generator<DemoOpportunity> {
  const P = plan.people
  if (P <= 0) return
  const r = new Mulberry32(streamSeed(plan.seed, STREAM_OPPORTUNITIES))
  const pc = new PersonCursor(plan)
  const cc = new CompanyCursor(plan)
  const companyName: string[] = new Array<string>(plan.companies)
  for (let c = 0; c < plan.companies; c++) { cc.at(c); companyName[c] = cc.name() }

  for (let k = 0; k < plan.opportunities; k++) {
    // Deals are B2B: prefer contacts that work somewhere.
    let contact = r.int(P)
    pc.at(contact)
    for (let t = 0; t < 3 && pc.company < 0; t++) { contact = r.int(P); pc.at(contact) }
    const c = pc.company

    const pipe = pickCdf(PIPELINE_CDF, r.next())
    let stageIndex: number
    let close: number
    if (r.next() < p(0.45)) {
      stageIndex = r.next() < WIN_RATE[pipe] ? WON_STAGE[pipe] : LOST_STAGE[pipe]
      close = -r.range(1, 730)
    } else {
      stageIndex = pickSkew(r, OPEN_STAGES[pipe])
      close = r.next() < p(0.12) ? -r.range(0, 30) : r.range(1, 180) // some are overdue
    }

    let usd: number // whole dollars
    let label: string
    if (pipe === 0) {
      const tier = r.next()
      usd = tier < p(0.6) ? r.range(4, 40) * 500 : tier < p(0.9) ? r.range(20, 80) * 1000 : r.range(16, 50) * 5000
      label = CATEGORIES[r.int(CATEGORIES.length)].deal
    } else if (pipe === 1) {
      usd = r.range(50, 600) * 100
      label = 'Renewal ' + YEAR_STR[DAY_YEAR[close - DAY_MIN]]
    } else {
      usd = r.range(10, 150) * 1000
      label = PARTNER_DEALS[r.int(PARTNER_DEALS.length)]
    }
    let who: string
    if (c >= 0) who = companyName[c]
    else { pc.names(); who = pc.first + ' ' + pc.last }

    yield {
      name: who + DASH + label,
      amount: formatCents(localMinor(usd * 100, pc.country, OPP_ROUND[pc.country])),
      currency: DEMO_CURRENCIES[pc.country],
      closeDate: dayStr(close),
      pipelineIndex: pipe,
      stageIndex,
      companyIndex: c >= 0 ? c : null,
      contactIndex: contact,
    }
  }
}

/* ───────────────────────────── Activities ───────────────────────────── */

type ActivityType = DemoActivity['type']
const ACTIVITY_TYPES: ActivityType[] = ['call', 'email', 'meeting', 'note', 'task']
const ACTIVITY_TYPE_CDF = cdf([25, 30, 15, 15, 15])
/** Share of each type that is still open (scheduled, in the future or overdue). */
const ACTIVITY_OPEN = [p(0.2), p(0), p(0.25), p(0), p(0.4)]

/** [subject, body] pairs per language, per type (call, email, meeting, note, task). */
const ACTIVITY_TEXT: [string, string][][][] = [
  [
    [['Discovery call', 'Discussed current tooling and pain points. Agreed to send a summary and next steps.'],
      ['Follow-up call', 'Left a voicemail, will try again on Thursday.'],
      ['Pricing discussion', 'Walked through pricing tiers; they need approval from finance.'],
      ['Check-in call', 'Quick check-in: rollout is on track, no open issues.']],
    [['Sent proposal', 'Sent the proposal with volume discount and the implementation timeline.'],
      ['Follow-up on quote', 'Asked whether they had a chance to review the quote.'],
      ['Re: contract renewal', 'Confirmed renewal terms and sent the updated order form.'],
      ['Intro email', 'Introduced our team and shared two relevant case studies.']],
    [['Product demo', 'Demo went well; the team asked about integrations and data import.'],
      ['Quarterly business review', 'Reviewed last quarter usage and upcoming needs.'],
      ['On-site visit', 'Met procurement and IT at their office to go over the rollout plan.'],
      ['Kick-off meeting', 'Agreed on milestones, owners and a weekly status call.']],
    [['Budget approved', 'Budget for next year was approved by the board.'],
      ['Decision maker identified', 'Final sign-off is with the operations director.'],
      ['Evaluating competitors', 'They are also talking to two other vendors.'],
      ['Prefers email', 'Main contact prefers email over phone calls.']],
    [['Send updated quote', 'Prepare the quote with the updated price list.'],
      ['Prepare contract draft', 'Check contract terms with legal before sending.'],
      ['Schedule demo', 'Find a slot with the whole buying committee.'],
      ['Follow up next week', 'Call back to confirm the decision timeline.']],
  ],
  [
    [['Первичный звонок', 'Обсудили текущие процессы и проблемы. Договорились отправить резюме и следующие шаги.'],
      ['Повторный звонок', 'Не дозвонился, перезвоню в четверг.'],
      ['Обсуждение цены', 'Обсудили тарифы; нужно согласование с финансовым отделом.'],
      ['Контрольный звонок', 'Внедрение идёт по плану, открытых вопросов нет.']],
    [['Отправлено коммерческое предложение', 'Отправил КП со скидкой за объём и сроками внедрения.'],
      ['Уточнение по КП', 'Спросил, удалось ли ознакомиться с предложением.'],
      ['Re: продление договора', 'Подтвердили условия продления, отправил обновлённый счёт.'],
      ['Письмо-знакомство', 'Представил команду и поделился двумя кейсами.']],
    [['Демонстрация продукта', 'Демо прошло хорошо; спрашивали про интеграции и импорт данных.'],
      ['Встреча по итогам квартала', 'Подвели итоги квартала и обсудили планы.'],
      ['Выезд к клиенту', 'Встретились с закупками и ИТ в офисе клиента, обсудили план внедрения.'],
      ['Стартовая встреча', 'Согласовали этапы, ответственных и еженедельный созвон.']],
    [['Бюджет согласован', 'Бюджет на следующий год утверждён советом директоров.'],
      ['Определено ЛПР', 'Окончательное решение принимает операционный директор.'],
      ['Рассматривают конкурентов', 'Параллельно общаются ещё с двумя поставщиками.'],
      ['Предпочитает почту', 'Контакт предпочитает переписку звонкам.']],
    [['Отправить обновлённое КП', 'Подготовить КП по новому прайсу.'],
      ['Подготовить проект договора', 'Согласовать условия договора с юристами перед отправкой.'],
      ['Назначить демонстрацию', 'Найти время, удобное всей закупочной комиссии.'],
      ['Перезвонить на следующей неделе', 'Уточнить сроки принятия решения.']],
  ],
  [
    [['تماس اولیه', 'درباره فرایندهای فعلی و مشکلات صحبت شد. قرار شد خلاصه و گام\u200cهای بعدی ارسال شود.'],
      ['تماس پیگیری', 'پاسخ ندادند؛ پنجشنبه دوباره تماس می\u200cگیرم.'],
      ['گفت\u200cوگو درباره قیمت', 'درباره پلن\u200cهای قیمتی صحبت شد؛ نیاز به تأیید واحد مالی دارند.'],
      ['تماس کنترلی', 'استقرار طبق برنامه پیش می\u200cرود و مشکل بازی وجود ندارد.']],
    [['ارسال پیش\u200cفاکتور', 'پیش\u200cفاکتور همراه با تخفیف حجمی و زمان\u200cبندی اجرا ارسال شد.'],
      ['پیگیری پیشنهاد قیمت', 'پرسیدم آیا فرصت بررسی پیشنهاد قیمت را داشته\u200cاند.'],
      ['تمدید قرارداد', 'شرایط تمدید تأیید شد و فرم سفارش جدید ارسال شد.'],
      ['ایمیل معرفی', 'تیم خودمان را معرفی کردم و دو نمونه\u200cپروژه مرتبط فرستادم.']],
    [['دموی محصول', 'دمو خوب پیش رفت؛ درباره یکپارچه\u200cسازی و انتقال داده\u200cها سؤال کردند.'],
      ['جلسه بررسی فصلی', 'عملکرد فصل گذشته و نیازهای آینده بررسی شد.'],
      ['بازدید حضوری', 'در دفتر مشتری با واحد خرید و فناوری اطلاعات درباره برنامه استقرار صحبت شد.'],
      ['جلسه شروع پروژه', 'درباره مراحل، مسئولان و جلسه هفتگی پیگیری توافق شد.']],
    [['بودجه تأیید شد', 'بودجه سال آینده توسط هیئت\u200cمدیره تأیید شد.'],
      ['تصمیم\u200cگیرنده مشخص شد', 'تأیید نهایی با مدیر عملیات است.'],
      ['بررسی رقبا', 'همزمان با دو تأمین\u200cکننده دیگر هم در حال مذاکره هستند.'],
      ['ترجیح ایمیل', 'رابط اصلی ایمیل را به تماس تلفنی ترجیح می\u200cدهد.']],
    [['ارسال پیش\u200cفاکتور جدید', 'پیش\u200cفاکتور با لیست قیمت جدید آماده شود.'],
      ['آماده\u200cسازی پیش\u200cنویس قرارداد', 'شرایط قرارداد پیش از ارسال با واحد حقوقی بررسی شود.'],
      ['هماهنگی جلسه دمو', 'زمانی پیدا شود که همه اعضای کمیته خرید حضور داشته باشند.'],
      ['پیگیری هفته آینده', 'برای اطمینان از زمان\u200cبندی تصمیم\u200cگیری تماس گرفته شود.']],
  ],
  [
    [['Pirminis skambutis', 'Aptarėme dabartinius procesus ir problemas. Sutarėme išsiųsti santrauką ir tolesnius žingsnius.'],
      ['Pakartotinis skambutis', 'Neatsiliepė, paskambinsiu ketvirtadienį.'],
      ['Kainų aptarimas', 'Aptarėme kainų planus; reikia finansų skyriaus pritarimo.'],
      ['Kontrolinis skambutis', 'Diegimas vyksta pagal planą, atvirų klausimų nėra.']],
    [['Išsiųstas komercinis pasiūlymas', 'Išsiųstas pasiūlymas su kiekio nuolaida ir diegimo grafiku.'],
      ['Priminimas dėl pasiūlymo', 'Paklausiau, ar spėjo peržiūrėti pasiūlymą.'],
      ['Re: sutarties pratęsimas', 'Patvirtinome pratęsimo sąlygas ir išsiuntėme atnaujintą užsakymo formą.'],
      ['Prisistatymo laiškas', 'Pristatėme komandą ir pasidalinome dviem sėkmės istorijomis.']],
    [['Produkto demonstracija', 'Demonstracija pavyko; klausė apie integracijas ir duomenų importą.'],
      ['Ketvirčio rezultatų aptarimas', 'Aptarėme praėjusio ketvirčio rezultatus ir ateities poreikius.'],
      ['Vizitas pas klientą', 'Kliento biure susitikome su pirkimų ir IT skyriais, aptarėme diegimo planą.'],
      ['Projekto pradžios susitikimas', 'Sutarėme dėl etapų, atsakingų asmenų ir savaitinio pokalbio.']],
    [['Biudžetas patvirtintas', 'Kitų metų biudžetą patvirtino valdyba.'],
      ['Nustatytas sprendimų priėmėjas', 'Galutinį sprendimą priima operacijų direktorius.'],
      ['Vertina konkurentus', 'Derasi ir su dar dviem tiekėjais.'],
      ['Pageidauja el. pašto', 'Pagrindinis kontaktas labiau mėgsta el. laiškus nei skambučius.']],
    [['Išsiųsti atnaujintą pasiūlymą', 'Parengti pasiūlymą pagal naują kainoraštį.'],
      ['Parengti sutarties projektą', 'Prieš siunčiant suderinti sutarties sąlygas su teisininkais.'],
      ['Suplanuoti demonstraciją', 'Rasti laiką, tinkantį visam pirkimų komitetui.'],
      ['Susisiekti kitą savaitę', 'Pasitikslinti sprendimo priėmimo terminus.']],
  ],
]

export function* demoActivities(plan: DemoPlan): Generator<DemoActivity> {
  const P = plan.people
  if (P <= 0) return
  const r = new Mulberry32(streamSeed(plan.seed, STREAM_ACTIVITIES))
  const pc = new PersonCursor(plan)
  for (let k = 0; k < plan.activities; k++) {
    const person = pickSkew(r, P)
    pc.at(person)
    const t = pickCdf(ACTIVITY_TYPE_CDF, r.next())
    const open = r.next() < ACTIVITY_OPEN[t]
    // Open items are due soon (a few are overdue); done items happened in the last year.
    const day = open ? (r.next() < p(0.15) ? -r.range(1, 14) : r.range(0, 30)) : -pickSkew(r, 365)
    const texts = ACTIVITY_TEXT[pc.lang][t]
    const text = texts[r.int(texts.length)]
    yield {
      type: ACTIVITY_TYPES[t],
      subject: text[0],
      body: text[1],
      dueAt: dayStr(day) + TIME_SLOTS[r.int(TIME_SLOTS.length)],
      status: open ? 'open' : 'done',
      personIndex: person,
    }
  }
}

/* ───────────────────────────── Orders ───────────────────────────── */

type OrderStatus = DemoOrder['status']
const ORDER_STATUSES: OrderStatus[] = ['paid', 'shipped', 'refunded', 'cancelled']
const STATUS_CDF_NEW = cdf([85, 5, 0, 10]) // ≤ 3 days old
const STATUS_CDF_RECENT = cdf([20, 70, 3, 7]) // ≤ 14 days old
const STATUS_CDF_OLD = cdf([2, 88, 5, 5])
const MONTH_FACTOR = [0.85, 0.8, 0.95, 0.95, 1, 0.95, 0.85, 0.85, 1.05, 1.1, 1.35, 1.5]
const WEEKDAY_FACTOR = [0.55, 1.1, 1.15, 1.15, 1.1, 1, 0.7] // Sun..Sat

/**
 * Customer tiers (Pareto-like): the top 5% of customers place 25% of orders, the
 * next 15% place 35%, the remaining 80% place 40%; bigger customers also buy
 * more lines and larger quantities, so ~20% of customers make ~80% of revenue.
 */
const TIER_CDF = cdf([25, 35, 40])
/** Occasional bulk purchase: 2–5× the tier's usual maximum quantity. */
const BULK = p(0.05)
const TIER_LINES_MIN = [2, 1, 1]
const TIER_LINES_MAX = [4, 3, 2]
const TIER_QTY_MAX = [5, 3, 2]

export function* demoOrders(plan: DemoPlan): Generator<DemoOrder> {
  const P = plan.people
  const total = Math.round(P * plan.ordersPerPerson)
  const nProducts = plan.products
  if (P <= 0 || total <= 0 || nProducts <= 0) return

  const r = new Mulberry32(streamSeed(plan.seed, STREAM_ORDERS))
  const pc = new PersonCursor(plan)

  // Unit price strings per currency × discount level × product (no per-line formatting).
  const discounts = [0, 0.05, 0.1]
  const prices: string[][][] = DEMO_CURRENCIES.map(() => discounts.map(() => new Array<string>(nProducts)))
  {
    const pr = new Mulberry32()
    const stream = streamSeed(plan.seed, STREAM_PRODUCTS)
    const out = { cat: 0, name: '', sku: '', price: 0, cost: 0 }
    for (let i = 0; i < nProducts; i++) {
      productAt(pr, stream, i, out)
      for (let cu = 0; cu < DEMO_CURRENCIES.length; cu++) {
        for (let d = 0; d < discounts.length; d++) {
          const usd = d === 0 ? out.price : Math.round(out.price * (1 - discounts[d]))
          prices[cu][d][i] = formatCents(cu === EN ? usd : localMinor(usd, cu))
        }
      }
    }
  }

  // Rank → person permutation, so big customers are scattered over the index space.
  const mul = coprimeNear(P)
  const add = hash32(streamSeed(plan.seed, STREAM_ORDERS) ^ 0x5bd1e995) % P
  const t1 = Math.max(1, Math.round(P * 0.05))
  const t2 = Math.max(t1, Math.round(P * 0.2))
  const tierStart = [0, t1, t2]
  const tierSize = [t1, t2 - t1, P - t2]

  // Orders per day: seasonality (month, weekday) and 3-year growth; exact total.
  const cum = new Float64Array(ORDER_DAYS + 1)
  for (let d = 0; d < ORDER_DAYS; d++) {
    const k = ORDER_FIRST_DAY + d - DAY_MIN
    cum[d + 1] = cum[d] + MONTH_FACTOR[DAY_MONTH[k]] * WEEKDAY_FACTOR[DAY_WEEKDAY[k]] * (0.7 + (0.6 * d) / (ORDER_DAYS - 1))
  }
  const W = cum[ORDER_DAYS]

  let year = 0
  let seq = 0
  let emitted = 0
  for (let d = 0; d < ORDER_DAYS; d++) {
    const until = d === ORDER_DAYS - 1 ? total : Math.floor((total * cum[d + 1]) / W)
    const offset = ORDER_FIRST_DAY + d
    const k = offset - DAY_MIN
    const date = DAY_STR[k]
    if (DAY_YEAR[k] !== year) { year = DAY_YEAR[k]; seq = 0 }
    const prefix = 'SO-' + year + '-'
    const age = -offset
    const statusCdf = age <= 3 ? STATUS_CDF_NEW : age <= 14 ? STATUS_CDF_RECENT : STATUS_CDF_OLD
    for (; emitted < until; emitted++) {
      let tier = pickCdf(TIER_CDF, r.next())
      while (tierSize[tier] === 0) tier--
      const rank = tierStart[tier] + pickSkew(r, tierSize[tier])
      const person = (rank * mul + add) % P
      pc.at(person)
      const cu = pc.country
      const qmax = TIER_QTY_MAX[tier]
      const nLines = Math.min(r.range(TIER_LINES_MIN[tier], TIER_LINES_MAX[tier]), nProducts)
      const lines: DemoOrderLine[] = []
      let p0 = -1
      let p1 = -1
      let p2 = -1
      for (let l = 0; l < nLines; l++) {
        let prod = pickSkew(r, nProducts)
        for (let t = 0; t < 4 && (prod === p0 || prod === p1 || prod === p2); t++) prod = r.int(nProducts)
        if (prod === p0 || prod === p1 || prod === p2) break
        if (l === 0) p0 = prod; else if (l === 1) p1 = prod; else p2 = prod
        const quantity = r.next() < BULK ? qmax * r.range(2, 5) : r.range(1, qmax)
        const disc = quantity >= 20 ? 2 : quantity >= 8 ? 1 : 0
        lines.push({ productIndex: prod, quantity, unitPrice: prices[cu][disc][prod] })
      }
      seq++
      yield {
        orderNumber: prefix + String(seq).padStart(6, '0'),
        orderDate: date,
        personIndex: person,
        companyIndex: pc.company >= 0 ? pc.company : null,
        status: ORDER_STATUSES[pickCdf(statusCdf, r.next())],
        currency: DEMO_CURRENCIES[cu],
        lines,
      }
    }
  }
}

/* ───────────────────────────── Plan ───────────────────────────── */

/**
 * Sizes of a demo dataset: companies ≈ people/20 (min 5), opportunities ≈ people/5,
 * activities ≈ people/2, 200 products, orders = people × ordersPerPerson (default 5).
 */
export function planDemo(people: number, options: { seed?: number; ordersPerPerson?: number } = {}): DemoPlan {
  if (!Number.isSafeInteger(people) || people < 0) throw new RangeError(`people must be a non-negative integer, got ${people}`)
  const seed = options.seed ?? DEMO_DEFAULT_SEED
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`)
  const ordersPerPerson = options.ordersPerPerson ?? 5
  if (!Number.isFinite(ordersPerPerson) || ordersPerPerson < 0) throw new RangeError(`ordersPerPerson must be ≥ 0, got ${ordersPerPerson}`)
  return {
    seed: seed >>> 0,
    people,
    companies: Math.max(5, Math.round(people / 20)),
    products: DEMO_PRODUCT_COUNT,
    opportunities: Math.round(people / 5),
    activities: Math.round(people / 2),
    ordersPerPerson,
  }
}
