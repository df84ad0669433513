/** The end of an ACD edit dialog: what the server refused that no field shows, then Cancel and Save. */
import { Alert, Button, Group } from '@mantine/core'
import { useTranslation } from 'react-i18next'

export function AcdDialogFooter({ problems, saving, onCancel }: { problems: string[]; saving: boolean; onCancel: () => void }) {
  const { t } = useTranslation()
  return (
    <>
      {problems.length ? <Alert color="red" role="alert" title={t('acdadmin.notSaved')}>{problems.map((line) => <div key={line}><bdi>{line}</bdi></div>)}</Alert> : null}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onCancel}>{t('acdadmin.cancel')}</Button>
        <Button type="submit" loading={saving}>{t('acdadmin.save')}</Button>
      </Group>
    </>
  )
}
