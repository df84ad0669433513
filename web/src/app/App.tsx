/**
 * @module app
 * Providers (direction, Mantine, TanStack Query) and the gate: while GET /auth/me answers
 * 401 the sign-in (or first-run setup) page shows at whatever URL was asked for, and the
 * asked-for screen appears once signed in.
 */
import { Center, DirectionProvider, MantineProvider, createTheme, useDirection } from '@mantine/core'
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import i18next from 'i18next'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../api/client.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import { FullPageLoader } from '../components/FullPageLoader.js'
import { showErrorToast, ToastViewport } from '../components/toasts.js'
import { AcceptInvitePage } from '../features/auth/AcceptInvitePage.js'
import { ForgotPasswordPage } from '../features/auth/ForgotPasswordPage.js'
import { ResetPasswordPage } from '../features/auth/ResetPasswordPage.js'
import { ME_KEY, useMe } from '../features/auth/session.js'
import { SetupPage } from '../features/auth/SetupPage.js'
import { SignInPage } from '../features/auth/SignInPage.js'
import { directionOf } from '../i18n/index.js'
import { AppLayout } from './AppLayout.js'
import { navigate, useLocation } from './router.js'

const theme = createTheme({
  primaryColor: 'indigo',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", Vazirmatn, Tahoma, sans-serif',
  focusRing: 'auto',
})

const isClientError = (error: unknown) => isApiError(error) && error.status >= 400 && error.status < 500
const toastFor = (error: unknown) => showErrorToast(isApiError(error) ? error.title : i18next.t('app.errorTitle'), error instanceof Error ? error.message : String(error))

function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError(error, query) {
        if (isApiError(error) && error.status === 401) {
          // The session ended: asking who we are again shows the sign-in page.
          if (query.queryKey[0] !== ME_KEY[0]) void client.invalidateQueries({ queryKey: ME_KEY })
          return
        }
        // A first load shows its error in place; a failed refresh or next page gets a toast.
        if (query.state.data !== undefined) toastFor(error)
      },
    }),
    mutationCache: new MutationCache({
      onError(error, _variables, _context, mutation) {
        if (!mutation.meta?.handlesOwnErrors) toastFor(error)
      },
    }),
    defaultOptions: {
      queries: { retry: (failures, error) => !isClientError(error) && failures < 2, refetchOnWindowFocus: false, staleTime: 30_000 },
    },
  })
  return client
}

const queryClient = createQueryClient()

/** Keeps Mantine's direction (and so its RTL styles) in step with the UI language. */
function DirectionSync() {
  const { i18n } = useTranslation()
  const { setDirection } = useDirection()
  useEffect(() => setDirection(directionOf(i18n.language)), [i18n.language, setDirection])
  return null
}

function Gate() {
  const me = useMe()
  const { route } = useLocation()
  const signedIn = me.isSuccess && !me.isError
  useEffect(() => {
    if (signedIn && (route.name === 'signIn' || route.name === 'setup')) navigate('/', { replace: true })
  }, [signedIn, route.name])

  // Pages reached from mail links work signed in or out.
  if (route.name === 'forgotPassword') return <ForgotPasswordPage />
  if (route.name === 'resetPassword') return <ResetPasswordPage />
  if (route.name === 'acceptInvite') return <AcceptInvitePage />
  if (me.isPending) return <FullPageLoader />
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      if (route.name === 'setup') return <SetupPage />
      // Signed in a moment ago: say why the sign-in page is back.
      return <SignInPage sessionEnded={me.data !== undefined} />
    }
    return <Center mih="100vh" p="md"><ErrorAlert error={me.error} onRetry={() => void me.refetch()} /></Center>
  }
  if (route.name === 'signIn' || route.name === 'setup') return <FullPageLoader />
  return <AppLayout me={me.data} route={route} />
}

export function App() {
  return (
    <DirectionProvider initialDirection={directionOf(i18next.language)} detectDirection={false}>
      <MantineProvider theme={theme}>
        <QueryClientProvider client={queryClient}>
          <DirectionSync />
          <Gate />
          <ToastViewport />
        </QueryClientProvider>
      </MantineProvider>
    </DirectionProvider>
  )
}
