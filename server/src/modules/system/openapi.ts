/**
 * OpenAPI 3.1 for one workspace, generated on each request from its live metadata, so a
 * custom field is documented the moment it exists. Field schemas come from the field-type
 * handlers, the same registry that validates the values. Every other route comes from the
 * route table (route-catalog.ts); the operations written here are laid over those.
 */
import { AggregateRequest, AggregateResponse, MoneyTotal } from '../../../../contracts/analytics.js'
import { FIELD_TYPES, FILTER_OPERATORS } from '../../../../contracts/field-types.js'
import { handlerOf } from '../../engine/fields/registry.js'
import type { ObjectMeta, WorkspaceMetadata } from '../../engine/metadata-types.js'
import { DASHBOARD_PATHS } from '../dashboards/dashboards.openapi.js'
import { derivedPaths, mergePaths, type CatalogRoute } from './route-catalog.js'

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } })
const problem = { description: 'Problem', content: { 'application/problem+json': { schema: ref('Problem') } } }
const pascal = (apiName: string) => apiName.replace(/^./, (c) => c.toUpperCase())

/** OpenAPI 3.1 uses type arrays instead of `nullable`. */
function toOpenApi31(schema: Record<string, unknown>): Record<string, unknown> {
  const { nullable, ...rest } = schema
  const converted: Record<string, unknown> = { ...rest }
  if (rest.properties) converted.properties = Object.fromEntries(Object.entries(rest.properties as Record<string, Record<string, unknown>>).map(([k, v]) => [k, toOpenApi31(v)]))
  if (nullable && typeof rest.type === 'string') converted.type = [rest.type, 'null']
  return converted
}

function objectSchemas(object: ObjectMeta): Record<string, unknown> {
  const fields = object.fields.filter((f) => f.options.relation?.kind !== 'oneToMany')
  const properties = Object.fromEntries(fields.map((f) => [f.apiName, { ...toOpenApi31(handlerOf(f.type).jsonSchema(f)), title: f.label, ...(f.description ? { description: f.description } : {}) }]))
  const name = pascal(object.apiName)
  return {
    [`${name}Input`]: { type: 'object', additionalProperties: false, properties: { ...properties, ownerId: { type: ['string', 'null'] } }, required: fields.filter((f) => f.required).map((f) => f.apiName) },
    [`${name}Record`]: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' }, createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
        createdBy: { type: ['string', 'null'] }, ownerId: { type: ['string', 'null'] }, version: { type: 'integer' }, deletedAt: { type: 'string', format: 'date-time' },
        ...properties,
      },
    },
  }
}

