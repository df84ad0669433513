/**
 * The OpenAPI document against the running app and the web client, on every dialect:
 * - structure: every $ref resolves, every `{param}` of a path is declared as a path parameter
 *   (and nothing else is), operation ids are unique, no two paths differ only in parameter names;
 * - completeness: every registered API route is documented with its method; routes with path
 *   parameters declare a params schema;
 * - the client: every call site in web/src (test/support/client-calls.ts) names a documented
 *   path and method;
 * - types: the documented responses of key endpoints are the contracts' schemas, and the web
 *   client's types for them are `Static` of those schemas (web/src/api/contract-types.check.ts,
 *   compiled here with tsc).
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { ParetoResult } from '../contracts/customer-analytics.js'
import { Wallboard } from '../contracts/contact-center.js'
import { WidgetResult } from '../contracts/dashboards.js'
import { RecordPage } from '../contracts/records.js'
import { pathParamsOf, routeCatalog } from '../server/src/modules/system/route-catalog.js'
import { clientCalls, matchesTemplate } from './support/client-calls.js'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
type Json = Record<string, any>
const METHODS = ['get', 'put', 'post', 'delete', 'patch']
const plain = (schema: unknown) => JSON.parse(JSON.stringify(schema))

/** Every `$ref` in the document, with where it was found. */
function refsOf(node: unknown, at = '#', out: { at: string; ref: string }[] = []) {
  if (Array.isArray(node)) node.forEach((item, i) => refsOf(item, `${at}/${i}`, out))
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push({ at, ref: value })
      else refsOf(value, `${at}/${key}`, out)
    }
  }
  return out
}

const resolvePointer = (doc: Json, ref: string) => ref.slice(2).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
  .reduce<any>((node, key) => (node === undefined ? undefined : node[key]), doc)

