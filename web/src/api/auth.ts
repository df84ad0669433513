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

export const getMe = async (signal?: AbortSignal) => (await api.get<{ data: Me }>(`${BASE}/me`, undefined, signal)).data
