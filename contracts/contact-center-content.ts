/**
 * Shapes of the contact center's content, shared by the server and the web client: IVR flows
 * (a graph of nodes keyed by id), agent scripts (a graph of questions) and knowledge-base
 * articles. The graph rules that TypeBox cannot express (dead ends, loops, unreachable nodes,
 * unknown targets, missing translations) are checked by the server's graph validator.
 */
import { Type, type Static, type TSchema } from 'typebox'

export const CONTENT_LANGUAGES = ['en', 'ru', 'fa', 'lt'] as const
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number]

/** Node ids appear in JSON pointers and in exported flows, so they are plain and short. */
export const NODE_ID_PATTERN = '^[A-Za-z0-9_-]{1,40}$'
export const MAX_FLOW_NODES = 200
export const MAX_MENU_CHOICES = 12
export const MAX_PROMPT_TEXT = 2000
export const MAX_SCRIPT_NODES = 200
export const MAX_ARTICLE_BODY = 50_000

const Enum = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] })
const Target = Type.String({ maxLength: 40 }) // unknown targets are named by the validator, not refused by pattern
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })
const KeyName = Type.String({ pattern: '^[A-Za-z0-9_.-]{1,60}$' })
const Lang = Enum(CONTENT_LANGUAGES)
const Obj = <T extends Record<string, TSchema>>(props: T) => Type.Object(props, { additionalProperties: false })
/** A map whose keys match `keyPattern`; other keys are refused (TypeBox leaves them open by default). */
const Rec = <V extends TSchema>(keyPattern: string, value: V, options: { maxProperties: number; minProperties?: number }) =>
  Type.Record(Type.String({ pattern: keyPattern }), value, { ...options, additionalProperties: false })
const LANG_KEY = '^(en|ru|fa|lt)$'

/** Text per language: `{en: "…", ru: "…"}`; every enabled language of the flow must be there. */
export const LocalizedText = Rec(LANG_KEY, Type.String({ maxLength: MAX_PROMPT_TEXT }), { maxProperties: 4 })
export type LocalizedText = Static<typeof LocalizedText>

export const Prompt = Obj({
  text: LocalizedText,
  /** A recorded prompt per language; adapters play it instead of speaking the text. */
  audioUrl: Type.Optional(Rec(LANG_KEY, Type.String({ maxLength: 2000, pattern: '^https?://' }), { maxProperties: 4 })),
})
export type Prompt = Static<typeof Prompt>

