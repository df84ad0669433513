import { Type, type Static } from 'typebox'
import { API_NAME_PATTERN } from './field-types.js'
import { MAX_COLUMN_WIDTH, MAX_VIEW_COLUMNS, MAX_VIEW_NAME, MIN_COLUMN_WIDTH } from './view-limits.js'

/**
 * Saved list views: a named filter, sort and column layout of one object, private to its
 * owner or shared with the workspace. The filter and sort use the records API's own shapes
 * (the filter AST and `[{field, dir}]`), so a view is exactly a list query plus columns.
 */
export const VIEW_VISIBILITIES = ['private', 'shared'] as const
export type ViewVisibility = (typeof VIEW_VISIBILITIES)[number]

export * from './view-limits.js'

/** A visible column: a field (or system field such as createdAt) and its width in CSS pixels. */
export const ViewColumn = Type.Object({
  field: Type.String({ pattern: API_NAME_PATTERN }),
  width: Type.Optional(Type.Integer({ minimum: MIN_COLUMN_WIDTH, maximum: MAX_COLUMN_WIDTH })),
}, { additionalProperties: false })
export type ViewColumn = Static<typeof ViewColumn>

export const ViewSortKey = Type.Object({
  field: Type.String({ maxLength: 100 }),
  dir: Type.Unsafe<'asc' | 'desc'>({ type: 'string', enum: ['asc', 'desc'] }),
}, { additionalProperties: false })

const Name = Type.String({ minLength: 1, maxLength: MAX_VIEW_NAME, pattern: '\\S' })
const Visibility = Type.Unsafe<ViewVisibility>({ type: 'string', enum: [...VIEW_VISIBILITIES] })
/** The filter AST, checked against live metadata by the record engine's compiler; null clears it. */
const Filter = Type.Unsafe<unknown>({})
const Sort = Type.Array(ViewSortKey, { maxItems: 5 })
const Columns = Type.Array(ViewColumn, { maxItems: MAX_VIEW_COLUMNS })

export const CreateViewBody = Type.Object({
  object: Type.String({ pattern: API_NAME_PATTERN }),
  name: Name,
  filter: Type.Optional(Filter),
  sort: Type.Optional(Sort),
  columns: Type.Optional(Columns),
  visibility: Type.Optional(Visibility),
}, { additionalProperties: false })
export type CreateViewBody = Static<typeof CreateViewBody>

export const UpdateViewBody = Type.Object({
  name: Type.Optional(Name),
  filter: Type.Optional(Filter),
  sort: Type.Optional(Sort),
  columns: Type.Optional(Columns),
  visibility: Type.Optional(Visibility),
}, { additionalProperties: false, minProperties: 1 })
export type UpdateViewBody = Static<typeof UpdateViewBody>

/** A view as the API answers it (for the caller: fields they cannot see are already dropped). */
export interface SavedView {
  id: string
  object: string
  name: string
  filter: unknown | null
  sort: { field: string; dir: 'asc' | 'desc' }[]
  columns: ViewColumn[]
  visibility: ViewVisibility
  ownerId: string
  createdAt: string
  updatedAt: string
  version: number
  /** Whether the caller may change or delete it (owner, or an administrator for a shared view). */
  editable: boolean
}
