import { Badge, Group } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ImportView } from '../../api/imports.js'

const COLORS = { create: 'green', update: 'blue', skip: 'gray', fail: 'red' } as const

/** The four outcome counts as badges: "to create" in a dry run, "created" after an apply. */
export function ImportCounts({ view }: { view: ImportView }) {
  const { t } = useTranslation()
  const prefix = view.mode === 'dryRun' ? 'imports.counts' : 'imports.done'
  return (
    <Group gap="xs" data-testid="import-counts">
      {(Object.keys(COLORS) as (keyof typeof COLORS)[]).map((kind) => (
        <Badge key={kind} color={COLORS[kind]} variant="light" size="lg" data-kind={kind} data-count={view.counts[kind]}>
          {t(`${prefix}.${kind}`, { count: view.counts[kind] })}
        </Badge>
      ))}
    </Group>
  )
}
