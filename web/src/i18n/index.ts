/**
 * @module i18n
 * i18next with the four bundled languages. The chosen language is remembered in
 * localStorage; switching it also sets <html lang dir> (Persian is right-to-left), and the
 * app's DirectionProvider follows (see app/App.tsx). Numbers and dates go through Intl
 * (format.ts), never hand-made strings.
 */
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { intlLocaleOf } from './format.js'

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'ru', name: 'Русский' },
  { code: 'fa', name: 'فارسی' },
  { code: 'lt', name: 'Lietuvių' },
] as const
export type Language = (typeof LANGUAGES)[number]['code']

/**
 * Messages live in locales/<language>/<area>.json (one file per screen area, so features do not
 * edit one shared file); the file name is the key prefix: records.json → t('records.…').
 * Each language is one chunk loaded when first needed (plus English, the fallback), so the first
 * load carries one or two languages instead of four.
 */
const BUNDLES: Record<Language, () => Promise<{ default: Record<string, Record<string, unknown>> }>> = {
  en: () => import('./bundles/en.js'),
  ru: () => import('./bundles/ru.js'),
  fa: () => import('./bundles/fa.js'),
  lt: () => import('./bundles/lt.js'),
}

async function loadLanguage(language: Language): Promise<void> {
  if (i18next.hasResourceBundle(language, 'translation')) return
  const { default: areas } = await BUNDLES[language]()
  i18next.addResourceBundle(language, 'translation', areas, true, true)
}

const STORAGE_KEY = 'rapport.language'
const isLanguage = (code: string | null | undefined): code is Language => LANGUAGES.some((l) => l.code === code)

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY)
  if (isLanguage(stored)) return stored
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.split('-')[0]?.toLowerCase()
    if (isLanguage(base)) return base
  }
  return 'en'
}

export const directionOf = (language: string): 'ltr' | 'rtl' => (i18next.dir(language) === 'rtl' ? 'rtl' : 'ltr')

function applyToDocument(language: string): void {
  document.documentElement.lang = language
  document.documentElement.dir = directionOf(language)
}

export async function setLanguage(language: Language): Promise<unknown> {
  localStorage.setItem(STORAGE_KEY, language)
  await loadLanguage(language)
  return i18next.changeLanguage(language)
}

/** Whether this browser's person picked a language themselves (else the workspace's default may apply). */
export const hasChosenLanguage = (): boolean => isLanguage(localStorage.getItem(STORAGE_KEY))

/** Switches to `language` for this visit without remembering it as the person's choice. */
export function applyDefaultLanguage(language: string): void {
  if (isLanguage(language) && i18next.language !== language) void loadLanguage(language).then(() => i18next.changeLanguage(language))
}

export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : 'en'
}

export async function initI18n(): Promise<void> {
  i18next.on('languageChanged', applyToDocument)
  const language = initialLanguage()
  await i18next.use(initReactI18next).init({
    resources: {},
    partialBundledLanguages: true,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: LANGUAGES.map((l) => l.code),
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  })
  await Promise.all([loadLanguage('en'), loadLanguage(language)])
  // Resources arrived after init: re-apply the language so i18next resolves against them.
  await i18next.changeLanguage(language)
  // `{{count, number}}` formats with the same Intl locale as the rest of the app.
  i18next.services.formatter?.add('number', (value: unknown, lng: string | undefined) =>
    typeof value === 'number' ? new Intl.NumberFormat(intlLocaleOf(lng ?? 'en')).format(value) : String(value))
  applyToDocument(i18next.language)
}
