/**
 * The records toolbar's Export action: the list as the user sees it (the view's filter, the
 * group filter, the sort and the shown columns) as a CSV or Excel file. The server applies
 * permissions, hidden fields and record scope; a refusal is shown as a toast with its detail.
 */
import { Button, Menu } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { downloadExport, type ExportFormat } from '../../api/exports.js'
import type { ObjectDescription, SortKey } from '../../api/types.js'
import { isApiError } from '../../api/client.js'
import { showErrorToast } from '../../components/toasts.js'

/** Columns every record has that the export API accepts besides the object's fields. */
const SYSTEM_FIELDS = new Set(['id', 'createdAt', 'updatedAt', 'ownerId', 'createdBy'])

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

export function ExportMenu({ object, filter, sort, columns }: { object: ObjectDescription; filter: unknown; sort: SortKey[]; columns: string[] }) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState<ExportFormat | null>(null)
  const known = new Set(object.fields.map((f) => f.apiName))
  const fields = columns.filter((key) => known.has(key) || SYSTEM_FIELDS.has(key))

  async function run(format: ExportFormat) {
    setBusy(format)
    try {
      const file = await downloadExport(object.apiName, { format, filter: filter ?? undefined, sort, fields })
      save(file.blob, file.fileName)
    } catch (error) {
      showErrorToast(t('exports.failed'), isApiError(error) ? error.message : String(error))
    } finally {
      setBusy(null)
    }
  }

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="xs" loading={busy !== null} aria-label={t('exports.action', { object: object.labelPlural })}>
          {t('exports.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('exports.menuLabel')}</Menu.Label>
        <Menu.Item onClick={() => void run('csv')}>{t('exports.csv')}</Menu.Item>
        <Menu.Item onClick={() => void run('xlsx')}>{t('exports.xlsx')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
