/**
 * The signed-in person, as TanStack Query state under ['me']. Sign-in, setup and GET /auth/me
 * store the CSRF token (api/auth.ts), so a tab opened later can write too; sign-out clears
 * every cached answer.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { getMe, getSetupStatus, setup, signIn, signOut, type SetupInput, type SignInInput } from '../../api/auth.js'

export const ME_KEY = ['me'] as const

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: ({ signal }) => getMe(signal), retry: false, staleTime: 5 * 60_000 })
}

/** Whether first-run setup is still open; the sign-in page links to /setup only then. */
export function useSetupStatus() {
  return useQuery({ queryKey: ['setup-status'], queryFn: ({ signal }) => getSetupStatus(signal), staleTime: 60_000 })
}

export function useSignIn() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: SignInInput) => signIn(input),
    meta: { handlesOwnErrors: true },
    onSuccess: () => client.resetQueries(),
  })
}

export function useSetup() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: SetupInput) => setup(input),
    meta: { handlesOwnErrors: true },
    onSuccess: () => client.resetQueries(),
  })
}

export function useSignOut() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: signOut,
    // Even if the server call failed, this tab forgets everything it showed.
    onSettled: () => {
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] })
      return client.resetQueries({ queryKey: ME_KEY })
    },
  })
}
