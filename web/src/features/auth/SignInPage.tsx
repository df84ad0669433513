import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client.js'
import { linkProps } from '../../app/router.js'
import { AuthCard } from './AuthCard.js'
import { FormError } from './FormError.js'
import { useSetupStatus, useSignIn } from './session.js'

export function SignInPage({ sessionEnded = false }: { sessionEnded?: boolean }) {
  const { t } = useTranslation()
  const signIn = useSignIn()
  const setupRequired = useSetupStatus().data?.setupRequired === true
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [totp, setTotp] = useState('')
  const [askTotp, setAskTotp] = useState(false)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    signIn.mutate({ email, password, ...(askTotp && totp ? { totp } : {}) }, {
      onError: (error) => {
        if (isApiError(error) && error.code === 'totp-required') setAskTotp(true)
      },
    })
  }

  return (
    <AuthCard title={t('auth.signInTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {sessionEnded ? <Text c="dimmed" role="status">{t('auth.sessionEnded')}</Text> : null}
          <TextInput label={t('auth.email')} type="email" autoComplete="username" required value={email}
            onChange={(event) => setEmail(event.currentTarget.value)} data-autofocus autoFocus />
          <PasswordInput label={t('auth.password')} autoComplete="current-password" required value={password}
            onChange={(event) => setPassword(event.currentTarget.value)} />
          {askTotp ? (
            <TextInput label={t('auth.totp')} inputMode="numeric" autoComplete="one-time-code" value={totp}
              onChange={(event) => setTotp(event.currentTarget.value)} />
          ) : null}
          <FormError error={signIn.error} />
          <Button type="submit" loading={signIn.isPending}>{t('auth.signIn')}</Button>
          <Anchor {...linkProps('/forgot-password')} size="sm">{t('account.forgotLink')}</Anchor>
          {setupRequired ? <Anchor {...linkProps('/setup')} size="sm">{t('auth.setupLink')}</Anchor> : null}
        </Stack>
      </form>
    </AuthCard>
  )
}
