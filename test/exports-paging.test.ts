/**
 * The export reader's keyset pages (export-pages.ts) on both dialects, with pages of 3 rows so
 * every boundary is crossed: ties in the sort key, nulls in a nullable descending key, a
 * filter, relation labels cached across pages (a hidden company keeps its id), and a member
 * under private sharing — each compared with what the list API returns for the same query.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { parse } from 'csv-parse/sync'
import { Readable } from 'node:stream'
import { createExportsService } from '../server/src/modules/exports/exports.service.js'
import type { Principal } from '../server/src/http/auth.js'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

async function text(stream: Readable): Promise<string> {
  const parts: Buffer[] = []
  for await (const part of stream) parts.push(Buffer.from(part))
  return Buffer.concat(parts).toString('utf8')
}

/** Every record of a list query, through the list API's own cursors. */
async function listAll(env: TestEnv, query: string, auth = env.auth): Promise<any[]> {
  const rows: any[] = []
  let cursor: string | null = null
  do {
    const page: any = await call(env, 'GET', `/api/v1/records/people?${query}&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, auth)
    assert.equal(page.status, 200, JSON.stringify(page.json))
    rows.push(...page.json.data)
    cursor = page.json.page.nextCursor
  } while (cursor)
  return rows
}

for (const dialect of DIALECTS) {
  describe(`export paging [${dialect.name}]`, () => {
    let env: TestEnv
    let exports: ReturnType<typeof createExportsService>
    const principalOf = async (userId: string | null, roleId?: string): Promise<Principal> => ({
      workspaceId: env.workspaceId, userId, roleId: roleId ?? await env.services.access.adminRoleId(env.workspaceId), credentialId: 'test', via: 'apiKey',
    })
    before(async () => {
      env = await startEnv(dialect)
      exports = createExportsService({ records: env.services.records, views: env.services.views, audit: env.services.audit, pageRows: 3 })
      const acme = (await call(env, 'POST', '/api/v1/records/companies', { name: 'Acme' })).json.data.id
      const operations = Array.from({ length: 17 }, (_, i) => ({
        op: 'create',
        data: { firstName: `P${String(i).padStart(2, '0')}`, lastName: i % 5 === 0 ? null : `Name${i % 4}`, jobTitle: i % 2 ? 'odd' : 'even', company: i % 3 ? acme : null },
      }))
      assert.equal((await call(env, 'POST', '/api/v1/records/people/batch', { operations })).status, 200)
    })
    after(async () => { await env.close() })

    test('pages of 3 give the list API\'s rows in its order, ties and nulls included', async () => {
      const principal = await principalOf(env.adminUserId)
      for (const [sort, filter] of [
        ['-lastName', undefined],
        ['lastName,-firstName', undefined],
        ['-createdAt', { field: 'jobTitle', op: 'eq', value: 'odd' }],
      ] as const) {
        const file = await exports.export(principal, 'people', { format: 'csv', sort: sort.split(',').map((s) => ({ field: s.replace('-', ''), dir: s.startsWith('-') ? 'desc' : 'asc' })), filter, fields: ['id', 'firstName', 'lastName', 'company'] })
        const rows: string[][] = parse(await text(file.stream))
        const expected = await listAll(env, `sort=${sort}${filter ? `&filter=${encodeURIComponent(JSON.stringify(filter))}` : ''}`)
        assert.deepEqual(rows[0], ['ID', 'First name', 'Last name', 'Company'])
        assert.deepEqual(rows.slice(1).map((r) => r[0]), expected.map((r) => r.id), `${sort}: same rows in the same order`)
        assert.deepEqual(rows.slice(1).map((r) => r[2]), expected.map((r) => r.lastName ?? ''))
        assert.deepEqual(rows.slice(1).map((r) => r[3]), expected.map((r) => (r.company ? 'Acme' : '')), 'company label on every page')
      }
    })

    test('a member under private sharing exports only their own rows, page by page; a company they cannot read shows its id', async () => {
      const role = await call(env, 'POST', '/api/v1/access/roles', {
        name: `Own people ${dialect.name}`,
        permissions: { defaultObject: { read: false }, objects: { people: { read: true, create: true, export: true } } },
      })
      assert.equal(role.status, 201, JSON.stringify(role.json))
      const member = await env.addMember(role.json.data.id, `pager-${dialect.name}`)
      const company = (await call(env, 'POST', '/api/v1/records/companies', { name: 'Hidden Co' })).json.data.id
      for (let i = 0; i < 7; i++) {
        const own = await call(env, 'POST', '/api/v1/records/people', { firstName: `Own${i}`, lastName: 'Mine' }, member.auth)
        assert.equal(own.status, 201, JSON.stringify(own.json))
        assert.equal((await call(env, 'PATCH', `/api/v1/records/people/${own.json.data.id}`, { company })).status, 200)
      }
      assert.equal((await call(env, 'PUT', '/api/v1/access/sharing/people', { access: 'private' })).status, 204)
      try {
        const file = await exports.export(await principalOf(member.userId, role.json.data.id), 'people', { format: 'csv', fields: ['firstName', 'company'], sort: [{ field: 'firstName', dir: 'asc' }] })
        const rows: string[][] = parse(await text(file.stream))
        assert.deepEqual(rows.slice(1).map((r) => r[0]), ['Own0', 'Own1', 'Own2', 'Own3', 'Own4', 'Own5', 'Own6'])
        assert.ok(rows.slice(1).every((r) => r[1] === company), 'no label for a company the member cannot read')
      } finally {
        assert.equal((await call(env, 'PUT', '/api/v1/access/sharing/people', { access: 'readWrite' })).status, 204)
      }
    })
  })
}
