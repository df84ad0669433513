/**
 * @module db/sqlite-immediate
 * Kysely's SQLite dialect with transactions opened by BEGIN IMMEDIATE. Other connections write to
 * a workspace file too (slow DDL, rollup builds in a worker): a deferred transaction that read
 * first and then writes after one of them committed fails at once with SQLITE_BUSY_SNAPSHOT,
 * without waiting. Taking the write lock at BEGIN makes it wait (busy_timeout) instead. In-process
 * this costs nothing: the one connection already runs one transaction at a time.
 */
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely'

class ImmediateTransactionsDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig
  constructor(config: SqliteDialectConfig) {
    super(config)
    this.#config = config
  }

  override createDriver(): Driver {
    return new ImmediateTransactionsDriver(this.#config)
  }
}
