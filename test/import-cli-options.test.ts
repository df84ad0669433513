/**
 * `rapport import`'s newer flags on both dialects, through the CLI's own runImportCommand:
 * --template fills in the mapping and key, --create-related creates a missing company,
 * --create-options adds missing select values, and bad --kind / --date-format / --currency
 * values are refused naming the flag before anything is read.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { importFlags, runImportCommand } from '../server/src/modules/imports/import-cli.js'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

function csvFile(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-cli-'))
  const file = path.join(dir, 'people.csv')
  fs.writeFileSync(file, text)
  return file
}

test('bad flag values are refused naming the flag', () => {
  assert.throws(() => importFlags({ kind: 'orders' }), /--kind must be one of records, invoiceLines/)
  assert.throws(() => importFlags({ dateFormat: 'dd.mm' }), /--date-format must be one of dmy, mdy, ymd/)
  assert.throws(() => importFlags({ currency: 'eur' }), /--currency/)
  assert.deepEqual(importFlags({ file: 'x.XLSX', createOptions: true }).declared, 'xlsx')
  assert.throws(() => importFlags({ defaultCountry: 'XX' }), /--default-country must be a country code/)
  assert.throws(() => importFlags({ defaultCountry: 'LTU' }), /--default-country/)
  assert.equal(importFlags({ defaultCountry: 'lt' }).defaultCountry, 'LT')
})

for (const dialect of DIALECTS) {
  describe(`import CLI options [${dialect.name}]`, () => {
    let env: TestEnv
    before(async () => {
      env = await startEnv(dialect)
      const tier = await call(env, 'POST', '/api/v1/metadata/objects/people/fields', { apiName: 'tier', label: 'Tier', type: 'select', options: { choices: [{ value: 'gold', label: 'Gold' }] } })
      assert.equal(tier.status, 201, JSON.stringify(tier.json))
    })
    after(async () => { await env.close() })

    test('--template, --create-related and --create-options reach the job', async () => {
      const template = await call(env, 'POST', '/api/v1/import-templates', {
        object: 'people', name: 'Shop export', mapping: { Vardas: 'firstName', 'E-mail': 'email', Firma: 'company', Lygis: 'tier' }, options: { key: 'email' },
      })
      assert.equal(template.status, 201, JSON.stringify(template.json))
      const file = csvFile('Vardas,E-mail,Firma,Lygis\nOna,ona@cli.example,CLI Firma,Platinum\nJonas,jonas@cli.example,,gold\n')
      const out: string[] = []
      await runImportCommand(env.services, env.workspaceId, { file, object: 'people', template: template.json.data.id, createRelated: true, createOptions: true }, (l) => out.push(l), () => {})
      assert.match(out.join('\n'), /^completed: created 2, updated 0, skipped 0, failed 0/m)
      const people = (await call(env, 'GET', `/api/v1/records/people?filter=${encodeURIComponent(JSON.stringify({ field: 'email', op: 'contains', value: 'cli.example' }))}&sort=firstName`)).json.data
      assert.deepEqual(people.map((p: any) => [p.firstName, p.tier]), [['Jonas', 'gold'], ['Ona', 'Platinum']])
      const company = (await call(env, 'GET', `/api/v1/records/companies/${people[1].company}`)).json.data
      assert.equal(company.name, 'CLI Firma')
      // The template's key (email): the same file again updates nothing new.
      const again: string[] = []
      await runImportCommand(env.services, env.workspaceId, { file, object: 'people', template: template.json.data.id, createRelated: true }, (l) => again.push(l), () => {})
      assert.match(again.join('\n'), /created 0/)
    })

    test('--default-country reads national phone numbers in that country (the workspace is LT)', async () => {
      const file = csvFile('Vardas,Telefonas\nSam,(415) 555-0100\n')
      const out: string[] = []
      await runImportCommand(env.services, env.workspaceId, { file, object: 'people', defaultCountry: 'US' }, (l) => out.push(l), () => {})
      assert.match(out.join('\n'), /^completed: created 1, updated 0, skipped 0, failed 0/m)
      const sam = (await call(env, 'GET', `/api/v1/records/people?filter=${encodeURIComponent(JSON.stringify({ field: 'firstName', op: 'eq', value: 'Sam' }))}`)).json.data
      assert.deepEqual(sam.map((p: any) => p.phone), ['+14155550100'])
    })
  })
}
