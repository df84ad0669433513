import { Alert } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { problemText } from './problem-text.js'

/** A form's failure, in the reader's language, announced to screen readers. */
export function FormError({ error }: { error: unknown }) {
  const { t } = useTranslation()
  if (!error) return null
  return <Alert color="red" variant="light" role="alert">{problemText(t, error)}</Alert>
}
