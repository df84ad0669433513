import { Alert, Button } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../api/client.js'

/** Shows a failed request: the problem's title and detail, and a retry button when given one. */
export function ErrorAlert({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useTranslation()
  const message = error instanceof Error ? error.message : String(error)
  const heading = title ?? (isApiError(error) && error.title ? error.title : t('app.errorTitle'))
  return (
    <Alert color="red" title={heading} role="alert" variant="light">
      {message !== heading ? message : null}
      {isApiError(error) && error.errors.length > 1 ? (
        <ul className="problem-list">
          {error.errors.map((problem) => <li key={problem.pointer}><code>{problem.pointer}</code> {problem.detail}</li>)}
        </ul>
      ) : null}
      {onRetry ? <Button mt="sm" size="xs" variant="light" color="red" onClick={onRetry}>{t('app.retry')}</Button> : null}
    </Alert>
  )
}
