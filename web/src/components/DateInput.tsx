/**
 * Day and date-time inputs that follow the UI language's calendar. Persian picks the day in
 * the Solar Hijri calendar with three native selects (day, Persian month name, year — Persian
 * digits, keyboard and screen-reader friendly, fit a phone); other languages keep the
 * browser's own `date` / `datetime-local` input. Values are what those native inputs hold
 * (`YYYY-MM-DD`, `YYYY-MM-DDTHH:mm`), so callers convert to and from the API the same way
 * in every language.
 */
import { Group, Input, NativeSelect, TextInput } from '@mantine/core'
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import './date-input.css'
import { isoToJalaali, jalaaliMonthLength, jalaaliToIso, toGregorian, toJalaali } from '../../../contracts/jalaali.js'

interface CommonProps {
  label: string
  hideLabel?: boolean
  error?: string
  size?: 'xs' | 'sm'
  autoFocus?: boolean
  onKeyDown?: (event: KeyboardEvent) => void
  className?: string
}

export interface DateInputProps extends CommonProps {
  /** `YYYY-MM-DD`, or '' for no day. */
  value: string
  onChange: (value: string) => void
}

/** The Persian years offered: from 1300 (1921) to some decades ahead, newest first. */
const FIRST_YEAR = 1300
const YEARS_AHEAD = 30

const usesSolarHijri = (language: string) => language === 'fa'

interface Parts { year: string; month: string; day: string }
const EMPTY: Parts = { year: '', month: '', day: '' }

function partsOf(iso: string): Parts {
  const j = isoToJalaali(iso)
  return j ? { year: String(j.year), month: String(j.month), day: String(j.day) } : EMPTY
}

/** The ISO day the three selects name, or '' while one of them is still empty. */
function isoOf(parts: Parts): string {
  if (!parts.year || !parts.month || !parts.day) return ''
  return jalaaliToIso(Number(parts.year), Number(parts.month), Number(parts.day))
}

function usePersianLabels() {
  return useMemo(() => {
    const digits = new Intl.NumberFormat('fa-IR', { useGrouping: false })
    const monthName = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { month: 'long', timeZone: 'UTC' })
    const months = Array.from({ length: 12 }, (_, index) => {
      const g = toGregorian(1404, index + 1, 1)
      return { value: String(index + 1), label: monthName.format(Date.UTC(g.year, g.month - 1, g.day)) }
    })
    return { digit: (n: number) => digits.format(n), months }
  }, [])
}

/** Day, month and year selects for a Persian-calendar day; reports '' until all three are chosen. */
function SolarHijriSelects({ value, onChange, label, size, autoFocus }: DateInputProps) {
  const { t } = useTranslation()
  const { digit, months } = usePersianLabels()
  const [parts, setParts] = useState<Parts>(() => partsOf(value))
  // A value set from outside (a reset, another editor) replaces the selects; a half-picked
  // day reports '' and so survives its own echo. Runs on `value` only, not on every pick.
  useEffect(() => {
    if (isoOf(parts) !== value) setParts(partsOf(value))
  }, [value])

  const update = (change: Partial<Parts>) => {
    const next = { ...parts, ...change }
    if (next.year && next.month && next.day) {
      const max = jalaaliMonthLength(Number(next.year), Number(next.month))
      if (Number(next.day) > max) next.day = String(max)
    }
    setParts(next)
    const iso = isoOf(next)
    if (iso !== value) onChange(iso)
  }

  const now = new Date()
  const thisYear = toJalaali(now.getFullYear(), now.getMonth() + 1, now.getDate()).year
  const picked = Number(parts.year) || thisYear
  const years = []
  for (let year = Math.max(thisYear + YEARS_AHEAD, picked); year >= Math.min(FIRST_YEAR, picked); year -= 1) {
    years.push({ value: String(year), label: digit(year) })
  }
  const dayCount = parts.month ? jalaaliMonthLength(picked, Number(parts.month)) : 31
  const days = Array.from({ length: dayCount }, (_, index) => ({ value: String(index + 1), label: digit(index + 1) }))
  const none = { value: '', label: '—' }

  return (
    <>
      <NativeSelect size={size} aria-label={t('dateInput.dayOf', { field: label })} data={[none, ...days]} value={parts.day}
        autoFocus={autoFocus} data-autofocus={autoFocus || undefined} onChange={(event) => update({ day: event.currentTarget.value })}
        className="date-input-day" />
      <NativeSelect size={size} aria-label={t('dateInput.monthOf', { field: label })} data={[none, ...months]} value={parts.month}
        onChange={(event) => update({ month: event.currentTarget.value })} className="date-input-month" />
      <NativeSelect size={size} aria-label={t('dateInput.yearOf', { field: label })} data={[none, ...years]} value={parts.year}
        onChange={(event) => update({ year: event.currentTarget.value })} className="date-input-year" />
    </>
  )
}

