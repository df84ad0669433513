import { Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { confirmPasswordReset } from '../../api/account.js'
import { linkProps, useLocation } from '../../app/router.js'
import { AuthCard } from './AuthCard.js'
import { FormError } from './FormError.js'
import { fieldProblem } from './problem-text.js'
import { MIN_PASSWORD_LENGTH } from './SetupPage.js'

/** The page the reset mail links to (/reset-password?token=…): choose a new password, then sign in. */
export function ResetPasswordPage() {
  const { t } = useTranslation()
  const token = useLocation().search.get('token') ?? ''
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [mismatch, setMismatch] = useState(false)
  const confirm = useMutation({ mutationFn: () => confirmPasswordReset(token, password), meta: { handlesOwnErrors: true } })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setMismatch(password !== repeat)
    if (password === repeat) confirm.mutate()
  }
  return (
    <AuthCard title={t('account.resetTitle')}>
      {!token ? (
        <Stack gap="md">
          <Text role="alert">{t('account.problems.invalid-link')}</Text>
          <Anchor {...linkProps('/forgot-password')}>{t('account.requestNewLink')}</Anchor>
        </Stack>
      ) : confirm.isSuccess ? (
        <Stack gap="md">
          <Text role="status">{t('account.resetDone')}</Text>
          <Anchor {...linkProps('/sign-in')}>{t('auth.signIn')}</Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <PasswordInput label={t('account.newPassword')} autoComplete="new-password" required autoFocus value={password}
              description={t('auth.passwordHint', { count: MIN_PASSWORD_LENGTH })}
              onChange={(event) => setPassword(event.currentTarget.value)} error={fieldProblem(confirm.error, '/password')} />
            <PasswordInput label={t('account.repeatPassword')} autoComplete="new-password" required value={repeat}
              onChange={(event) => setRepeat(event.currentTarget.value)} error={mismatch ? t('account.passwordsDiffer') : undefined} />
            <FormError error={confirm.error} />
            <Button type="submit" loading={confirm.isPending}>{t('account.setPassword')}</Button>
            <Anchor {...linkProps('/forgot-password')} size="sm">{t('account.requestNewLink')}</Anchor>
          </Stack>
        </form>
      )}
    </AuthCard>
  )
}
