/** Demo activities (calls, e-mails, meetings, notes, tasks) with texts per language. */
import type { DemoActivity, DemoPlan } from './demo-data.js'
import { cdf, Mulberry32, p, pickCdf, pickSkew, STREAM_ACTIVITIES, streamSeed } from './demo-random.js'
import { dayStr, TIME_SLOTS } from './demo-dates.js'
import { PersonCursor } from './demo-people.js'

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
