/**
 * The standard objects' names, field labels and select options in the reader's language.
 * Labels are workspace data (an administrator may rename them), so a label is translated only
 * while it still reads as the English default that every workspace starts with
 * (locales/en/standard.json, which test/standard-labels.test.ts keeps equal to the server's
 * standard objects); a renamed label is the workspace's own words and shows as written.
 */
import i18next from 'i18next'
import type { FieldDescription, ObjectDescription } from '../api/types.js'

function translated(key: string, current: string, language: string): string {
  const english = i18next.getResource('en', 'translation', `standard.${key}`)
  if (english !== current) return current
  const local = i18next.getResource(language, 'translation', `standard.${key}`)
  return typeof local === 'string' && local ? local : current
}

function localizeField(object: string, field: FieldDescription, language: string): FieldDescription {
  const choices = field.options.choices?.map((choice) => ({ ...choice, label: translated(`choices.${object}.${field.apiName}.${choice.value}`, choice.label, language) }))
  return {
    ...field,
    label: translated(`fields.${object}.${field.apiName}`, field.label, language),
    ...(choices ? { options: { ...field.options, choices } } : {}),
  }
}

export function localizeObjects(objects: ObjectDescription[], language: string): ObjectDescription[] {
  if (language === 'en') return objects
  return objects.map((object) => object.isStandard ? {
    ...object,
    labelSingular: translated(`objects.${object.apiName}.singular`, object.labelSingular, language),
    labelPlural: translated(`objects.${object.apiName}.plural`, object.labelPlural, language),
    fields: object.fields.map((field) => (field.isStandard ? localizeField(object.apiName, field, language) : field)),
  } : object)
}
