/** Name (and, for a new view, sharing) of a view: "Save as…" and "Rename" both use it. */
import { Button, Group, Modal, Stack, Switch, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_VIEW_NAME } from '../../../../contracts/view-limits.js'

interface Props {
  opened: boolean
  title: string
  initialName: string
  /** Offer the share switch (new views only; an existing view has its own toggle). */
  withShare: boolean
  pending: boolean
  onClose: () => void
  onSubmit: (values: { name: string; shared: boolean }) => void
}

function Form({ initialName, withShare, pending, onClose, onSubmit }: Omit<Props, 'opened' | 'title'>) {
  const { t } = useTranslation()
  const [name, setName] = useState(initialName)
  const [shared, setShared] = useState(false)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (name.trim()) onSubmit({ name: name.trim(), shared })
  }
  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput label={t('views.name')} value={name} onChange={(event) => setName(event.currentTarget.value)} required maxLength={MAX_VIEW_NAME} data-autofocus />
        {withShare ? <Switch label={t('views.shareWithWorkspace')} checked={shared} onChange={(event) => setShared(event.currentTarget.checked)} /> : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>{t('views.cancel')}</Button>
          <Button type="submit" loading={pending} disabled={!name.trim()}>{t('views.save')}</Button>
        </Group>
      </Stack>
    </form>
  )
}

export function SaveViewModal(props: Props) {
  const { t } = useTranslation()
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} closeButtonProps={{ 'aria-label': t('views.close') }}>
      {props.opened ? <Form {...props} /> : null}
    </Modal>
  )
}
