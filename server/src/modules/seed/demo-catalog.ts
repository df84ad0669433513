/** The demo product catalogue: categories, items, variants and their prices. */
import type { DemoPlan, DemoProduct } from './demo-data.js'
import { itemSeed, Mulberry32, STREAM_PRODUCTS, streamSeed } from './demo-random.js'
import { formatCents } from './demo-money.js'

interface Category { name: string; code: string; items: string[]; variants: string[]; mult: number[]; lo: number; hi: number; deal: string }
export const CATEGORIES: Category[] = [
  { name: 'Laptops', code: 'LAP', lo: 650, hi: 1500, deal: 'Laptop refresh',
    items: ['Aero 14 Laptop', 'Vector 15 Laptop', 'Nimbus 13 Ultrabook', 'Titan 16 Workstation', 'Flex 14 2-in-1'],
    variants: ['8 GB / 256 GB', '16 GB / 512 GB', '32 GB / 1 TB', '64 GB / 2 TB'], mult: [1, 1.25, 1.6, 2.2] },
  { name: 'Monitors', code: 'MON', lo: 120, hi: 450, deal: 'Monitor upgrade',
    items: ['ClearView 24" Monitor', 'ClearView 27" Monitor', 'UltraWide 34" Monitor', 'ProColor 27" 4K Monitor', 'Portable 16" Monitor'],
    variants: ['Standard', 'Height-adjustable', 'USB-C', 'USB-C, height-adjustable'], mult: [1, 1.15, 1.2, 1.35] },
  { name: 'Peripherals', code: 'PER', lo: 25, hi: 220, deal: 'Peripherals bundle',
    items: ['Wireless Mouse', 'Mechanical Keyboard', 'USB-C Docking Station', 'HD Webcam', 'Noise-Cancelling Headset'],
    variants: ['Standard', 'Plus', 'Pro', 'Business 5-pack'], mult: [1, 1.3, 1.8, 4.5] },
  { name: 'Networking', code: 'NET', lo: 80, hi: 900, deal: 'Network upgrade',
    items: ['Wi-Fi 6 Access Point', '24-Port Managed Switch', 'Business Firewall', 'Mesh Router Kit', '10G SFP+ Module'],
    variants: ['Lite', 'Standard', 'Pro', 'Enterprise'], mult: [1, 1.4, 2, 3] },
  { name: 'Software Licenses', code: 'SWL', lo: 9, hi: 60, deal: 'Software licenses',
    items: ['Sales Cloud Seat', 'Analytics Suite', 'Office Productivity Suite', 'Endpoint Security', 'Project Planner'],
    variants: ['Monthly', 'Annual', 'Annual, 10 seats', 'Annual, 50 seats'], mult: [1, 10, 95, 450] },
  { name: 'Cloud Services', code: 'CLD', lo: 20, hi: 160, deal: 'Cloud migration',
    items: ['Virtual Server', 'Managed Database', 'Object Storage 1 TB', 'Backup Service', 'CDN Bandwidth 10 TB'],
    variants: ['Small', 'Medium', 'Large', 'X-Large'], mult: [1, 2, 4, 8] },
  { name: 'Office Furniture', code: 'FUR', lo: 150, hi: 1400, deal: 'Office fit-out',
    items: ['Ergonomic Office Chair', 'Standing Desk', 'Meeting Table', 'Filing Cabinet', 'Acoustic Phone Booth'],
    variants: ['Oak', 'Walnut', 'White', 'Graphite'], mult: [1, 1.15, 1, 1.05] },
  { name: 'Office Supplies', code: 'SUP', lo: 5, hi: 80, deal: 'Office supplies contract',
    items: ['A4 Copy Paper, 5 reams', 'Gel Pens, box of 12', 'Sticky Notes, pack of 24', 'Whiteboard Markers, set of 8', 'Toner Cartridge'],
    variants: ['Economy', 'Standard', 'Premium', 'Bulk'], mult: [0.8, 1, 1.3, 4] },
  { name: 'Training', code: 'TRN', lo: 90, hi: 300, deal: 'Team training',
    items: ['Admin Onboarding Workshop', 'Sales Team Training', 'Data Migration Bootcamp', 'Reporting Masterclass', 'API Integration Course'],
    variants: ['Online, 1 seat', 'Online, 10 seats', 'On-site, half day', 'On-site, full day'], mult: [1, 8, 15, 25] },
  { name: 'Support Plans', code: 'SPT', lo: 30, hi: 250, deal: 'Support plan',
    items: ['Standard Support', 'Priority Support', 'Premium Support', 'Dedicated Success Manager', 'Extended Warranty'],
    variants: ['1 month', '12 months', '24 months', '36 months'], mult: [1, 10, 18, 25] },
]
export const DEMO_PRODUCT_CATEGORIES: readonly string[] = CATEGORIES.map((c) => c.name)

/** Price in USD cents with "charm" endings (x.99, x4.99, x99.00). */
function charm(usd: number): number {
  if (usd < 100) return Math.max(1, Math.round(usd)) * 100 - 1
  if (usd < 1000) return Math.round(usd / 5) * 500 - 1
  return (Math.round(usd / 10) * 10 - 1) * 100
}

/** Product i: catalogue position, USD price and cost in cents. */
export function productAt(r: Mulberry32, stream: number, i: number, out: { cat: number; name: string; sku: string; price: number; cost: number }): void {
  const cat = i % CATEGORIES.length
  const j = Math.floor(i / CATEGORIES.length) // position within the category
  const gen = Math.floor(j / 20)
  const item = Math.floor((j % 20) / 4)
  const variant = j % 4
  const c = CATEGORIES[cat]
  // Variants of one item share its base price.
  r.seed(itemSeed(stream, (gen * CATEGORIES.length + cat) * 8 + item))
  const base = c.lo + r.float() * (c.hi - c.lo)
  const price = charm(base * c.mult[variant] * (1 + 0.08 * gen))
  r.seed(itemSeed(stream, 0x40000000 + i))
  const cost = Math.max(1, Math.min(price - 1, Math.floor(price * (0.35 + 0.4 * r.float()))))
  out.cat = cat
  out.name = c.items[item] + ' (' + c.variants[variant] + ')' + (gen > 0 ? ' Gen ' + (gen + 1) : '')
  out.sku = c.code + '-' + (1001 + j)
  out.price = price
  out.cost = cost
}

export function* demoProducts(plan: DemoPlan): Generator<DemoProduct> {
  const r = new Mulberry32()
  const stream = streamSeed(plan.seed, STREAM_PRODUCTS)
  const out = { cat: 0, name: '', sku: '', price: 0, cost: 0 }
  for (let i = 0; i < plan.products; i++) {
    productAt(r, stream, i, out)
    yield { name: out.name, sku: out.sku, category: CATEGORIES[out.cat].name, price: formatCents(out.price), cost: formatCents(out.cost) }
  }
}
