/** The signed-in person's own account, and the signed-out flows that arrive by mail. */
import { api, csrfToken } from './client.js'
import type { SignedIn } from './types.js'

const BASE = '/api/v1/auth'

function keepToken(signedIn: SignedIn): SignedIn {
  csrfToken.set(signedIn.csrfToken)
  return signedIn
}

/** Always answers 202, whether or not the address has an account. */
export const requestPasswordReset = (email: string) => api.post<unknown>(`${BASE}/password-reset`, { email })
export const confirmPasswordReset = (token: string, password: string) => api.post<void>(`${BASE}/password-reset/confirm`, { token, password })

export interface AcceptInviteInput {
  token: string
  name?: string
  password?: string
  totp?: string
}
export const acceptInvitation = async (input: AcceptInviteInput) => keepToken(await api.post<SignedIn>(`${BASE}/invitations/accept`, input))

/** Ends every other session; this one goes on with a fresh cookie and CSRF token. */
export const changePassword = async (currentPassword: string, newPassword: string) =>
  keepToken(await api.post<SignedIn>(`${BASE}/password`, { currentPassword, newPassword }))

export const startTotpSetup = async () => (await api.post<{ data: { secret: string; otpauthUrl: string } }>(`${BASE}/totp/setup`)).data
export const enableTotp = (code: string) => api.post<void>(`${BASE}/totp/enable`, { code })
export const disableTotp = (code: string) => api.post<void>(`${BASE}/totp/disable`, { code })

export async function signOutEverywhere(): Promise<void> {
  try {
    await api.post<void>(`${BASE}/sign-out-everywhere`)
  } finally {
    csrfToken.clear()
  }
}