const Hours = Type.Array(Type.Tuple([Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }), Type.String({ pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$' })]), { maxItems: 6 })
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

export const IvrNode = Type.Union([
  Obj({ type: Type.Literal('prompt'), label: Type.Optional(Type.String({ maxLength: 200 })), prompt: Prompt, next: Type.Optional(Target) }),
  Obj({
    type: Type.Literal('menu'), label: Type.Optional(Type.String({ maxLength: 200 })), prompt: Prompt,
    /** DTMF key → next node. */
    choices: Rec('^[0-9*#]$', Target, { maxProperties: MAX_MENU_CHOICES }),
    timeoutSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    /** How many times the menu is repeated after a wrong key or silence before `onFail`. */
    retries: Type.Optional(Type.Integer({ minimum: 0, maximum: 5 })),
    onFail: Type.Optional(Target),
  }),
  Obj({
    type: Type.Literal('hours'), label: Type.Optional(Type.String({ maxLength: 200 })),
    weekly: Type.Partial(Type.Object(Object.fromEntries(WEEKDAYS.map((d) => [d, Hours])) as Record<(typeof WEEKDAYS)[number], typeof Hours>, { additionalProperties: false })),
    /** Whole days closed, `YYYY-MM-DD` in the flow's time zone. */
    holidays: Type.Optional(Type.Array(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), { maxItems: 366 })),
    open: Type.Optional(Target), closed: Type.Optional(Target),
  }),
  Obj({
    type: Type.Literal('lookup'), label: Type.Optional(Type.String({ maxLength: 200 })), prompt: Prompt,
    /** Object and field the entered digits are matched against, e.g. orders.orderNumber. */
    object: KeyName, matchField: KeyName,
    /** Fields read back to the caller (only those the service identity may see are answered). */
    answerFields: Type.Array(KeyName, { minItems: 1, maxItems: 5 }),
    maxDigits: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    found: Type.Optional(Target), notFound: Type.Optional(Target),
  }),
  Obj({
    type: Type.Literal('queue'), label: Type.Optional(Type.String({ maxLength: 200 })),
    queue: KeyName, skills: Type.Optional(Type.Array(KeyName, { maxItems: 10 })), priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  }),
  Obj({ type: Type.Literal('voicemail'), label: Type.Optional(Type.String({ maxLength: 200 })), prompt: Type.Optional(Prompt), mode: Enum(['voicemail', 'callback'] as const), queue: Type.Optional(KeyName) }),
  Obj({ type: Type.Literal('hangup'), label: Type.Optional(Type.String({ maxLength: 200 })), prompt: Type.Optional(Prompt) }),
])
export type IvrNode = Static<typeof IvrNode>
export type IvrNodeType = IvrNode['type']

export const IvrDefinition = Obj({
  start: Target,
  languages: Type.Array(Lang, { minItems: 1, maxItems: 4, uniqueItems: true }),
  /** IANA zone the business hours are read in. */
  timeZone: Type.String({ minLength: 1, maxLength: 64 }),
  /** Role whose permissions self-service lookups read with (default: the workspace's "Read only" role). */
  serviceRoleId: Type.Optional(Type.String({ maxLength: 100 })),
  nodes: Rec(NODE_ID_PATTERN, IvrNode, { minProperties: 1, maxProperties: MAX_FLOW_NODES }),
})
export type IvrDefinition = Static<typeof IvrDefinition>

export const CreateIvrFlowBody = Obj({ name: Name, definition: IvrDefinition })
export type CreateIvrFlowBody = Static<typeof CreateIvrFlowBody>
export const UpdateIvrFlowBody = Type.Object({ name: Type.Optional(Name), definition: Type.Optional(IvrDefinition) }, { additionalProperties: false, minProperties: 1 })
export type UpdateIvrFlowBody = Static<typeof UpdateIvrFlowBody>

export interface IvrFlow {
  id: string
  name: string
  definition: IvrDefinition
  /** The draft's revision (ETag); publishing does not change it. */
  revision: number
  publishedVersion: number | null
  draftChanged: boolean
  createdAt: string
  updatedAt: string
  editable: boolean
}

export interface IvrFlowVersion {
  flowId: string
  version: number
  definition: IvrDefinition
  publishedAt: string
  publishedBy: string
}

export const SimulateIvrBody = Obj({
  /** Caller inputs in order, comma-separated: a key or several (a lookup's number, `#` ends it); empty = silence. */
  digits: Type.String({ maxLength: 400, pattern: '^[0-9*#,\\s]*$' }),
  at: Type.Optional(Type.String({ format: 'date-time' })),
  callerNumber: Type.Optional(Type.String({ maxLength: 32 })),
  language: Type.Optional(Lang),
  /** Simulate the draft instead of the published version (the designer's test panel). */
  draft: Type.Optional(Type.Boolean()),
})
export type SimulateIvrBody = Static<typeof SimulateIvrBody>

export interface IvrStep {
  node: string
  type: IvrNodeType
  /** What the caller heard (in the chosen language). */
  said?: string
  input?: string
  /** Why the next node was taken: a key, `open`/`closed`, `found`/`notFound`, `retry`, `fail`. */
  via?: string
}

export type IvrAction =
  | { kind: 'queue'; node: string; queue: string; skills: string[]; priority: number }
  | { kind: 'voicemail' | 'callback'; node: string; queue: string | null }
  | { kind: 'hangup'; node: string }
  | { kind: 'incomplete'; node: string; reason: 'waiting-for-input' | 'step-limit' }

export interface IvrSimulation {
  version: number | 'draft'
  path: IvrStep[]
  action: IvrAction
  lookups: { node: string; entered: string; found: boolean; answer: Record<string, unknown> | null }[]
}

// ── Agent scripts ────────────────────────────────────────────────────────────
export const ANSWER_TYPES = ['choice', 'text', 'number', 'yesNo'] as const
export type AnswerType = (typeof ANSWER_TYPES)[number]

export const ScriptNode = Type.Union([
  Obj({
    type: Type.Literal('question'), text: Type.String({ minLength: 1, maxLength: MAX_PROMPT_TEXT }), answerType: Enum(ANSWER_TYPES),
    /** For `choice`: the allowed answers. */
    choices: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20, uniqueItems: true })),
    /** Answer → next node (`yes`/`no` for yesNo; a choice value for choice). */
    branches: Type.Optional(Rec('^.{1,100}$', Target, { maxProperties: 20 })),
    /** Next node for any other answer (and the only exit of text and number questions). */
    next: Type.Optional(Target),
  }),
  Obj({ type: Type.Literal('end'), text: Type.Optional(Type.String({ maxLength: MAX_PROMPT_TEXT })), outcome: KeyName }),
])
export type ScriptNode = Static<typeof ScriptNode>

