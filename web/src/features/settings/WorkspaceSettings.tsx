import { Alert, Button, Center, Group, Loader, NativeSelect, Stack, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { WorkspaceLocale, WorkspaceSettings as Settings } from '../../../../contracts/workspace.js'
import { updateWorkspaceSettings } from '../../api/settings.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { LANGUAGES } from '../../i18n/index.js'
import { FormError } from '../auth/FormError.js'
import { fieldProblem } from '../auth/problem-text.js'
import { ME_KEY } from '../auth/session.js'
import { useWorkspaceSettings, WORKSPACE_SETTINGS_KEY as KEY } from './useWorkspaceLanguage.js'

/** The workspace's name, default language and currency, and the country phone numbers default to. */
export function WorkspaceSettings() {
  const { t } = useTranslation()
  const settings = useWorkspaceSettings()
  if (settings.isPending) return <Center py="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>
  if (settings.isError) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
  return <WorkspaceForm key={settings.data.id} settings={settings.data} />
}

function WorkspaceForm({ settings }: { settings: Settings }) {
  const { t, i18n } = useTranslation()
  const client = useQueryClient()
  const [form, setForm] = useState({ name: settings.name, locale: settings.locale, defaultCurrency: settings.defaultCurrency, defaultCountry: settings.defaultCountry })
  const currencyNames = new Intl.DisplayNames([i18n.language], { type: 'currency' })
  const save = useMutation({
    mutationFn: () => updateWorkspaceSettings({
      name: form.name, locale: form.locale as WorkspaceLocale, defaultCurrency: form.defaultCurrency, defaultCountry: form.defaultCountry.toUpperCase(),
    }),
    meta: { handlesOwnErrors: true },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: KEY })
      await client.invalidateQueries({ queryKey: ME_KEY })
    },
  })
  const set = (key: keyof typeof form) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value
    save.reset()
    setForm((f) => ({ ...f, [key]: value }))
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate()
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={480}>
        <Title order={2} size="h3">{t('settings.section.workspace')}</Title>
        <TextInput label={t('settings.workspaceName')} required value={form.name} onChange={set('name')} error={fieldProblem(save.error, '/name')} />
        <NativeSelect label={t('settings.workspaceLanguage')} description={t('settings.workspaceLanguageHint')} value={form.locale} onChange={set('locale')}
          data={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))} error={fieldProblem(save.error, '/locale')} />
        <NativeSelect label={t('settings.workspaceCurrency')} value={form.defaultCurrency} onChange={set('defaultCurrency')} error={fieldProblem(save.error, '/defaultCurrency')}
          data={Intl.supportedValuesOf('currency').map((code) => ({ value: code, label: `${code} — ${currencyNames.of(code) ?? code}` }))} />
        <TextInput label={t('settings.workspaceCountry')} description={t('settings.workspaceCountryHint')} dir="ltr" maxLength={2} value={form.defaultCountry}
          onChange={set('defaultCountry')} error={fieldProblem(save.error, '/defaultCountry')} />
        <FormError error={save.error} />
        {save.isSuccess ? <Alert color="green" variant="light" role="status">{t('settings.saved')}</Alert> : null}
        <Group><Button type="submit" loading={save.isPending}>{t('settings.save')}</Button></Group>
      </Stack>
    </form>
  )
}
