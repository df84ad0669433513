import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { acceptInvitation } from '../../api/account.js'
import { isApiError } from '../../api/client.js'
import { navigate, useLocation } from '../../app/router.js'
import { AuthCard } from './AuthCard.js'
import { FormError } from './FormError.js'
import { fieldProblem } from './problem-text.js'
import { MIN_PASSWORD_LENGTH } from './SetupPage.js'

/**
 * The page the invitation mail links to (/accept-invite?token=…). A new person chooses a name
 * and password; someone who already has an account may leave them empty (and gives their
 * two-factor code when the server asks). Accepting signs in.
 */
export function AcceptInvitePage() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const token = useLocation().search.get('token') ?? ''
  const [form, setForm] = useState({ name: '', password: '', totp: '' })
  const accept = useMutation({
    mutationFn: () => acceptInvitation({
      token, ...(form.name.trim() ? { name: form.name.trim() } : {}), ...(form.password ? { password: form.password } : {}), ...(form.totp ? { totp: form.totp } : {}),
    }),
    meta: { handlesOwnErrors: true },
    onSuccess: async () => {
      await client.resetQueries()
      navigate('/', { replace: true })
    },
  })
  const askTotp = isApiError(accept.error) && accept.error.code === 'totp-required' || form.totp !== ''
  const set = (key: keyof typeof form) => (event: { currentTarget: HTMLInputElement }) => {
    const value = event.currentTarget.value
    setForm((current) => ({ ...current, [key]: value }))
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    accept.mutate()
  }
  return (
    <AuthCard title={t('account.inviteTitle')}>
      {!token ? <Text role="alert">{t('account.problems.invalid-link')}</Text> : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text c="dimmed">{t('account.inviteIntro')}</Text>
            <TextInput label={t('auth.name')} autoComplete="name" autoFocus value={form.name} onChange={set('name')} error={fieldProblem(accept.error, '/name')} />
            <PasswordInput label={t('auth.password')} autoComplete="new-password" value={form.password} onChange={set('password')}
              description={t('auth.passwordHint', { count: MIN_PASSWORD_LENGTH })} error={fieldProblem(accept.error, '/password')} />
            {askTotp ? <TextInput label={t('auth.totp')} inputMode="numeric" autoComplete="one-time-code" value={form.totp} onChange={set('totp')} /> : null}
            <FormError error={accept.error} />
            <Button type="submit" loading={accept.isPending}>{t('account.acceptInvite')}</Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  )
}
