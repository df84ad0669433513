/**
 * The API calls the web client makes, found by reading web/src/**\/*.ts(x). The client's one
 * door is web/src/api/client.ts: `api.get|post|put|patch|delete|upload(path, …)` and
 * `apiRequest('METHOD', path, …)`. CALL_SITE matches both; the path argument is a string or
 * template literal, a file-level constant (`const BASE = '/api/v1/…'`) or a call of a
 * file-level arrow function returning one (`const one = (o, id) => \`${base(o)}/${…}\``).
 * Those are resolved by substitution; any other `${expression}` is one path parameter. A path
 * argument that does not resolve to a literal fails the scan, so a new way of calling cannot
 * slip past the contract test unseen.
 */
import fs from 'node:fs'
import path from 'node:path'

export interface ClientCall { file: string; line: number; method: string; path: string; source: string }

/** `api.get<T>(` / `apiRequest<T>('PATCH', ` — the method, then the path argument up to its end. */
export const CALL_SITE = /\b(?:api\.(get|post|put|patch|delete|upload)|apiRequest)\s*(?:<(?:[^<>]|<[^<>]*>)*>)?\(\s*(?:'([A-Z]+)'\s*,\s*)?/g
/** `const NAME = 'literal'` or `` `template` `` at file level. */
const CONSTANT = /^(?:export )?const ([A-Za-z_$][\w$]*)\s*=\s*(['`])((?:(?!\2).)*)\2\s*$/gm
/** `const name = (a, b) => `template`` or `'literal'`. */
const ARROW = /^(?:export )?const ([A-Za-z_$][\w$]*)\s*=\s*\(([^)]*)\)(?:\s*:\s*\w+)?\s*=>\s*(['`])((?:(?!\3).)*)\3\s*$/gm

/** The end of the string literal opening at `at` (a template's `${…}` may hold braces, not backticks). */
function literalEnd(text: string, at: number): number {
  const quote = text[at]
  let braces = 0
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (quote === '`' && text[i] === '$' && text[i + 1] === '{') { braces++; i++ }
    else if (braces > 0 && text[i] === '}') braces--
    else if (braces === 0 && text[i] === quote) return i
  }
  return text.length
}

/** The expression starting at `from`: up to the first top-level `,` or `)`. */
function argumentAt(text: string, from: number): string {
  let depth = 0
  for (let i = from; i < text.length; i++) {
    const c = text[i]
    if (c === "'" || c === '"' || c === '`') i = literalEnd(text, i)
    else if (c === '(' || c === '[' || c === '{') depth++
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--
    else if ((c === ')' || c === ',') && depth === 0) return text.slice(from, i).trim()
  }
  return text.slice(from).trim()
}

interface FileScope { constants: Map<string, string>; arrows: Map<string, { params: string[]; body: string }> }

function scopeOf(text: string): FileScope {
  const constants = new Map<string, string>()
  for (const m of text.matchAll(CONSTANT)) constants.set(m[1], m[3])
  const arrows = new Map<string, { params: string[]; body: string }>()
  for (const m of text.matchAll(ARROW)) arrows.set(m[1], { params: m[2].split(',').map((p) => p.split(':')[0].trim()).filter(Boolean), body: m[4] })
  return { constants, arrows }
}

const PARAM = '{}'

/** A template's text with `${…}` resolved: constants and arrow calls inlined, anything else a parameter. */
function resolveTemplate(body: string, scope: FileScope, depth = 0): string {
  if (depth > 5) throw new Error(`too deep: ${body}`)
  let out = ''
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '$' && body[i + 1] === '{') {
      let level = 1
      let j = i + 2
      for (; j < body.length && level > 0; j++) {
        if (body[j] === '{') level++
        else if (body[j] === '}') level--
      }
      out += resolveExpression(body.slice(i + 2, j - 1).trim(), scope, depth + 1) ?? PARAM
      i = j - 1
    } else out += body[i]
  }
  return out
}

/** A path expression as a literal path, or undefined when it is not one of the shapes above. */
function resolveExpression(expression: string, scope: FileScope, depth = 0): string | undefined {
  const literal = /^(['`"])([\s\S]*)\1$/.exec(expression)
  if (literal) return literal[1] === '`' ? resolveTemplate(literal[2], scope, depth) : literal[2]
  if (scope.constants.has(expression)) return resolveTemplate(scope.constants.get(expression)!, scope, depth + 1)
  const call = /^([A-Za-z_$][\w$]*)\(([\s\S]*)\)$/.exec(expression)
  if (call && scope.arrows.has(call[1])) return resolveTemplate(scope.arrows.get(call[1])!.body, scope, depth + 1)
  return undefined
}

const sourceFiles = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
  const full = path.join(dir, entry.name)
  return entry.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(entry.name) ? [full] : []
})

/** Every call site under `webSrc` except the client's own definitions. */
export function clientCalls(webSrc: string): { calls: ClientCall[]; unresolved: ClientCall[] } {
  const calls: ClientCall[] = []
  const unresolved: ClientCall[] = []
  for (const file of sourceFiles(webSrc)) {
    if (path.relative(webSrc, file) === path.join('api', 'client.ts')) continue
    const text = fs.readFileSync(file, 'utf8')
    const scope = scopeOf(text)
    for (const m of text.matchAll(CALL_SITE)) {
      const method = (m[1] === 'upload' ? 'post' : m[1] ?? m[2]?.toLowerCase())
      const argument = argumentAt(text, m.index! + m[0].length)
      const line = text.slice(0, m.index).split('\n').length
      const site = { file: path.relative(webSrc, file), line, method: method ?? '?', path: '', source: argument }
      const resolved = method ? resolveExpression(argument, scope) : undefined
      if (resolved === undefined) unresolved.push(site)
      else calls.push({ ...site, path: resolved })
    }
  }
  return { calls, unresolved }
}

/** Whether an OpenAPI path template (`/a/{id}`) names a resolved client path (`/a/{}`). */
export const matchesTemplate = (template: string, clientPath: string) =>
  template.replace(/\{[^}]+\}/g, PARAM) === clientPath