function objectPaths(object: ObjectMeta): Record<string, unknown> {
  const name = pascal(object.apiName)
  const base = `/api/v1/records/${object.apiName}`
  const one = json({ type: 'object', properties: { data: ref(`${name}Record`) } })
  const page = json({ type: 'object', properties: { data: { type: 'array', items: ref(`${name}Record`) }, page: ref('Page') } })
  const listParams = ['filter', 'sort', 'limit', 'cursor', 'fields'].map((p) => ({ name: p, in: 'query', schema: { type: p === 'limit' ? 'integer' : 'string' } }))
  const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }
  const tag = [object.labelPlural]
  return {
    [base]: {
      get: { tags: tag, summary: `List ${object.labelPlural}`, parameters: listParams, responses: { 200: { description: 'A page', ...page }, 400: problem } },
      post: {
        tags: tag, summary: `Create a ${object.labelSingular}`, parameters: [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } }],
        requestBody: json(ref(`${name}Input`)), responses: { 201: { description: 'Created', ...one }, 400: problem, 409: problem, 422: problem },
      },
    },
    [`${base}/query`]: { post: { tags: tag, summary: `Query ${object.labelPlural}`, requestBody: json(ref('ListQuery')), responses: { 200: { description: 'A page', ...page }, 400: problem } } },
    [`${base}/batch`]: { post: { tags: tag, summary: `Batch write ${object.labelPlural}`, requestBody: json(ref('Batch')), responses: { 200: { description: 'All applied' }, 422: problem } } },
    [`${base}/{id}`]: {
      get: { tags: tag, parameters: [idParam], responses: { 200: { description: 'The record', ...one }, 404: problem } },
      patch: {
        tags: tag, parameters: [idParam, { name: 'If-Match', in: 'header', schema: { type: 'string' } }],
        requestBody: json({ ...ref(`${name}Input`) }), responses: { 200: { description: 'Updated', ...one }, 404: problem, 412: problem },
      },
      delete: { tags: tag, parameters: [idParam], responses: { 204: { description: 'Moved to the trash' }, 404: problem } },
    },
    [`${base}/merge`]: {
      post: {
        tags: tag, summary: 'Merge records into a survivor (docs/decisions/016)', parameters: [{ name: 'If-Match', in: 'header', schema: { type: 'string' } }],
        requestBody: json({ type: 'object', required: ['survivorId', 'mergedIds'], properties: { survivorId: { type: 'string' }, mergedIds: { type: 'array', maxItems: 20, items: { type: 'string' } }, fieldValues: { type: 'object', additionalProperties: { type: 'string' } }, versions: { type: 'object', additionalProperties: { type: 'integer' } } } }),
        responses: { 200: { description: 'The survivor', ...one }, 400: problem, 403: problem, 412: problem },
      },
    },
    [`${base}/{id}/restore`]: { post: { tags: tag, parameters: [idParam], responses: { 200: { description: 'Restored', ...one } } } },
    [`${base}/{id}/timeline`]: {
      get: {
        tags: tag,
        parameters: [idParam, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } }, { name: 'cursor', in: 'query', schema: { type: 'string' } }],
        responses: { 200: { description: 'Timeline, newest first: {data, page: {nextCursor, hasMore}}' }, 400: problem },
      },
    },
    [`${base}/{id}/history`]: { get: { tags: tag, parameters: [idParam], responses: { 200: { description: 'Field history, newest first' } } } },
  }
}

type Paths = Record<string, Record<string, Record<string, unknown>>>

