/** Import jobs and mapping templates as the API answers them, for the server and the web client. */

/** Column header → field API name, or null for a column that is deliberately not imported. */
export type ImportMapping = Record<string, string | null>
export type ImportMode = 'dryRun' | 'apply'
export type ImportStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'undone'
/** What a job does now: `validating` (dry run) or `writing` (apply) while running, else its status. */
export type ImportPhase = 'validating' | 'writing' | Exclude<ImportStatus, 'running'>
export const IMPORT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1251', 'koi8-r', 'windows-1257'] as const
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number]
export const IMPORT_DELIMITERS = [',', ';', '\t', '|'] as const

/** `records` fills one object from its columns; `invoiceLines` makes orders with lines, products and customers. */
export type ImportKind = 'records' | 'invoiceLines'
export const IMPORT_DATE_FORMATS = ['dmy', 'mdy', 'ymd'] as const
export type ImportDateFormat = (typeof IMPORT_DATE_FORMATS)[number]

export interface ImportView {
  id: string
  kind: ImportKind
  object: string
  mode: ImportMode
  status: ImportStatus
  encoding: string
  delimiter: string
  key: string | null
  mapping: ImportMapping
  unmappedColumns: string[]
  phase: ImportPhase
  progress: { rowsDone: number; totalRows: number; percent: number; rowsPerSecond: number | null; etaSeconds: number | null }
  counts: { create: number; update: number; skip: number; fail: number }
  /**
   * Records made besides the rows' own (invoice lines: orders, products, customers); in a dry run, those it would make.
   * `<object>:matched` counts the existing records rows link to (a person's company found by name or domain).
   */
  summary: Record<string, number>
  dateFormat: ImportDateFormat | null
  /** Country phones without a +prefix were read in (the defaultCountry option); null: the workspace's. */
  defaultCountry: string | null
  /** createOptions: per select field, the values the file uses that were not options (added by an apply). */
  newOptions: Record<string, string[]>
  error: string | null
  createdAt: string
  finishedAt: string | null
}

/** A failing or skipped row of a job's report; row 1 is the header, as a spreadsheet numbers it. */
export interface ImportRowError {
  rowNo: number
  column: string
  reason: string
  value: string | null
}

export interface ImportTemplateOptions {
  key?: string
  encoding?: ImportEncoding
  delimiter?: string
}

export interface ImportTemplate {
  id: string
  object: string
  name: string
  mapping: ImportMapping
  options: ImportTemplateOptions
  createdAt: string
}

export interface ImportTemplateSuggestion {
  template: ImportTemplate
  /** Share of the template's and the file's columns they have in common (Jaccard), 0..1. */
  score: number
}
