import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

for (const dialect of DIALECTS) {
  describe(`metadata API [${dialect.name}]`, () => {
    let env: TestEnv
    before(async () => { env = await startEnv(dialect) })
    after(async () => { await env.close() })

    test('the standard objects exist, created through the metadata path', async () => {
      const objects = await call(env, 'GET', '/api/v1/metadata/objects')
      const names = objects.json.data.map((o: any) => o.apiName)
      for (const name of ['companies', 'people', 'opportunities', 'activities', 'products', 'orders', 'orderLines', 'pipelines', 'pipelineStages']) {
        assert.ok(names.includes(name), name)
      }
      const people = objects.json.data.find((o: any) => o.apiName === 'people')
      assert.deepEqual(people.labelFields, ['firstName', 'lastName'])
      const stages = await call(env, 'POST', '/api/v1/records/pipelineStages/query', { sort: [{ field: 'position', dir: 'asc' }] })
      assert.deepEqual(stages.json.data.map((s: any) => s.name).slice(0, 2), ['Qualification', 'Discovery'])
    })

    test('a custom object with every field type: create, use, filter, sort and see it in OpenAPI', async () => {
      const created = await call(env, 'POST', '/api/v1/metadata/objects', {
        apiName: 'donations', labelSingular: 'Donation', labelPlural: 'Donations', labelField: 'title',
        fields: [
          { apiName: 'title', label: 'Title', type: 'text', required: true },
          { apiName: 'notes', label: 'Notes', type: 'longText' },
          { apiName: 'gift', label: 'Gift', type: 'currency' },
          { apiName: 'count', label: 'Count', type: 'number' },
          { apiName: 'givenOn', label: 'Given on', type: 'date' },
          { apiName: 'receivedAt', label: 'Received at', type: 'dateTime' },
          { apiName: 'anonymous', label: 'Anonymous', type: 'boolean' },
          { apiName: 'channel', label: 'Channel', type: 'select', options: { choices: [{ value: 'web', label: 'Web' }, { value: 'mail', label: 'Mail' }] } },
          { apiName: 'tags', label: 'Tags', type: 'multiSelect', options: { choices: [{ value: 'gala', label: 'Gala' }, { value: 'monthly', label: 'Monthly' }] } },
          { apiName: 'contactEmail', label: 'Email', type: 'email' },
          { apiName: 'contactPhone', label: 'Phone', type: 'phone' },
          { apiName: 'site', label: 'Site', type: 'url' },
          { apiName: 'mailing', label: 'Mailing address', type: 'address' },
          { apiName: 'stars', label: 'Stars', type: 'rating' },
          { apiName: 'donor', label: 'Donor', type: 'relation', options: { relation: { kind: 'manyToOne', target: 'people', inverseName: 'donations' } } },
          { apiName: 'campaigns', label: 'Campaigns', type: 'relation', options: { relation: { kind: 'manyToMany', target: 'companies', inverseName: 'donationCampaigns' } } },
        ],
      })
      assert.equal(created.status, 201, JSON.stringify(created.json))
      const person = (await call(env, 'POST', '/api/v1/records/people', { firstName: 'Ona', lastName: 'Petraitytė' })).json.data
      const company = (await call(env, 'POST', '/api/v1/records/companies', { name: 'Fondas' })).json.data
      const donation = await call(env, 'POST', '/api/v1/records/donations', {
        title: 'Spring gift', notes: 'Thanks', gift: { amount: '0.1', currency: 'EUR' }, count: 2.5, givenOn: '2026-03-01',
        receivedAt: '2026-03-01T12:00:00Z', anonymous: false, channel: 'web', tags: ['gala', 'monthly', 'gala'], contactEmail: 'ona@fondas.lt',
        contactPhone: '+370 612 34568', site: 'fondas.lt', mailing: { city: 'Kaunas', country: 'LT' }, stars: 4, donor: person.id, campaigns: [company.id],
      })
      assert.equal(donation.status, 201, JSON.stringify(donation.json))
      const d = donation.json.data
      assert.deepEqual(d.gift, { amount: '0.10', currency: 'EUR' })
      assert.deepEqual(d.tags, ['gala', 'monthly'])
      assert.equal(d.site, 'https://fondas.lt/')
      assert.deepEqual(d.campaigns, [company.id])

      const q = (filter: unknown) => call(env, 'POST', '/api/v1/records/donations/query', { filter })
      assert.equal((await q({ field: 'tags', op: 'contains', value: 'gala' })).json.data.length, 1)
      assert.equal((await q({ field: 'gift', op: 'gte', value: '0.1' })).json.data.length, 1)
      assert.equal((await q({ field: 'gift', op: 'gt', value: 0.1 })).json.data.length, 0)
      assert.equal((await q({ field: 'mailing.city', op: 'eq', value: 'Kaunas' })).json.data.length, 1)
      assert.equal((await q({ field: 'donor.lastName', op: 'startsWith', value: 'petrai' })).json.data.length, 1)
      assert.equal((await q({ field: 'campaigns', op: 'eq', value: company.id })).json.data.length, 1)
      assert.equal((await q({ not: { field: 'anonymous', op: 'eq', value: false } })).json.data.length, 0)
      const wrongChoice = await call(env, 'POST', '/api/v1/records/donations', { title: 'x', channel: 'fax' })
      assert.equal(wrongChoice.status, 400)
      assert.equal(wrongChoice.json.errors[0].pointer, '/channel')

      const openapi = await call(env, 'GET', '/api/openapi.json')
      assert.ok(openapi.json.paths['/api/v1/records/donations'])
      assert.ok(openapi.json.components.schemas.DonationsRecord.properties.gift)

      const field = await call(env, 'POST', '/api/v1/metadata/objects/donations/fields', { apiName: 'source', label: 'Source', type: 'text' })
      assert.equal(field.status, 201)
      const openapiAfter = await call(env, 'GET', '/api/openapi.json')
      assert.ok(openapiAfter.json.components.schemas.DonationsRecord.properties.source, 'a new field appears in OpenAPI at once')
    })

    test('rename, change select options, delete a field with its data', async () => {
      await call(env, 'POST', '/api/v1/metadata/objects/companies/fields', {
        apiName: 'tier', label: 'Tier', type: 'select', options: { choices: [{ value: 'gold', label: 'Gold' }, { value: 'silver', label: 'Silver' }] },
      })
      const company = (await call(env, 'POST', '/api/v1/records/companies', { name: 'Tiered', tier: 'silver' })).json.data
      const renamed = await call(env, 'PATCH', '/api/v1/metadata/objects/companies/fields/tier', { apiName: 'level', label: 'Level' })
      assert.equal(renamed.status, 200)
      assert.equal((await call(env, 'GET', `/api/v1/records/companies/${company.id}`)).json.data.level, 'silver', 'data survives a rename')
      const changed = await call(env, 'PATCH', '/api/v1/metadata/objects/companies/fields/level', { options: { choices: [{ value: 'gold', label: 'Gold!' }] } })
      assert.equal(changed.status, 200)
      assert.equal((await call(env, 'GET', `/api/v1/records/companies/${company.id}`)).json.data.level, null, 'a removed option is cleared')
      assert.equal((await call(env, 'DELETE', '/api/v1/metadata/objects/companies/fields/level')).status, 204)
      const after = await call(env, 'GET', `/api/v1/records/companies/${company.id}`)
      assert.equal('level' in after.json.data, false)
      assert.equal((await call(env, 'DELETE', '/api/v1/metadata/objects/companies/fields/name')).status, 409, 'standard fields stay')
    })

    test('a unique field refuses duplicates with 409 naming the field', async () => {
      const first = await call(env, 'POST', '/api/v1/records/products', { name: 'P1', sku: 'U-1' })
      assert.equal(first.status, 201)
      const second = await call(env, 'POST', '/api/v1/records/products', { name: 'P2', sku: 'U-1' })
      assert.equal(second.status, 409)
      assert.equal(second.json.errors[0].pointer, '/sku')
    })

    test('bad metadata requests answer 4xx with pointers', async () => {
      const cases: [unknown, number, string][] = [
        [{ apiName: 'Bad Name', labelSingular: 'x', labelPlural: 'x' }, 400, '/apiName'],
        [{ apiName: 'people', labelSingular: 'x', labelPlural: 'x' }, 409, '/apiName'],
        [{ apiName: 'things', labelSingular: 'x', labelPlural: 'x', fields: [{ apiName: 'id', label: 'x', type: 'text' }] }, 400, '/fields/0/apiName'],
        [{ apiName: 'things', labelSingular: 'x', labelPlural: 'x', surprise: true }, 400, '/surprise'],
        [{ apiName: 'things', labelSingular: 'x', labelPlural: 'x', fields: [{ apiName: 'k', label: 'K', type: 'select' }] }, 400, '/fields/0/options/choices'],
      ]
      for (const [body, status, pointer] of cases) {
        const response = await call(env, 'POST', '/api/v1/metadata/objects', body)
        assert.equal(response.status, status, JSON.stringify(body))
        assert.ok(response.json.errors.some((e: any) => e.pointer === pointer), `${pointer} in ${JSON.stringify(response.json.errors)}`)
      }
      const objects = await call(env, 'GET', '/api/v1/metadata/objects')
      assert.equal(objects.json.data.some((o: any) => o.apiName === 'things'), false, 'nothing half-created')
    })
  })
}
