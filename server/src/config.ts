import path from 'node:path'

/** Outgoing mail server, from RAPPORT_SMTP_URL (smtp:// or smtps://user:pass@host:port). */
export interface SmtpConfig {
  host: string
  port: number
  /** smtps://: TLS from the first byte; smtp:// upgrades with STARTTLS when the server offers it. */
  secure: boolean
  from: string
  user?: string
  password?: string
}

const DEFAULT_MAIL_FROM = 'Rapport <no-reply@localhost>'
const APP_KEY_BYTES = 32

export interface Config {
  dataDir: string
  /** postgres://… switches the whole app to PostgreSQL; unset means embedded SQLite in dataDir. */
  databaseUrl: string | null
  port: number
  host: string
  logLevel: string
  /** Secret that signs pagination cursors; derived per data dir when not given. */
  cursorSecret: string | null
  /** Null: mail is not sent, only logged without its body (links hold secrets). */
  smtp: SmtpConfig | null
  /** Base64 of 32 bytes that encrypts secrets at rest (TOTP); null: a key file in dataDir. */
  appKey: string | null
  /** The address users reach Rapport at (links in mail); null: taken from each request. */
  publicUrl: string | null
}

function readSmtp(env: NodeJS.ProcessEnv): SmtpConfig | null {
  const raw = env.RAPPORT_SMTP_URL?.trim()
  if (!raw) return null
  const url = URL.canParse(raw) ? new URL(raw) : null
  if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')) throw new Error('RAPPORT_SMTP_URL must be a URL like smtp://user:password@mail.example.com:587 (or smtps://)')
  const secure = url.protocol === 'smtps:'
  const from = env.RAPPORT_MAIL_FROM?.trim() || DEFAULT_MAIL_FROM
  if (/[\r\n]/.test(from)) throw new Error('RAPPORT_MAIL_FROM must be one line')
  return {
    host: url.hostname, port: url.port ? Number(url.port) : secure ? 465 : 587, secure, from,
    ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
  }
}

function readAppKey(env: NodeJS.ProcessEnv): string | null {
  const key = env.RAPPORT_APP_KEY?.trim()
  if (!key) return null
  if (Buffer.from(key, 'base64').length !== APP_KEY_BYTES) throw new Error('RAPPORT_APP_KEY must be 32 bytes in base64 (openssl rand -base64 32)')
  return key
}

function readPublicUrl(env: NodeJS.ProcessEnv): string | null {
  const raw = env.RAPPORT_PUBLIC_URL?.trim()
  if (!raw) return null
  const url = URL.canParse(raw) ? new URL(raw) : null
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new Error('RAPPORT_PUBLIC_URL must be an origin like https://crm.example.com')
  return url.origin
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`)
  const databaseUrl = env.DATABASE_URL?.trim() || null
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// (leave it unset for embedded SQLite)')
  }
  return {
    dataDir: path.resolve(env.RAPPORT_DATA_DIR ?? './data'),
    databaseUrl,
    port,
    host: env.HOST ?? '127.0.0.1',
    logLevel: env.LOG_LEVEL ?? 'info',
    cursorSecret: env.RAPPORT_CURSOR_SECRET ?? null,
    smtp: readSmtp(env),
    appKey: readAppKey(env),
    publicUrl: readPublicUrl(env),
  }
}
