import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AppError } from '../errors.js'
import { createCursorCodec, type ResolvedSortKey } from './sort-cursor.js'

const keys: ResolvedSortKey[] = [
  { field: 'lastName', dir: 'asc', column: 'last_name', kind: 'text', nullable: true },
  { field: 'id', dir: 'asc', column: 'id', kind: 'text', nullable: false },
]

test('a cursor round-trips and is bound to its sort and its secret', () => {
  const codec = createCursorCodec('secret-1')
  const cursor = codec.encode(keys, { last_name: 'Petraitis', id: 'x', amount: 5n })
  assert.deepEqual(codec.decode(keys, cursor, '/cursor'), ['Petraitis', 'x'])
  assert.throws(() => createCursorCodec('secret-2').decode(keys, cursor, '/cursor'), (e: AppError) => e.code === 'invalid-cursor')
  const otherSort = [{ ...keys[0], dir: 'desc' as const }, keys[1]]
  assert.throws(() => codec.decode(otherSort, cursor, '/cursor'), (e: AppError) => e.code === 'invalid-cursor')
  for (const bad of ['', '.', 'abc', `${cursor}x`, `${cursor}.extra`, 'x'.repeat(5000)]) {
    assert.throws(() => codec.decode(keys, bad, '/cursor'), (e: AppError) => e.code === 'invalid-cursor', bad.slice(0, 20))
  }
})
