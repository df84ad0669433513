/**
 * Words that demo company names are built from, per language: prefixes, industry
 * suffixes, qualifiers (to keep names unique past prefix × suffix) and legal forms.
 */
import { cdf, coprimeNear } from './demo-random.js'
import { ascii, LT_LATIN, RU_LATIN } from './demo-locales.js'

export const DEMO_INDUSTRIES: readonly string[] = [
  'Software', 'Telecommunications', 'Manufacturing', 'Logistics', 'Retail', 'Financial Services',
  'Healthcare', 'Construction', 'Energy', 'Education', 'Food & Beverage', 'Professional Services',
  'Media', 'Real Estate', 'Agriculture', 'Automotive',
]

export interface CompanyLexicon {
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
export const LEXICON: CompanyLexicon[] = [
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
export const FA_NON_JOINING = 'اآأإدذرزژو'
