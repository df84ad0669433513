/**
 * Related lists: for each to-many relation of the object (a company's people and
 * opportunities, a person's activities), the records on the other side, found by filtering
 * the target on the inverse field (`company eq <id>`), in keyset pages with "load more", and
 * how many there are (counted up to 1,000).
 */
import { Anchor, Badge, Button, Group, Loader, Paper, Stack, Text } from '@mantine/core'
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { queryRecords } from '../../api/record-writes.js'
import type { FieldDescription, ObjectDescription } from '../../api/types.js'
import { linkProps, recordPath } from '../../app/router.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { CellText } from '../records/CellText.js'
import { columnsOf, formatCell, recordTitle, type FormatContext } from '../records/fields.js'

const PAGE_SIZE = 5
/** Counting stops here; more shows as "1,000+". */
const COUNT_LIMIT = 1000
const DETAIL_COLUMNS = 2

export interface RelatedListSpec {
  field: FieldDescription
  target: ObjectDescription
  /** The target's field that points back at this record. */
  inverse: string
}

/** The object's to-many relations whose target the caller can read. */
export function relatedListsOf(object: ObjectDescription, objects: ObjectDescription[]): RelatedListSpec[] {
  return object.fields.flatMap((field) => {
    const relation = field.options.relation
    if (field.type !== 'relation' || !relation || relation.kind === 'manyToOne' || !relation.inverseName) return []
    const target = objects.find((candidate) => candidate.apiName === relation.target)
    return target && target.fields.some((f) => f.apiName === relation.inverseName) ? [{ field, target, inverse: relation.inverseName }] : []
  })
}

function RelatedList({ spec, recordId, ctx }: { spec: RelatedListSpec; recordId: string; ctx: FormatContext }) {
  const { t } = useTranslation()
  const { field, target, inverse } = spec
  const filter = { field: inverse, op: 'eq', value: recordId }
  const pages = useInfiniteQuery({
    queryKey: ['records', target.apiName, 'related', inverse, recordId],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => queryRecords(target.apiName, { filter, limit: PAGE_SIZE, cursor: pageParam, signal }),
    getNextPageParam: (last) => (last.page.hasMore ? last.page.nextCursor : undefined),
  })
  const count = useQuery({
    queryKey: ['records', target.apiName, 'relatedCount', inverse, recordId],
    queryFn: async ({ signal }) => {
      const page = await queryRecords(target.apiName, { filter, limit: COUNT_LIMIT, fields: ['id'], signal })
      return { count: page.data.length, more: page.page.hasMore }
    },
  })
  const rows = pages.data?.pages.flatMap((page) => page.data) ?? []
  const details = columnsOf(target, t).filter((column) => column.field && !target.labelFields.includes(column.key) && column.key !== inverse
    && column.field.type !== 'relation').slice(0, DETAIL_COLUMNS)
  const headingId = `related-${field.apiName}`

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={headingId} data-related={field.apiName}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Text component="h2" fw={600} size="sm" id={headingId}>{field.label}</Text>
        {count.data ? (
          <Badge variant="light" aria-label={t('record.related.count', { count: count.data.count })} data-count={count.data.count}>
            {ctx.fmt.number(count.data.count)}{count.data.more ? '+' : ''}
          </Badge>
        ) : count.isPending ? <Loader size="xs" aria-hidden="true" /> : null}
      </Group>
      {pages.isPending ? null : pages.isError ? (
        <ErrorAlert error={pages.error} onRetry={() => void pages.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">{t('record.related.empty')}</Text>
      ) : (
        <Stack component="ul" gap={6} className="plain-list">
          {rows.map((row) => (
            <li key={row.id}>
              <Anchor size="sm" {...linkProps(recordPath(target.apiName, row.id))}><bdi>{recordTitle(target, row) || t('records.untitled')}</bdi></Anchor>
              {details.map((column) => {
                const text = formatCell(column, row, ctx)
                return text ? <Text key={column.key} span size="xs" c="dimmed" className="related-detail"><CellText column={column} text={text} /></Text> : null
              })}
            </li>
          ))}
        </Stack>
      )}
      {pages.hasNextPage ? (
        <Button variant="subtle" size="xs" mt="xs" loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
          {t('record.related.loadMore')}
        </Button>
      ) : null}
    </Paper>
  )
}

export function RelatedLists({ object, recordId, objects, ctx }: { object: ObjectDescription; recordId: string; objects: ObjectDescription[]; ctx: FormatContext }) {
  const specs = relatedListsOf(object, objects)
  return <>{specs.map((spec) => <RelatedList key={spec.field.apiName} spec={spec} recordId={recordId} ctx={ctx} />)}</>
}
