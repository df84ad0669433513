import { NativeSelect } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { currentLanguage, LANGUAGES, setLanguage, type Language } from '../i18n/index.js'

/** The UI language; each language is named in itself, so anyone can find theirs. */
export function LanguageSelect() {
  const { t, i18n } = useTranslation()
  return (
    <NativeSelect
      aria-label={t('nav.language')}
      size="xs"
      value={currentLanguage()}
      key={i18n.language}
      onChange={(event) => void setLanguage(event.currentTarget.value as Language)}
      data={LANGUAGES.map((language) => ({ value: language.code, label: language.name }))}
    />
  )
}
