import { test } from 'node:test'
import assert from 'node:assert/strict'
import { streamJobEvents } from './import-events.js'
import type { ImportView } from './imports.service.js'

const view = (rowsDone: number, status: ImportView['status'] = 'running'): ImportView => ({
  id: 'j', kind: 'records', summary: {}, dateFormat: null, defaultCountry: null, newOptions: {}, object: 'people', mode: 'apply', status, encoding: 'utf-8', delimiter: ',', key: null, mapping: {}, unmappedColumns: [],
  phase: status === 'running' ? 'writing' : status,
  progress: { rowsDone, totalRows: 10, percent: rowsDone * 10, rowsPerSecond: null, etaSeconds: null },
  counts: { create: rowsDone, update: 0, skip: 0, fail: 0 }, error: null, createdAt: '', finishedAt: null,
})

function sink() {
  const chunks: string[] = []
  return { chunks, write: (c: string) => { chunks.push(c) }, isClosed: () => false }
}

const events = (chunks: string[]) => chunks.join('').split('\n\n').filter((e) => e.startsWith('id:')).map((e) => {
  const lines = Object.fromEntries(e.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]))
  return { id: lines.id, event: lines.event, rowsDone: (JSON.parse(lines.data) as ImportView).progress.rowsDone }
})

test('a progress event per change, a heartbeat while idle, and an end event', async () => {
  const snapshots = [view(0), view(0), view(0), view(5), view(5), view(10, 'completed')]
  const out = sink()
  await streamJobEvents(out, async () => snapshots.shift()!, { pollMs: 1, heartbeatMs: 0 })
  assert.deepEqual(events(out.chunks), [
    { id: '0-running', event: 'progress', rowsDone: 0 },
    { id: '5-running', event: 'progress', rowsDone: 5 },
    { id: '10-completed', event: 'end', rowsDone: 10 },
  ])
  assert.ok(out.chunks.includes(': heartbeat\n\n'))
  assert.equal(out.chunks[0], 'retry: 2000\n\n')
})

test('Last-Event-ID skips the snapshot the client already has', async () => {
  const snapshots = [view(5), view(7), view(10, 'cancelled')]
  const out = sink()
  await streamJobEvents(out, async () => snapshots.shift()!, { pollMs: 1, lastEventId: '5-running' })
  assert.deepEqual(events(out.chunks).map((e) => e.id), ['7-running', '10-cancelled'])
})

test('stops when the client leaves', async () => {
  let loads = 0
  await streamJobEvents({ write: () => {}, isClosed: () => loads >= 3 }, async () => { loads++; return view(loads) }, { pollMs: 1 })
  assert.equal(loads, 3)
})
