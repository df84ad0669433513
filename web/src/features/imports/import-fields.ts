import type { FieldDescription, ObjectDescription } from '../../api/types.js'

/** Fields a file can fill: writable for the caller and stored as one value (the server decides in the end). */
export const importableFields = (object: ObjectDescription): FieldDescription[] =>
  object.fields.filter((f) => !f.readOnly && f.type !== 'links' && f.type !== 'address')

/** Fields worth matching existing records on: unique ones, and the usual contact keys. */
export const keyFields = (object: ObjectDescription): FieldDescription[] =>
  importableFields(object).filter((f) => f.unique || f.type === 'email' || f.type === 'phone' || f.apiName === 'externalId' || f.apiName === 'domain')
