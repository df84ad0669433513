/** A sample IVR flow shared by the API tests and the benchmark. */

export const say = (en: string, ru = `${en} (ru)`) => ({ text: { en, ru } })

/** Main menu: 1 sales (hours-gated), 2 order status lookup, 0 operator; wrong keys retry twice. */
export function sampleFlow() {
  return {
    start: 'welcome', languages: ['en', 'ru'], timeZone: 'Europe/Vilnius',
    nodes: {
      welcome: { type: 'prompt', prompt: say('Welcome to Rapport'), next: 'hours' },
      hours: {
        type: 'hours', weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '16:00']] },
        holidays: ['2026-12-24', '2026-12-25'], open: 'main', closed: 'closedMsg',
      },
      closedMsg: { type: 'voicemail', mode: 'voicemail', prompt: say('We are closed'), queue: 'support' },
      main: { type: 'menu', prompt: say('Press 1 for sales, 2 for order status, 0 for an operator'), choices: { 1: 'sales', 2: 'order', 0: 'operator' }, retries: 2, onFail: 'operator' },
      sales: { type: 'queue', queue: 'sales', skills: ['sales', 'lang-en'], priority: 5 },
      operator: { type: 'queue', queue: 'support', skills: [] },
      order: { type: 'lookup', prompt: say('Enter your order number, then hash'), object: 'orders', matchField: 'orderNumber', answerFields: ['status', 'total'], found: 'orderSaid', notFound: 'main' },
      orderSaid: { type: 'menu', prompt: say('Press 9 for the main menu, 0 for an operator'), choices: { 9: 'main', 0: 'operator' } },
    },
  }
}
