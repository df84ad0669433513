/**
 * The web app translates a standard label only while it equals the English default
 * (web/src/i18n/standard-labels.ts), so the English locale file must say exactly what the
 * server creates: every standard object's names, field labels (inverse relation sides too)
 * and select options. A label changed on the server without the locale file fails here.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { STANDARD_OBJECTS } from '../server/src/modules/workspaces/standard-objects.js'

const EN_FILE = fileURLToPath(new URL('../../web/src/i18n/locales/en/standard.json', import.meta.url))

interface StandardLabels {
  objects: Record<string, { singular: string; plural: string }>
  fields: Record<string, Record<string, string>>
  choices: Record<string, Record<string, Record<string, string>>>
}

function serverLabels(): StandardLabels {
  const out: StandardLabels = { objects: {}, fields: {}, choices: {} }
  for (const object of STANDARD_OBJECTS) {
    out.objects[object.apiName] = { singular: object.labelSingular, plural: object.labelPlural! }
    out.fields[object.apiName] ??= {}
    for (const field of object.fields ?? []) {
      out.fields[object.apiName][field.apiName] = field.label
      const relation = field.options?.relation
      if (relation?.inverseName) (out.fields[relation.target] ??= {})[relation.inverseName] = relation.inverseLabel!
      if (field.options?.choices) (out.choices[object.apiName] ??= {})[field.apiName] = Object.fromEntries(field.options.choices.map((c) => [c.value, c.label]))
    }
  }
  return out
}

test('locales/en/standard.json holds exactly the server standard objects labels', () => {
  const file = JSON.parse(fs.readFileSync(EN_FILE, 'utf8')) as StandardLabels
  const server = serverLabels()
  // Key order is irrelevant; compare as sorted JSON trees.
  const sorted = (value: unknown): unknown => (value && typeof value === 'object'
    ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)])) : value)
  assert.deepEqual(sorted(file), sorted(server))
  assert.equal(file.fields.people.lastName, 'Last name')
})
