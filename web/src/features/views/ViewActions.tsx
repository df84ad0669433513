/**
 * What can be done with the views: save the edits into the active view, save them as a new one,
 * and — for a view the caller may change — rename, share or unshare, and delete it. Failures
 * (a 412 when someone saved first, say) arrive as toasts with the API's detail.
 */
import { ActionIcon, Badge, Button, Group, Menu, Modal, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ObjectDescription } from '../../api/types.js'
import type { ViewState } from './useViewState.js'
import { useViewMutations } from './useViews.js'
import { SaveViewModal } from './SaveViewModal.js'

type Dialog = 'saveAs' | 'rename' | 'delete' | null

export function ViewActions({ object, state }: { object: ObjectDescription; state: ViewState }) {
  const { t } = useTranslation()
  const [dialog, setDialog] = useState<Dialog>(null)
  const mutations = useViewMutations(object.apiName)
  const { active, parts, dirty } = state
  const close = () => setDialog(null)
  const body = { filter: parts.filter ?? null, sort: parts.sort, columns: parts.columns }

  const save = () => {
    if (active) mutations.update.mutate({ view: active, body }, { onSuccess: () => state.reset() })
  }
  const saveAs = ({ name, shared }: { name: string; shared: boolean }) =>
    mutations.create.mutate({ object: object.apiName, name, visibility: shared ? 'shared' : 'private', ...body }, {
      onSuccess: (view) => { close(); state.select(view.id) },
    })
  const rename = ({ name }: { name: string }) => active && mutations.update.mutate({ view: active, body: { name } }, { onSuccess: close })
  const toggleShare = () => active && mutations.update.mutate({ view: active, body: { visibility: active.visibility === 'shared' ? 'private' : 'shared' } })
  const remove = () => active && mutations.remove.mutate(active, { onSuccess: () => { close(); state.select(null) } })

  return (
    <Group gap="xs" wrap="wrap" className="view-actions">
      {dirty ? <Badge variant="light" color="orange" role="status">{t('views.unsaved')}</Badge> : null}
      {active?.visibility === 'shared' ? <Badge variant="light" color="teal">{t('views.shared')}</Badge> : null}
      {active?.editable && dirty ? <Button size="xs" onClick={save} loading={mutations.update.isPending}>{t('views.save')}</Button> : null}
      <Button size="xs" variant={active?.editable && dirty ? 'default' : dirty ? 'filled' : 'default'} onClick={() => setDialog('saveAs')}>{t('views.saveAs')}</Button>
      <Menu position="bottom-end" withinPortal shadow="md">
        <Menu.Target>
          <ActionIcon variant="default" size="md" aria-label={t('views.more')}><span aria-hidden="true">⋯</span></ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item disabled={!dirty} onClick={state.reset}>{t('views.discard')}</Menu.Item>
          {active?.editable ? (
            <>
              <Menu.Item onClick={() => setDialog('rename')}>{t('views.rename')}</Menu.Item>
              <Menu.Item onClick={toggleShare}>{active.visibility === 'shared' ? t('views.makePrivate') : t('views.share')}</Menu.Item>
              <Menu.Divider />
              <Menu.Item color="red" onClick={() => setDialog('delete')}>{t('views.delete')}</Menu.Item>
            </>
          ) : null}
        </Menu.Dropdown>
      </Menu>
      <SaveViewModal opened={dialog === 'saveAs'} title={t('views.saveAsTitle')} initialName={active ? t('views.copyOf', { name: active.name }) : ''}
        withShare pending={mutations.create.isPending} onClose={close} onSubmit={saveAs} />
      <SaveViewModal opened={dialog === 'rename'} title={t('views.renameTitle')} initialName={active?.name ?? ''}
        withShare={false} pending={mutations.update.isPending} onClose={close} onSubmit={rename} />
      <Modal opened={dialog === 'delete'} onClose={close} title={t('views.deleteTitle')} closeButtonProps={{ 'aria-label': t('views.close') }}>
        <Text size="sm">{t('views.deleteConfirm', { name: active?.name ?? '' })}</Text>
        <Group justify="flex-end" gap="xs" mt="md">
          <Button variant="default" onClick={close}>{t('views.cancel')}</Button>
          <Button color="red" onClick={remove} loading={mutations.remove.isPending}>{t('views.delete')}</Button>
        </Group>
      </Modal>
    </Group>
  )
}
