import type { TFunction } from 'i18next'
import { isApiError } from '../../api/client.js'

/**
 * A failed request in the reader's language: the problem code's message when we have one
 * (account.problems.<code>), else the server's detail. Field problems still show under fields.
 */
export function problemText(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    // Reset and invitation links answer one way whatever is wrong with them.
    if (error.errors.some((problem) => problem.pointer === '/token')) return t('account.problems.invalid-link')
    const key = `account.problems.${error.code}`
    const translated = t(key, { defaultValue: '' })
    if (translated) return translated
    return error.message
  }
  return error instanceof Error ? error.message : String(error)
}

/** The server's detail for one field (`/password`), to show under that input. */
export const fieldProblem = (error: unknown, pointer: string): string | undefined =>
  isApiError(error) ? error.errors.find((problem) => problem.pointer === pointer)?.detail : undefined