export const ScriptDefinition = Obj({
  start: Target,
  nodes: Rec(NODE_ID_PATTERN, ScriptNode, { minProperties: 1, maxProperties: MAX_SCRIPT_NODES }),
})
export type ScriptDefinition = Static<typeof ScriptDefinition>

const Keys = Type.Array(KeyName, { maxItems: 20, uniqueItems: true })
export const CreateScriptBody = Obj({ name: Name, queues: Type.Optional(Keys), callReasons: Type.Optional(Keys), definition: ScriptDefinition })
export type CreateScriptBody = Static<typeof CreateScriptBody>
export const UpdateScriptBody = Type.Object({ name: Type.Optional(Name), queues: Type.Optional(Keys), callReasons: Type.Optional(Keys), definition: Type.Optional(ScriptDefinition) }, { additionalProperties: false, minProperties: 1 })
export type UpdateScriptBody = Static<typeof UpdateScriptBody>

export interface AgentScript {
  id: string
  name: string
  queues: string[]
  callReasons: string[]
  definition: ScriptDefinition
  revision: number
  createdAt: string
  updatedAt: string
  editable: boolean
}

export const ScriptRunBody = Obj({
  activityId: Type.String({ maxLength: 100 }),
  answers: Type.Array(Obj({ node: Target, value: Type.Union([Type.String({ maxLength: 2000 }), Type.Number(), Type.Boolean()]) }), { maxItems: MAX_SCRIPT_NODES }),
})
export type ScriptRunBody = Static<typeof ScriptRunBody>

export interface ScriptRun {
  id: string
  scriptId: string
  scriptName: string
  scriptRevision: number
  activityId: string
  answers: { node: string; question: string; value: string | number | boolean }[]
  outcome: string
  createdBy: string
  createdAt: string
}

// ── Knowledge base ───────────────────────────────────────────────────────────
export const ARTICLE_VISIBILITIES = ['internal', 'public'] as const
export const ARTICLE_STATUSES = ['draft', 'published'] as const
export type ArticleVisibility = (typeof ARTICLE_VISIBILITIES)[number]
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number]

const ArticleFields = {
  title: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' }),
  body: Type.String({ maxLength: MAX_ARTICLE_BODY }),
  language: Lang,
  visibility: Enum(ARTICLE_VISIBILITIES),
  tags: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20, uniqueItems: true }),
  status: Enum(ARTICLE_STATUSES),
}
export const CreateArticleBody = Type.Object({
  ...ArticleFields,
  visibility: Type.Optional(ArticleFields.visibility), tags: Type.Optional(ArticleFields.tags), status: Type.Optional(ArticleFields.status),
  sourceActivityId: Type.Optional(Type.String({ maxLength: 100 })),
}, { additionalProperties: false })
export type CreateArticleBody = Static<typeof CreateArticleBody>
export const UpdateArticleBody = Type.Partial(Type.Object(ArticleFields, { additionalProperties: false }), { additionalProperties: false, minProperties: 1 })
export type UpdateArticleBody = Static<typeof UpdateArticleBody>
export const PromoteActivityBody = Type.Object({
  title: Type.Optional(ArticleFields.title), language: Type.Optional(Lang), visibility: Type.Optional(ArticleFields.visibility), tags: Type.Optional(ArticleFields.tags),
}, { additionalProperties: false })
export type PromoteActivityBody = Static<typeof PromoteActivityBody>

export interface KbArticle {
  id: string
  title: string
  body: string
  language: ContentLanguage
  visibility: ArticleVisibility
  tags: string[]
  status: ArticleStatus
  sourceActivityId: string | null
  createdBy: string
  createdAt: string
  updatedAt: string
  revision: number
  editable: boolean
}

export interface KbSearchHit {
  kind: 'article' | 'activity'
  id: string
  title: string
  snippet: string
  score: number
  language?: ContentLanguage
  visibility?: ArticleVisibility
  status?: ArticleStatus
}
