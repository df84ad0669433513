/**
 * Columns of an invoice-line file (one row per order line, as shops export them) and the role
 * each plays: order number, date, customer, product (SKU and/or name), quantity, unit price.
 * Headers are matched by name and synonyms, UCI Online Retail's among them.
 */
import { fieldError } from '../../errors.js'
import { normaliseHeader, type ImportMapping } from './header-mapping.js'

export const INVOICE_ROLES = ['orderNumber', 'orderDate', 'customer', 'productSku', 'productName', 'quantity', 'unitPrice'] as const
export type InvoiceRole = (typeof INVOICE_ROLES)[number]

const SYNONYMS: Record<InvoiceRole, string[]> = {
  orderNumber: ['order number', 'order', 'order no', 'order id', 'invoice', 'invoice no', 'invoice number', 'номер заказа', 'заказ', 'شماره سفارش', 'užsakymo numeris', 'užsakymas'],
  orderDate: ['order date', 'date', 'invoice date', 'дата', 'дата заказа', 'تاریخ', 'data', 'užsakymo data'],
  customer: ['customer', 'customer id', 'customer email', 'email', 'client', 'покупатель', 'клиент', 'مشتری', 'klientas', 'pirkėjas'],
  productSku: ['sku', 'stock code', 'product code', 'item code', 'артикул', 'کد کالا', 'prekės kodas'],
  productName: ['product', 'product name', 'description', 'item', 'товар', 'наименование', 'کالا', 'prekė', 'aprašymas'],
  quantity: ['quantity', 'qty', 'количество', 'تعداد', 'kiekis'],
  unitPrice: ['unit price', 'price', 'цена', 'قیمت واحد', 'قیمت', 'vieneto kaina', 'kaina'],
}

/** Headers → roles (null: not used); `override` entries win. Refuses a file that lacks what an order line needs. */
export function mapInvoiceHeaders(headers: string[], override: ImportMapping | undefined): ImportMapping {
  const byName = new Map<string, InvoiceRole>()
  for (const role of INVOICE_ROLES) for (const name of [role, ...SYNONYMS[role]]) if (!byName.has(normaliseHeader(name))) byName.set(normaliseHeader(name), role)
  const mapping: ImportMapping = {}
  const used = new Set<string>()
  for (const header of headers) {
    const role = byName.get(normaliseHeader(header))
    mapping[header] = role && !used.has(role) ? role : null
    if (role) used.add(role)
  }
  for (const [header, role] of Object.entries(override ?? {})) {
    if (!headers.includes(header)) throw fieldError(`/query/mapping/${header.slice(0, 100)}`, 'there is no column with this header in the file')
    if (role !== null && !(INVOICE_ROLES as readonly string[]).includes(role)) throw fieldError(`/query/mapping/${header.slice(0, 100)}`, `must be one of ${INVOICE_ROLES.join(', ')} or null`)
    mapping[header] = role
  }
  const roles = Object.values(mapping).filter((r): r is string => r !== null)
  const twice = roles.find((r, i) => roles.indexOf(r) !== i)
  if (twice) throw fieldError('/query/mapping', `${twice} is mapped from more than one column`)
  for (const needed of ['orderNumber', 'quantity', 'unitPrice'] as const) {
    if (!roles.includes(needed)) throw fieldError('/query/mapping', `no column is the ${needed} of an invoice line (columns: ${headers.join(', ').slice(0, 300)})`)
  }
  if (!roles.includes('productSku') && !roles.includes('productName')) throw fieldError('/query/mapping', 'no column names the product (productSku or productName)')
  return mapping
}
