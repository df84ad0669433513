/** A skill level 1–10 as a native select (the API's range); `emptyLabel` adds a "none" choice (value ''). */
import { NativeSelect } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { formattersFor } from '../../i18n/format.js'

export const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const

export function LevelSelect({ label, value, onChange, error, emptyLabel }: { label: string; value: string; onChange: (value: string) => void; error?: string; emptyLabel?: string }) {
  const { i18n } = useTranslation()
  const n = formattersFor(i18n.language).number
  const data = [...(emptyLabel ? [{ value: '', label: emptyLabel }] : []), ...LEVELS.map((level) => ({ value: String(level), label: n(level) }))]
  return <NativeSelect label={label} data={data} value={value} onChange={(event) => onChange(event.currentTarget.value)} error={error} miw="5rem" />
}
