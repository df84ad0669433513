/**
 * exceljs costs about 28 MB of memory once loaded, and only XLSX imports and exports need it:
 * it is loaded on first use, so a server that never sees a workbook stays within its memory
 * budget (bench: RSS < 200 MB at 1M people).
 */
import type ExcelJS from 'exceljs'

let loading: Promise<typeof ExcelJS> | null = null

export function loadExcelJs(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((module) => module.default)
  return loading
}
