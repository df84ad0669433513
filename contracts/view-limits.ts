/** Limits of saved views, in a file without dependencies so the web bundle can import them. */
export const MIN_COLUMN_WIDTH = 60
export const MAX_COLUMN_WIDTH = 1200
export const MAX_VIEW_COLUMNS = 300
export const MAX_VIEW_NAME = 120
/** The stored filter's JSON text is capped like the records list's `filter` parameter. */
export const MAX_VIEW_FILTER_CHARS = 20_000
