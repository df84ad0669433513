/**
 * The web app's four locale files stay in step: the same keys (plural forms aside), the plural
 * forms each language's grammar needs (Intl.PluralRules), the same {{placeholders}} per key,
 * and no empty strings. A key added to English alone fails here, not in front of a user.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'

const LOCALES_DIR = fileURLToPath(new URL('../../../web/src/i18n/locales/', import.meta.url))
const LANGUAGES = ['en', 'ru', 'fa', 'lt']
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(name, value)
    else for (const [k, v] of flatten(value, name)) out.set(k, v)
  }
  return out
}

/** One language: locales/<language>/<area>.json, each file the subtree under the key <area>. */
function load(language: string): Map<string, string> {
  const dir = `${LOCALES_DIR}${language}/`
  const tree: Tree = {}
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    tree[file.replace(/\.json$/, '')] = JSON.parse(fs.readFileSync(dir + file, 'utf8')) as Tree
  }
  return flatten(tree)
}
const baseKey = (key: string) => key.replace(PLURAL_SUFFIX, '')
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort()

describe('web locales', () => {
  const locales = new Map(LANGUAGES.map((language) => [language, load(language)]))
  const english = locales.get('en')!

  test('there is a folder for each language, each with the same area files', () => {
    assert.deepEqual(fs.readdirSync(LOCALES_DIR).sort(), [...LANGUAGES].sort())
    const areas = (language: string) => fs.readdirSync(`${LOCALES_DIR}${language}/`).sort()
    for (const language of LANGUAGES) assert.deepEqual(areas(language), areas('en'), language)
  })

  test('every language has the same keys, apart from plural forms', () => {
    const expected = [...new Set([...english.keys()].map(baseKey))].sort()
    for (const [language, messages] of locales) {
      assert.deepEqual([...new Set([...messages.keys()].map(baseKey))].sort(), expected, `${language}.json`)
    }
  })

  test('plural keys have exactly the forms the language needs', () => {
    const pluralBases = new Set([...english.keys()].filter((key) => PLURAL_SUFFIX.test(key)).map(baseKey))
    assert.ok(pluralBases.size > 0, 'at least one plural message exists to check')
    for (const [language, messages] of locales) {
      const categories = [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort()
      for (const base of pluralBases) {
        const forms = [...messages.keys()].filter((key) => baseKey(key) === base && PLURAL_SUFFIX.test(key)).map((key) => PLURAL_SUFFIX.exec(key)![1]).sort()
        assert.deepEqual(forms, categories, `${language}: ${base}`)
      }
    }
  })

  test('each message uses the same placeholders in every language and none is empty', () => {
    const placeholdersOf = (messages: Map<string, string>, base: string) =>
      [...new Set([...messages].filter(([key]) => baseKey(key) === base).flatMap(([, text]) => placeholders(text)))].sort()
    for (const [language, messages] of locales) {
      for (const [key, text] of messages) {
        assert.ok(text.trim() !== '', `${language}: ${key} is empty`)
        assert.deepEqual(placeholdersOf(messages, baseKey(key)), placeholdersOf(english, baseKey(key)), `${language}: ${key}`)
      }
    }
  })
})
