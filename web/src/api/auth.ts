import { api, csrfToken } from './client.js'
import type { Me, SignedIn } from './types.js'

const BASE = '/api/v1/auth'

export interface SetupInput {
  workspaceName: string
  email: string
  password: string
  name: string
}

export interface SignInInput {
  email: string
  password: string
  totp?: string
}

function keepToken(signedIn: SignedIn): SignedIn {
  csrfToken.set(signedIn.csrfToken)
  return signedIn
}

/** First-run: creates the administrator and signs in. Answers 404 once an administrator exists. */
export const setup = async (input: SetupInput) => keepToken(await api.post<SignedIn>(`${BASE}/setup`, input))

export const signIn = async (input: SignInInput) => keepToken(await api.post<SignedIn>(`${BASE}/sign-in`, input))

export async function signOut(): Promise<void> {
  try {
    await api.post<void>(`${BASE}/sign-out`)
  } finally {
    csrfToken.clear()
  }
}

/** Who is signed in; also keeps the session's CSRF token, so a fresh tab can write. */
export async function getMe(signal?: AbortSignal): Promise<Me> {
  const { data } = await api.get<{ data: Me }>(`${BASE}/me`, undefined, signal)
  if (data.csrfToken) csrfToken.set(data.csrfToken)
  return data
}

/** Whether first-run setup is still open (no administrator yet); public. */
export const getSetupStatus = async (signal?: AbortSignal) =>
  (await api.get<{ data: { setupRequired: boolean } }>(`${BASE}/setup-status`, undefined, signal)).data