/** A calendar day: Solar Hijri selects in Persian, the browser's date input otherwise. */
export function DateInput(props: DateInputProps) {
  const { i18n } = useTranslation()
  const { label, hideLabel, error, size, onKeyDown, className } = props
  if (!usesSolarHijri(i18n.language)) {
    return <TextInput label={hideLabel ? undefined : label} aria-label={label} error={error} size={size} type="date" dir="auto"
      value={props.value} autoFocus={props.autoFocus} data-autofocus={props.autoFocus || undefined} onKeyDown={onKeyDown}
      className={className} onChange={(event) => props.onChange(event.currentTarget.value)} />
  }
  return (
    <Input.Wrapper label={hideLabel ? undefined : label} error={error} size={size} className={className}>
      <Group role="group" aria-label={label} gap={4} wrap="nowrap" onKeyDown={onKeyDown} className="date-input-parts">
        <SolarHijriSelects {...props} />
      </Group>
    </Input.Wrapper>
  )
}

export interface DateTimeInputProps extends CommonProps {
  /** `YYYY-MM-DDTHH:mm` in the browser's time zone (what `datetime-local` holds), or ''. */
  value: string
  onChange: (value: string) => void
}

/** A date and a time of day: in Persian the day as Solar Hijri selects beside a time input. */
export function DateTimeInput(props: DateTimeInputProps) {
  const { t, i18n } = useTranslation()
  const { label, hideLabel, error, size, onKeyDown, className } = props
  const [day = '', clock = ''] = props.value.split('T')
  const [time, setTime] = useState(clock.slice(0, 5))
  useEffect(() => { if (clock) setTime(clock.slice(0, 5)) }, [clock])
  if (!usesSolarHijri(i18n.language)) {
    return <TextInput label={hideLabel ? undefined : label} aria-label={label} error={error} size={size} type="datetime-local" dir="auto"
      value={props.value} autoFocus={props.autoFocus} data-autofocus={props.autoFocus || undefined} onKeyDown={onKeyDown}
      className={className} onChange={(event) => props.onChange(event.currentTarget.value)} />
  }
  const emit = (nextDay: string, nextTime: string) => props.onChange(nextDay ? `${nextDay}T${nextTime || '00:00'}` : '')
  return (
    <Input.Wrapper label={hideLabel ? undefined : label} error={error} size={size} className={className}>
      <Group role="group" aria-label={label} gap={4} onKeyDown={onKeyDown} className="date-input-parts">
        <Group gap={4} wrap="nowrap">
          <SolarHijriSelects {...props} value={day} onChange={(next) => emit(next, time)} />
        </Group>
        <TextInput size={size} type="time" aria-label={t('dateInput.timeOf', { field: label })} value={time} dir="ltr" w={110}
          onChange={(event) => { setTime(event.currentTarget.value); emit(day, event.currentTarget.value) }} />
      </Group>
    </Input.Wrapper>
  )
}
