import type { CreateFieldBody, CreateObjectBody } from '../../../../contracts/field-types.js'

type StandardObject = CreateObjectBody & { showsOnTimeline?: boolean; labelFields?: string[] }

const relation = (apiName: string, label: string, target: string, inverseName: string, inverseLabel: string): CreateFieldBody => ({
  apiName, label, type: 'relation', options: { relation: { kind: 'manyToOne', target, inverseName, inverseLabel } },
})

const choices = (...values: string[]) => values.map((value) => ({ value, label: value.replace(/^./, (c) => c.toUpperCase()).replace(/([A-Z])/g, ' $1').trim() }))

/**
 * The objects every workspace starts with. They are created through the same metadata path
 * as a user's custom objects (SchemaEditor.createObject); only their `isStandard` flag differs,
 * which protects their API names from renames and deletion.
 */
export const STANDARD_OBJECTS: StandardObject[] = [
  {
    apiName: 'companies', labelSingular: 'Company', labelPlural: 'Companies', labelField: 'name',
    fields: [
      { apiName: 'name', label: 'Name', type: 'text', required: true, indexed: true },
      { apiName: 'domain', label: 'Domain', type: 'text', indexed: true, searchable: true },
      { apiName: 'phone', label: 'Phone', type: 'phone', indexed: true },
      { apiName: 'address', label: 'Address', type: 'address' },
      {
        apiName: 'industry', label: 'Industry', type: 'select', options: {
          choices: choices('software', 'telecommunications', 'manufacturing', 'logistics', 'retail', 'financialServices', 'healthcare', 'construction',
            'energy', 'education', 'foodAndBeverage', 'professionalServices', 'media', 'realEstate', 'agriculture', 'automotive', 'nonprofit', 'other'),
        },
      },
      { apiName: 'employees', label: 'Employees', type: 'number', options: { decimals: 0, min: 0 } },
      { apiName: 'annualRevenue', label: 'Annual revenue', type: 'currency' },
    ],
  },
  {
    apiName: 'people', labelSingular: 'Person', labelPlural: 'People', labelField: 'firstName', labelFields: ['firstName', 'lastName'],
    fields: [
      { apiName: 'firstName', label: 'First name', type: 'text' },
      { apiName: 'lastName', label: 'Last name', type: 'text', indexed: true },
      { apiName: 'email', label: 'Email', type: 'email', indexed: true },
      { apiName: 'additionalEmails', label: 'Additional emails', type: 'email', options: { multiple: true } },
      { apiName: 'phone', label: 'Phone', type: 'phone', indexed: true },
      { apiName: 'additionalPhones', label: 'Additional phones', type: 'phone', options: { multiple: true } },
      relation('company', 'Company', 'companies', 'people', 'People'),
      { apiName: 'jobTitle', label: 'Job title', type: 'text' },
      { apiName: 'address', label: 'Address', type: 'address' },
    ],
  },
  {
    apiName: 'pipelines', labelSingular: 'Pipeline', labelPlural: 'Pipelines', labelField: 'name',
    fields: [
      { apiName: 'name', label: 'Name', type: 'text', required: true },
      { apiName: 'position', label: 'Position', type: 'number' },
    ],
  },
  {
    apiName: 'pipelineStages', labelSingular: 'Pipeline stage', labelPlural: 'Pipeline stages', labelField: 'name',
    fields: [
      { apiName: 'name', label: 'Name', type: 'text', required: true },
      relation('pipeline', 'Pipeline', 'pipelines', 'stages', 'Stages'),
      { apiName: 'position', label: 'Position', type: 'number' },
      { apiName: 'probability', label: 'Probability (%)', type: 'number', options: { min: 0, max: 100 } },
      { apiName: 'outcome', label: 'Outcome', type: 'select', options: { choices: choices('open', 'won', 'lost') } },
    ],
  },
  {
    apiName: 'opportunities', labelSingular: 'Opportunity', labelPlural: 'Opportunities', labelField: 'name',
    fields: [
      { apiName: 'name', label: 'Name', type: 'text', required: true },
      { apiName: 'amount', label: 'Amount', type: 'currency', indexed: true },
      { apiName: 'closeDate', label: 'Close date', type: 'date', indexed: true },
      relation('pipeline', 'Pipeline', 'pipelines', 'opportunities', 'Opportunities'),
      relation('stage', 'Stage', 'pipelineStages', 'opportunities', 'Opportunities'),
      { apiName: 'probability', label: 'Probability (%)', type: 'number', options: { min: 0, max: 100 } },
      relation('company', 'Company', 'companies', 'opportunities', 'Opportunities'),
      relation('contact', 'Contact', 'people', 'opportunities', 'Opportunities'),
    ],
  },
  {
    apiName: 'products', labelSingular: 'Product', labelPlural: 'Products', labelField: 'name',
    fields: [
      { apiName: 'name', label: 'Name', type: 'text', required: true },
      { apiName: 'sku', label: 'SKU', type: 'text', unique: true, searchable: true },
      { apiName: 'category', label: 'Category', type: 'text', indexed: true },
      { apiName: 'price', label: 'Price', type: 'currency' },
      { apiName: 'cost', label: 'Cost', type: 'currency' },
      { apiName: 'active', label: 'Active', type: 'boolean' },
    ],
  },
  {
    apiName: 'orders', labelSingular: 'Order', labelPlural: 'Orders', labelField: 'orderNumber',
    fields: [
      { apiName: 'orderNumber', label: 'Order number', type: 'text', required: true, unique: true },
      { apiName: 'orderDate', label: 'Order date', type: 'date', indexed: true },
      relation('customer', 'Customer', 'people', 'orders', 'Orders'),
      relation('company', 'Company', 'companies', 'orders', 'Orders'),
      { apiName: 'status', label: 'Status', type: 'select', options: { choices: choices('draft', 'paid', 'shipped', 'refunded', 'cancelled') } },
      { apiName: 'total', label: 'Total', type: 'currency' },
    ],
  },
  {
    apiName: 'orderLines', labelSingular: 'Order line', labelPlural: 'Order lines', labelField: 'description',
    fields: [
      { apiName: 'description', label: 'Description', type: 'text', searchable: false },
      relation('order', 'Order', 'orders', 'lines', 'Lines'),
      relation('product', 'Product', 'products', 'orderLines', 'Order lines'),
      { apiName: 'quantity', label: 'Quantity', type: 'number' },
      { apiName: 'unitPrice', label: 'Unit price', type: 'currency' },
      { apiName: 'lineTotal', label: 'Line total', type: 'currency' },
    ],
  },
  {
    apiName: 'activities', labelSingular: 'Activity', labelPlural: 'Activities', labelField: 'subject', showsOnTimeline: true,
    fields: [
      { apiName: 'type', label: 'Type', type: 'select', required: true, options: { choices: choices('call', 'email', 'meeting', 'note', 'task') } },
      { apiName: 'subject', label: 'Subject', type: 'text', required: true },
      { apiName: 'body', label: 'Body', type: 'longText', searchable: false },
      { apiName: 'dueAt', label: 'Due', type: 'dateTime', indexed: true },
      { apiName: 'status', label: 'Status', type: 'select', options: { choices: choices('open', 'done', 'cancelled') } },
      { apiName: 'participants', label: 'Participants', type: 'relation', options: { relation: { kind: 'manyToMany', target: 'people', inverseName: 'activities', inverseLabel: 'Activities' } } },
      { apiName: 'links', label: 'Linked records', type: 'links' },
    ],
  },
]

/** The default sales pipeline a new workspace gets: ordered stages with win probabilities. */
export const DEFAULT_PIPELINE = {
  name: 'Sales',
  stages: [
    { name: 'Qualification', probability: 10, outcome: 'open' },
    { name: 'Discovery', probability: 25, outcome: 'open' },
    { name: 'Proposal', probability: 50, outcome: 'open' },
    { name: 'Negotiation', probability: 75, outcome: 'open' },
    { name: 'Closed won', probability: 100, outcome: 'won' },
    { name: 'Closed lost', probability: 0, outcome: 'lost' },
  ],
}
