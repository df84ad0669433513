import type { Column } from './fields.js'
import { textDirectionOf } from './fields.js'

/**
 * A value isolated from the page's direction (<bdi>): a Latin name in a Persian table, or a
 * Persian name in an English one, keeps its own order and does not reorder its neighbours;
 * phones, emails and links are always left to right.
 */
export function CellText({ column, text }: { column: Column; text: string }) {
  return <bdi dir={textDirectionOf(column)}>{text}</bdi>
}
