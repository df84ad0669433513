import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core'
import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client.js'
import { linkProps, navigate } from '../../app/router.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { AuthCard } from './AuthCard.js'
import { useSetup, useSetupStatus } from './session.js'

/** Mirrors the server's MIN_PASSWORD_LENGTH; the server still decides. */
export const MIN_PASSWORD_LENGTH = 10

/** First run: POST /api/v1/auth/setup creates the workspace's administrator and signs in. */
export function SetupPage() {
  const { t } = useTranslation()
  const setup = useSetup()
  const status = useSetupStatus()
  // Set up already (here or in another tab): this page has nothing to offer.
  const done = status.data?.setupRequired === false && !setup.isPending && !setup.isSuccess
  useEffect(() => {
    if (done) navigate('/sign-in', { replace: true })
  }, [done])
  const [form, setForm] = useState({ workspaceName: '', name: '', email: '', password: '' })
  const field = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (event: { currentTarget: HTMLInputElement }) => {
      const value = event.currentTarget.value
      setForm((current) => ({ ...current, [key]: value }))
    },
    error: isApiError(setup.error) ? setup.error.errors.find((problem) => problem.pointer === `/${key}`)?.detail : undefined,
  })
  const alreadySetUp = isApiError(setup.error) && setup.error.status === 404
  // Problems that name a field show under it; the alert is for everything else.
  const fieldsOnly = isApiError(setup.error) && setup.error.errors.length > 0 &&
    setup.error.errors.every((problem) => problem.pointer.slice(1) in form)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setup.mutate(form)
  }

  return (
    <AuthCard title={t('auth.setupTitle')}>
      {alreadySetUp ? (
        <Stack gap="md">
          <Text role="status">{t('auth.alreadySetUp')}</Text>
          <Anchor {...linkProps('/sign-in')}>{t('auth.backToSignIn')}</Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text c="dimmed">{t('auth.setupIntro')}</Text>
            <TextInput label={t('auth.workspaceName')} required autoFocus {...field('workspaceName')} />
            <TextInput label={t('auth.name')} required autoComplete="name" {...field('name')} />
            <TextInput label={t('auth.email')} type="email" required autoComplete="username" {...field('email')} />
            <PasswordInput label={t('auth.password')} required autoComplete="new-password"
              description={t('auth.passwordHint', { count: MIN_PASSWORD_LENGTH })} {...field('password')} />
            {setup.error && !fieldsOnly ? <ErrorAlert error={setup.error} /> : null}
            <Button type="submit" loading={setup.isPending}>{t('auth.createWorkspace')}</Button>
            <Anchor {...linkProps('/sign-in')} size="sm">{t('auth.backToSignIn')}</Anchor>
          </Stack>
        </form>
      )}
    </AuthCard>
  )
}
