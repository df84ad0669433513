import { Select, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ImportMapping } from '../../../../contracts/imports.js'
import type { ObjectDescription } from '../../api/types.js'
import type { DomainTarget } from './domain-targets.js'
import { importableFields } from './import-fields.js'

const SKIP = '__skip'

/** One row per column of the file: its header and the field it goes to (or "don't import"). */
export function MappingTable({ object, mapping, onChange, domainTargets = [] }: { object: ObjectDescription; mapping: ImportMapping; onChange: (next: ImportMapping) => void; domainTargets?: DomainTarget[] }) {
  const { t } = useTranslation()
  const fields = [...importableFields(object).map((f) => ({ apiName: f.apiName, label: f.label })),
    ...domainTargets.map((d) => ({ apiName: d.value, label: t('importdomain.domainTarget', { relation: d.relationLabel }) }))]
  const used = new Set(Object.values(mapping).filter((v): v is string => v !== null))
  const mapped = Object.values(mapping).filter((v) => v !== null).length
  return (
    <>
      <Text size="sm" c="dimmed">{t('imports.mappedCount', { count: mapped })}</Text>
      <Table striped className="import-mapping">
        <Table.Thead>
          <Table.Tr><Table.Th>{t('imports.column')}</Table.Th><Table.Th>{t('imports.field')}</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {Object.entries(mapping).map(([header, target]) => (
            <Table.Tr key={header}>
              <Table.Td><bdi>{header || '—'}</bdi></Table.Td>
              <Table.Td>
                <Select size="xs" aria-label={t('imports.fieldFor', { column: header })} value={target ?? SKIP} allowDeselect={false} searchable
                  data={[{ value: SKIP, label: t('imports.skipColumn') }, ...fields.map((f) => ({ value: f.apiName, label: f.label, disabled: used.has(f.apiName) && f.apiName !== target }))]}
                  onChange={(value) => onChange({ ...mapping, [header]: value === SKIP || value === null ? null : value })} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  )
}
