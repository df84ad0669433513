/**
 * The record list on a phone: one card per record (its title and the first few fields),
 * virtualized like the table, with each card's real height measured.
 */
import { Anchor, Paper } from '@mantine/core'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { linkProps, recordPath } from '../../app/router.js'
import { CardFields } from './CardFields.js'
import { recordTitle } from './fields.js'
import { ListFooterRow } from './ListFooterRow.js'
import type { RecordListViewProps } from './list-view.js'
import { useVirtualRows } from './useVirtualRows.js'

const ESTIMATED_CARD_HEIGHT = 132
const FIELDS_PER_CARD = 4

export function RecordCardList(props: RecordListViewProps) {
  const { t } = useTranslation()
  const { object, columns, rows, ctx } = props
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualRows({
    scrollRef, rowCount: rows.length, estimateSize: ESTIMATED_CARD_HEIGHT, hasNextPage: props.hasNextPage,
    isFetchingNextPage: props.isFetchingNextPage, canFetch: !props.isFetchNextPageError, fetchNextPage: props.fetchNextPage,
  })
  const details = columns.filter((column) => !object.labelFields.includes(column.key)).slice(0, FIELDS_PER_CARD)

  return (
    <div ref={scrollRef} className="record-scroller" tabIndex={0} role="region" aria-label={t('records.tableLabel', { object: object.labelPlural })}>
      <div role="list" className="record-cards" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const record = rows[item.index]
          return (
            <div key={record?.id ?? 'footer'} role="listitem" data-index={item.index} ref={virtualizer.measureElement}
              className="record-card-slot" style={{ transform: `translateY(${item.start}px)` }}>
              {record ? (
                <Paper withBorder radius="md" p="sm" className="record-card">
                  <Anchor fw={600} {...linkProps(recordPath(object.apiName, record.id))}><bdi>{recordTitle(object, record) || t('records.untitled')}</bdi></Anchor>
                  <CardFields columns={details} record={record} ctx={ctx} className="record-card-fields" fieldClassName="record-card-field" />
                </Paper>
              ) : <ListFooterRow failed={props.isFetchNextPageError} onRetry={() => void props.fetchNextPage()} />}
            </div>
          )
        })}
      </div>
    </div>
  )
}
