import path from 'node:path'

export interface Config {
  dataDir: string
  /** postgres://… switches the whole app to PostgreSQL; unset means embedded SQLite in dataDir. */
  databaseUrl: string | null
  port: number
  host: string
  logLevel: string
  /** Secret that signs pagination cursors; derived per data dir when not given. */
  cursorSecret: string | null
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
  }
}
