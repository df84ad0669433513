/** Every message area of one language, bundled into one lazily loaded chunk (see ../index.ts). */
import { areasOf } from './areas.js'

export default areasOf(import.meta.glob<{ default: Record<string, unknown> }>('../locales/fa/*.json', { eager: true }))
