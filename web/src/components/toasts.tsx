/**
 * Error toasts: a tiny store any module can push to (the query client does, for failures of
 * background loads and of actions) and one viewport that shows them, newest last.
 */
import { Notification, Stack } from '@mantine/core'
import { useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'

export interface Toast {
  id: number
  title: string
  message: string
}

const TOAST_LIFETIME_MS = 8000
const MAX_TOASTS = 4

let toasts: Toast[] = []
let nextId = 1
const listeners = new Set<() => void>()
const emit = () => listeners.forEach((listener) => listener())

export function dismissToast(id: number): void {
  toasts = toasts.filter((toast) => toast.id !== id)
  emit()
}

export function showErrorToast(title: string, message: string): void {
  if (toasts.some((toast) => toast.title === title && toast.message === message)) return
  const toast = { id: nextId++, title, message }
  toasts = [...toasts, toast].slice(-MAX_TOASTS)
  emit()
  setTimeout(() => dismissToast(toast.id), TOAST_LIFETIME_MS)
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function ToastViewport() {
  const { t } = useTranslation()
  const current = useSyncExternalStore(subscribe, () => toasts)
  if (current.length === 0) return null
  return (
    <Stack className="toast-viewport" gap="xs">
      {current.map((toast) => (
        <Notification key={toast.id} color="red" title={toast.title} role="alert" withBorder
          closeButtonProps={{ 'aria-label': t('app.dismiss') }} onClose={() => dismissToast(toast.id)}>
          {toast.message}
        </Notification>
      ))}
    </Stack>
  )
}
