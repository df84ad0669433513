import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { requestPasswordReset } from '../../api/account.js'
import { linkProps } from '../../app/router.js'
import { AuthCard } from './AuthCard.js'
import { FormError } from './FormError.js'
import { fieldProblem } from './problem-text.js'

/** "Forgot password": asks for a reset link. The answer is the same whether the address has an account or not. */
export function ForgotPasswordPage() {
  const { t } = useTranslation()
  const [email, setEmail] = useState('')
  const request = useMutation({ mutationFn: requestPasswordReset, meta: { handlesOwnErrors: true } })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    request.mutate(email.trim())
  }
  return (
    <AuthCard title={t('account.forgotTitle')}>
      {request.isSuccess ? (
        <Stack gap="md">
          <Text role="status">{t('account.resetSent')}</Text>
          <Anchor {...linkProps('/sign-in')}>{t('auth.backToSignIn')}</Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text c="dimmed">{t('account.forgotIntro')}</Text>
            <TextInput label={t('auth.email')} type="email" autoComplete="username" required autoFocus value={email}
              onChange={(event) => setEmail(event.currentTarget.value)} error={fieldProblem(request.error, '/email')} />
            <FormError error={request.error} />
            <Button type="submit" loading={request.isPending}>{t('account.sendResetLink')}</Button>
            <Anchor {...linkProps('/sign-in')} size="sm">{t('auth.backToSignIn')}</Anchor>
          </Stack>
        </form>
      )}
    </AuthCard>
  )
}
