import { Alert, Button, Code, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { changePassword, disableTotp, enableTotp, signOutEverywhere, startTotpSetup } from '../../api/account.js'
import type { Me } from '../../api/types.js'
import { FormError } from '../auth/FormError.js'
import { fieldProblem } from '../auth/problem-text.js'
import { ME_KEY } from '../auth/session.js'
import { MIN_PASSWORD_LENGTH } from '../auth/SetupPage.js'
import { ConfirmDialog } from './ConfirmDialog.js'

/** The signed-in person's own security: password, two-factor sign-in, ending every session. */
export function AccountSettings({ me }: { me: Me }) {
  const { t } = useTranslation()
  return (
    <Stack gap="xl" maw={560}>
      <Stack gap={2}>
        <Title order={2} size="h3">{t('settings.section.account')}</Title>
        <Text><bdi>{me.user?.name}</bdi> · <bdi dir="ltr">{me.user?.email}</bdi></Text>
        <Text size="sm" c="dimmed">{t('settings.roleIs', { role: me.role.name })}</Text>
      </Stack>
      {me.user ? <PasswordForm /> : null}
      {me.user ? <TotpSection enabled={me.totpEnabled === true} /> : null}
      {me.user ? <SignOutEverywhere /> : null}
    </Stack>
  )
}

function PasswordForm() {
  const { t } = useTranslation()
  const [form, setForm] = useState({ current: '', next: '', repeat: '' })
  const [mismatch, setMismatch] = useState(false)
  const change = useMutation({
    mutationFn: () => changePassword(form.current, form.next),
    meta: { handlesOwnErrors: true },
    onSuccess: () => setForm({ current: '', next: '', repeat: '' }),
  })
  const set = (key: keyof typeof form) => (event: { currentTarget: HTMLInputElement }) => {
    const value = event.currentTarget.value
    setForm((f) => ({ ...f, [key]: value }))
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setMismatch(form.next !== form.repeat)
    if (form.next === form.repeat) change.mutate()
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="password-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="password-title">{t('settings.changePassword')}</Title>
        <PasswordInput label={t('settings.currentPassword')} autoComplete="current-password" required value={form.current} onChange={set('current')}
          error={fieldProblem(change.error, '/currentPassword')} />
        <PasswordInput label={t('account.newPassword')} autoComplete="new-password" required value={form.next} onChange={set('next')}
          description={t('auth.passwordHint', { count: MIN_PASSWORD_LENGTH })} error={fieldProblem(change.error, '/newPassword') ?? fieldProblem(change.error, '/password')} />
        <PasswordInput label={t('account.repeatPassword')} autoComplete="new-password" required value={form.repeat} onChange={set('repeat')}
          error={mismatch ? t('account.passwordsDiffer') : undefined} />
        <FormError error={change.error} />
        {change.isSuccess ? <Alert color="green" variant="light" role="status">{t('settings.passwordChanged')}</Alert> : null}
        <Group><Button type="submit" loading={change.isPending}>{t('settings.changePassword')}</Button></Group>
      </Stack>
    </form>
  )
}

/** Turning TOTP on: a fresh secret (as an otpauth:// URI and as text to type), then a code proves the app has it. */
function TotpSection({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [code, setCode] = useState('')
  const setup = useMutation({ mutationFn: startTotpSetup, meta: { handlesOwnErrors: true } })
  const done = async () => {
    setCode('')
    setup.reset()
    await client.invalidateQueries({ queryKey: ME_KEY })
  }
  const enable = useMutation({ mutationFn: () => enableTotp(code.trim()), meta: { handlesOwnErrors: true }, onSuccess: done })
  const disable = useMutation({ mutationFn: () => disableTotp(code.trim()), meta: { handlesOwnErrors: true }, onSuccess: done })
  const action = enabled ? disable : enable
  const submit = (event: FormEvent) => {
    event.preventDefault()
    action.mutate()
  }
  return (
    <Stack gap="sm" role="group" aria-labelledby="totp-title">
      <Title order={3} size="h4" id="totp-title">{t('settings.totpTitle')}</Title>
      <Text size="sm" role="status">{enabled ? t('settings.totpOn') : t('settings.totpOff')}</Text>
      {!enabled && !setup.data ? (
        <Group><Button variant="light" loading={setup.isPending} onClick={() => setup.mutate()}>{t('settings.totpStart')}</Button></Group>
      ) : null}
      <FormError error={setup.error} />
      {setup.data ? (
        <Stack gap="xs">
          <Text size="sm">{t('settings.totpScan')}</Text>
          <Code block className="settings-secret" aria-label={t('settings.totpUri')}>{setup.data.otpauthUrl}</Code>
          <Text size="sm">{t('settings.totpManual')}</Text>
          <Code block className="settings-secret" aria-label={t('settings.totpSecret')}>{setup.data.secret}</Code>
        </Stack>
      ) : null}
      {enabled || setup.data ? (
        <form onSubmit={submit} noValidate>
          <Group align="flex-end" gap="sm">
            <TextInput label={t('auth.totp')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code}
              onChange={(event) => setCode(event.currentTarget.value)} error={fieldProblem(action.error, '/code')} />
            <Button type="submit" color={enabled ? 'red' : undefined} loading={action.isPending}>{enabled ? t('settings.totpDisable') : t('settings.totpEnable')}</Button>
          </Group>
          {!fieldProblem(action.error, '/code') ? <FormError error={action.error} /> : null}
        </form>
      ) : null}
    </Stack>
  )
}

function SignOutEverywhere() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [asking, setAsking] = useState(false)
  const end = useMutation({
    mutationFn: signOutEverywhere,
    meta: { handlesOwnErrors: true },
    onSuccess: async () => {
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] })
      await client.resetQueries({ queryKey: ME_KEY })
    },
  })
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">{t('settings.signOutEverywhere')}</Title>
      <Text size="sm" c="dimmed">{t('settings.signOutEverywhereHint')}</Text>
      <Group><Button variant="outline" color="red" onClick={() => setAsking(true)}>{t('settings.signOutEverywhere')}</Button></Group>
      <ConfirmDialog opened={asking} onClose={() => setAsking(false)} title={t('settings.signOutEverywhere')} message={t('settings.signOutEverywhereConfirm')}
        confirmLabel={t('settings.signOutEverywhere')} loading={end.isPending} error={end.error} onConfirm={() => end.mutate()} />
    </Stack>
  )
}
