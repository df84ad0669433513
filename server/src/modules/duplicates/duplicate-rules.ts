/**
 * Resolves a job's rules against an object as the caller sees it, and computes each record's
 * match keys. Rules are about field types, never object names: `email` uses every email field
 * (single and additional), `phone` every phone field, `name` the object's label fields (with
 * a many-to-one relation both records must share), `domain` a domain or URL field.
 */
import type { DuplicateRule, DuplicateRuleName } from '../../../../contracts/duplicates.js'
import { ProblemCollector } from '../../errors.js'
import { isManyToOne } from '../../engine/fields/relation.js'
import type { FieldMeta, ObjectMeta } from '../../engine/metadata-types.js'
import type { ApiRecord } from '../../engine/record-codec.js'
import { domainKey, emailKey, foldedName, nameBlock } from './match-keys.js'

export const DEFAULT_NAME_THRESHOLD = 0.9
export const MAX_RULES = 4
/** Order in which groups are made: an id set found by an earlier rule is not repeated by a later one. */
const RULE_ORDER: DuplicateRuleName[] = ['email', 'phone', 'domain', 'name']

export interface ResolvedRule {
  rule: DuplicateRuleName
  fields: FieldMeta[]
  threshold: number
  relation: FieldMeta | null
}

export interface MatchKey {
  rule: DuplicateRuleName
  key: string
  /** The folded name for the name rule (compared within the block). */
  value: string | null
}

function resolveOne(view: ObjectMeta, rule: DuplicateRule, at: string, problems: ProblemCollector): ResolvedRule | null {
  const none = (what: string) => { problems.add(`${at}/rule`, `${view.apiName} has no ${what} you can see`); return null }
  switch (rule.rule) {
    case 'email':
    case 'phone': {
      const fields = view.fields.filter((f) => f.type === rule.rule)
      return fields.length ? { rule: rule.rule, fields, threshold: 1, relation: null } : none(`${rule.rule} field`)
    }
    case 'domain': {
      const field = rule.field !== undefined ? view.fieldsByName.get(rule.field) : view.fieldsByName.get('domain') ?? view.fields.find((f) => f.type === 'url')
      if (rule.field !== undefined && (!field || !['text', 'url'].includes(field.type))) {
        problems.add(`${at}/field`, `${view.apiName} has no text or url field ${JSON.stringify(rule.field.slice(0, 100))} you can see`)
        return null
      }
      return field ? { rule: 'domain', fields: [field], threshold: 1, relation: null } : none('domain or url field')
    }
    case 'name': {
      const fields = view.labelFields.map((n) => view.fieldsByName.get(n)!).filter((f) => f && (f.type === 'text' || f.type === 'longText'))
      if (fields.length === 0) return none('text label field')
      const threshold = rule.threshold ?? DEFAULT_NAME_THRESHOLD
      if (typeof threshold !== 'number' || !(threshold >= 0.5 && threshold <= 1)) problems.add(`${at}/threshold`, 'must be a number from 0.5 to 1')
      let relation: FieldMeta | null = null
      if (rule.relation === undefined) relation = view.fields.find(isManyToOne) ?? null
      else if (rule.relation !== null) {
        relation = view.fieldsByName.get(rule.relation) ?? null
        if (!relation || !isManyToOne(relation)) problems.add(`${at}/relation`, `${view.apiName} has no many-to-one relation ${JSON.stringify(String(rule.relation).slice(0, 100))} you can see`)
      }
      return { rule: 'name', fields, threshold, relation }
    }
    default:
      problems.add(`${at}/rule`, 'must be one of email, phone, name, domain')
      return null
  }
}

/** Checks the rules (each named by its pointer) and returns them in grouping order. */
export function resolveRules(view: ObjectMeta, rules: DuplicateRule[], problems: ProblemCollector): ResolvedRule[] {
  const seen = new Set<string>()
  const resolved: ResolvedRule[] = []
  rules.forEach((rule, i) => {
    if (seen.has(rule.rule)) problems.add(`/rules/${i}/rule`, 'is listed twice')
    seen.add(rule.rule)
    const r = resolveOne(view, rule, `/rules/${i}`, problems)
    if (r) resolved.push(r)
  })
  return resolved.sort((a, b) => RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule))
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '')

/** A record's keys for every rule, each key once. */
export function matchKeys(rules: ResolvedRule[], record: ApiRecord): MatchKey[] {
  const keys = new Map<string, MatchKey>()
  const add = (k: MatchKey) => keys.set(`${k.rule}\u0000${k.key}`, k)
  for (const rule of rules) {
    if (rule.rule === 'name') {
      const name = foldedName(rule.fields.map((f) => record[f.apiName]))
      if (name) add({ rule: 'name', key: nameBlock(name, rule.relation ? (record[rule.relation.apiName] as string | null) ?? null : null), value: name })
      continue
    }
    for (const field of rule.fields) {
      for (const value of strings(record[field.apiName])) {
        const key = rule.rule === 'email' ? emailKey(value) : rule.rule === 'domain' ? domainKey(value) : value
        if (key) add({ rule: rule.rule, key, value: null })
      }
    }
  }
  return [...keys.values()]
}
