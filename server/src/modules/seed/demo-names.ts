/**
 * First names and surnames per language, with the grammatical surname forms for
 * women (Russian feminine, Lithuanian married and maiden forms) and their ASCII
 * spellings for e-mail addresses.
 */
import { ascii, LT_LATIN, pairs, RU_LATIN, words } from './demo-locales.js'

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

export interface NameTable {
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
export const NAMES: NameTable[] = [
  nameTable(EN_MALE, EN_FEMALE, EN_LAST, null),
  nameTable(RU_MALE, RU_FEMALE, RU_LAST, RU_LATIN, russianFeminineSurname),
  faTable(),
  nameTable(LT_MALE, LT_FEMALE, LT_LAST, LT_LATIN, lithuanianMarriedSurname, lithuanianMaidenSurname),
]