export function buildOpenApi(metadata: WorkspaceMetadata, serverUrl: string, routes: CatalogRoute[] = []): Record<string, unknown> {
  const objects = [...metadata.objects.values()]
  const written: Paths = {
  ...Object.assign({}, ...objects.map(objectPaths)),
    '/api/v1/search': { get: { summary: 'Search across objects', parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string' } }, { name: 'objects', in: 'query', schema: { type: 'string' } }], responses: { 200: { description: 'Ranked hits' } } } },
    '/api/v1/analytics/aggregate': {
      post: {
        summary: 'Group records and measure them',
        description: 'Row keys: one per group (`<field>`, plus `<field>.title` for to-one relations) and one per measure: `count`, `count_<field>`, `sum_<field>`, `avg_<field>`, `min_<field>`, `max_<field>`, `countDistinct_<field>`. A currency measure is a list of MoneyTotal, one per currency code. Date buckets are the ISO date of the bucket\'s first day in `timeZone`; weeks start on Monday.',
        requestBody: json(ref('AggregateRequest')), responses: { 200: { description: 'Groups', ...json(ref('AggregateResponse')) }, 400: problem, 403: problem, 404: problem },
      },
    },
    '/api/v1/metadata/objects': { get: { summary: 'Describe the data model', responses: { 200: { description: 'Objects and fields' } } }, post: { summary: 'Create a custom object', responses: { 201: { description: 'Created' } } } },
    '/api/v1/views': {
      get: { summary: 'Saved views: yours and the shared ones', parameters: [{ name: 'object', in: 'query', schema: { type: 'string' } }], responses: { 200: { description: 'Views' } } },
      post: { summary: 'Save a view', requestBody: { content: { 'application/json': { schema: ref('SavedView') } } }, responses: { 201: { description: 'Created' }, 400: { description: 'Problem' } } },
    },
    '/api/v1/views/{id}': {
      get: { summary: 'One saved view', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'The view' }, 404: { description: 'Problem' } } },
      patch: { summary: 'Change a view (If-Match)', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'If-Match', in: 'header', schema: { type: 'string' } }], responses: { 200: { description: 'Updated' }, 403: { description: 'Problem' }, 404: { description: 'Problem' }, 412: { description: 'Problem' } } },
      delete: { summary: 'Delete a view (If-Match)', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'If-Match', in: 'header', schema: { type: 'string' } }], responses: { 204: { description: 'Deleted' }, 403: { description: 'Problem' }, 404: { description: 'Problem' }, 412: { description: 'Problem' } } },
    },
    '/api/v1/duplicates/jobs': {
      get: { summary: 'Your recent duplicate finder jobs', responses: { 200: { description: 'Jobs' } } },
      post: { summary: 'Find duplicates: {object, rules: [{rule: email|phone|name|domain, threshold?, relation?, field?}]}', responses: { 202: { description: 'The job' }, 400: problem, 403: problem } },
    },
    '/api/v1/duplicates/jobs/{id}': { get: { summary: 'A duplicate job: status, phase, progress', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'The job' }, 404: problem } } },
    '/api/v1/duplicates/jobs/{id}/cancel': { post: { summary: 'Cancel a running job', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'The job' }, 409: problem } } },
    '/api/v1/duplicates/jobs/{id}/groups': { get: { summary: 'Duplicate groups: {data: [{id, rule, score, matchKey, records}], page}', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } }, { name: 'cursor', in: 'query', schema: { type: 'string' } }], responses: { 200: { description: 'Groups' }, 404: problem } } },
    '/api/v1/duplicates/groups/{id}/dismiss': { post: { summary: 'Not duplicates: not shown again', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 204: { description: 'Dismissed' }, 404: problem } } },
    ...DASHBOARD_PATHS,
    '/api/v1/metadata/objects/{object}/fields': { post: { summary: 'Add a field', parameters: [{ name: 'object', in: 'path', required: true, schema: { type: 'string' } }], responses: { 201: { description: 'Created' } } } },
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Rapport API', version: '1', description: 'Generated from this workspace\'s live data model.' },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    paths: mergePaths(derivedPaths(routes), written),
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: bin/rapport api-key create' } },
      schemas: {
        ...Object.assign({}, ...objects.map(objectSchemas)),
        Page: { type: 'object', properties: { nextCursor: { type: ['string', 'null'] }, hasMore: { type: 'boolean' } } },
        Filter: { description: `{and|or: [Filter]} | {not: Filter} | {field, op, value}; op ∈ ${FILTER_OPERATORS.join(', ')}`, type: 'object' },
        ListQuery: { type: 'object', properties: { filter: ref('Filter'), sort: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, dir: { enum: ['asc', 'desc'] } } } }, limit: { type: 'integer', maximum: 1000 }, cursor: { type: 'string' }, fields: { type: 'array', items: { type: 'string' } } } },
        Batch: { type: 'object', properties: { operations: { type: 'array', maxItems: 1000, items: { type: 'object', properties: { op: { enum: ['create', 'update', 'upsert', 'delete'] }, id: { type: 'string' }, matchOn: { type: 'string' }, data: { type: 'object' } } } } } },
        SavedView: {
          type: 'object', required: ['object', 'name'],
          properties: {
            object: { type: 'string' }, name: { type: 'string', maxLength: 120 }, filter: ref('Filter'),
            sort: { type: 'array', maxItems: 5, items: { type: 'object', properties: { field: { type: 'string' }, dir: { enum: ['asc', 'desc'] } } } },
            columns: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, width: { type: 'integer', minimum: 60, maximum: 1200 } } } },
            visibility: { enum: ['private', 'shared'] },
          },
        },
        FieldType: { enum: [...FIELD_TYPES] },
        AggregateRequest, AggregateResponse, MoneyTotal,
        Problem: {
          type: 'object', additionalProperties: true,
          properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, code: { type: 'string' }, errors: { type: 'array', items: { type: 'object', properties: { pointer: { type: 'string' }, detail: { type: 'string' } } } } },
        },
      },
    },
  }
}