for (const dialect of DIALECTS) {
  describe(`OpenAPI contract [${dialect.name}]`, () => {
    let env: TestEnv
    let doc: Json
    before(async () => {
      env = await startEnv(dialect)
      const response = await call(env, 'GET', '/api/openapi.json')
      assert.equal(response.status, 200)
      doc = response.json
    })
    after(() => env.close())

    test('every $ref resolves to a schema in the document', () => {
      const refs = refsOf(doc)
      assert.ok(refs.length > 20, 'the document uses named schemas')
      const broken = refs.filter(({ ref }) => !ref.startsWith('#/') || resolvePointer(doc, ref) === undefined)
      assert.deepEqual(broken, [])
    })

    test('path parameters are exactly the {names} of the path; operations are well formed', () => {
      const problems: string[] = []
      const ids = new Map<string, string>()
      const shapes = new Map<string, string>()
      for (const [p, item] of Object.entries(doc.paths as Json)) {
        const shape = p.replace(/\{[^}]+\}/g, '{}')
        if (shapes.has(shape)) problems.push(`${p} and ${shapes.get(shape)} differ only in parameter names`)
        shapes.set(shape, p)
        const names = pathParamsOf(p)
        for (const [method, op] of Object.entries(item as Json)) {
          if (!METHODS.includes(method)) { problems.push(`${p}: unknown key ${method}`); continue }
          const declared = [...(item.parameters ?? []), ...(op.parameters ?? [])].filter((x: Json) => x.in === 'path')
          for (const name of names) {
            const param = declared.find((x: Json) => x.name === name)
            if (!param) problems.push(`${method.toUpperCase()} ${p}: {${name}} not declared`)
            else if (param.required !== true) problems.push(`${method.toUpperCase()} ${p}: {${name}} not required`)
          }
          for (const param of declared) if (!names.includes(param.name)) problems.push(`${method.toUpperCase()} ${p}: path parameter ${param.name} is not in the path`)
          if (!op.responses || Object.keys(op.responses).length === 0) problems.push(`${method.toUpperCase()} ${p}: no responses`)
          for (const [status, response] of Object.entries(op.responses ?? {})) {
            if (!/^([1-5]XX|[1-5]\d\d|default)$/.test(status)) problems.push(`${method.toUpperCase()} ${p}: response key ${status}`)
            if (typeof (response as Json).description !== 'string') problems.push(`${method.toUpperCase()} ${p}: response ${status} has no description`)
          }
          if (op.operationId) {
            if (ids.has(op.operationId)) problems.push(`operationId ${op.operationId} twice (${ids.get(op.operationId)}, ${p})`)
            ids.set(op.operationId, p)
          }
        }
      }
      assert.deepEqual(problems, [])
    })

    test('every registered API route is documented with its method', () => {
      const routes = routeCatalog(env.app).filter((r) => r.path.startsWith('/api/'))
      assert.ok(routes.length > 150, `the catalog saw the routes (${routes.length})`)
      const missing = routes.filter((r) => !doc.paths[r.path]?.[r.method]).map((r) => `${r.method.toUpperCase()} ${r.path}`)
      assert.deepEqual(missing, [])
      for (const p of ['/api/v1/analytics/quotas/{id}', '/api/v1/contact-center/wallboard', '/api/v1/imports', '/api/v1/analytics/clusters', '/api/v1/access/roles']) {
        assert.ok(doc.paths[p] || Object.keys(doc.paths).some((k) => k.startsWith(p)), `${p} documented`)
      }
    })

    test('routes with path parameters declare a params schema', () => {
      const untyped = routeCatalog(env.app).filter((r) => pathParamsOf(r.path).length > 0 && !r.schema.params).map((r) => `${r.method.toUpperCase()} ${r.path}`)
      assert.deepEqual(untyped, [])
    })

    test('a derived operation carries the route\'s own schemas', () => {
      const create = doc.paths['/api/v1/analytics/quotas'].post
      assert.deepEqual(create.requestBody.content['application/json'].schema.required.sort(), ['amount', 'currency', 'ownerId', 'period'])
      const attainment = doc.paths['/api/v1/analytics/quotas/attainment'].get
      assert.deepEqual(attainment.parameters.find((p: Json) => p.name === 'period'), { name: 'period', in: 'query', required: true, schema: { type: 'string', enum: ['month', 'quarter'] } })
      assert.deepEqual(doc.paths['/healthz'].get.security, [], 'public routes need no key')
    })

    test('every endpoint the web client calls is documented with the same method', () => {
      const { calls, unresolved } = clientCalls(path.join(ROOT, 'web', 'src'))
      assert.deepEqual(unresolved.map((c) => `${c.file}:${c.line} ${c.source}`), [], 'call sites whose path the scan cannot read')
      assert.ok(calls.length > 80, `found the client's calls (${calls.length})`)
      const unknown = calls.filter((c) => !Object.entries(doc.paths as Json).some(([template, item]) => matchesTemplate(template, c.path) && item[c.method]))
      assert.deepEqual(unknown.map((c) => `${c.file}:${c.line} ${c.method.toUpperCase()} ${c.path}`), [])
    })

    test('key responses are the contracts\' schemas', () => {
      const data = (p: string, method = 'get') => doc.paths[p][method].responses['200'].content['application/json'].schema
      assert.deepEqual(data('/api/v1/analytics/pareto').properties.data, plain(ParetoResult))
      assert.deepEqual(data('/api/v1/contact-center/wallboard').properties.data, plain(Wallboard))
      assert.deepEqual(data('/api/v1/dashboards/{id}/data').properties.data.items, plain(WidgetResult))
      assert.deepEqual(data('/api/v1/records/{object}').properties, plain(RecordPage.properties))
    })
  })
}

describe('web client types', () => {
  test('the client\'s types are Static of the contracts\' schemas (tsc on web/src/api/contract-types.check.ts)', async () => {
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', path.join(ROOT, 'web', 'tsconfig.contract.json')], { cwd: ROOT }).catch((error: { stdout: string; code: number }) => error)
    assert.equal('code' in result ? result.code : 0, 0, 'stdout' in result ? result.stdout : '')
  })
})
