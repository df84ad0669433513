/**
 * A record as the API answers it and a page of them (GET /api/v1/records/{object},
 * POST …/query): system fields plus one key per field's API name. One definition for the
 * OpenAPI document (the generic record path) and the web client.
 */
import { Type, type Static } from 'typebox'

export const ApiRecord = Type.Object({
  id: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
}, { additionalProperties: true, description: 'System fields plus one key per field API name' })
/** The fields are open: one key per field API name, typed by the object's metadata. */
export type ApiRecord = Static<typeof ApiRecord> & { [field: string]: unknown }

export const PageInfo = Type.Object({ nextCursor: Type.Union([Type.String(), Type.Null()]), hasMore: Type.Boolean() })

export const RecordPage = Type.Object({ data: Type.Array(ApiRecord), page: PageInfo })
export type RecordPage = Omit<Static<typeof RecordPage>, 'data'> & { data: ApiRecord[] }
