import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { DB } from './types.ts';

export type Dialect = 'sqlite' | 'postgres';

export type Database = {
  db: Kysely<DB>;
  dialect: Dialect;
  close: () => Promise<void>;
};

// int8 (COUNT(*), bigint ids and unix-second timestamps) as JS numbers, not strings.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** Lower-casing that folds Cyrillic too: SQLite's built-in lower() only folds ASCII. */
function unicodeLower(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/**
 * Transactions take SQLite's write lock when they begin (BEGIN IMMEDIATE). A deferred BEGIN that
 * reads and then writes fails at once with SQLITE_BUSY_SNAPSHOT, whatever the busy timeout, when
 * another process (a second app node, `npm run cli demo:generate` or `npm run bench` next to a
 * running server) wrote in between; an immediate one waits for the lock instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/**
 * better-sqlite3 with its prepared statements kept (up to `size`; when full, the one prepared
 * first goes): Kysely prepares every query afresh, and preparing was a sixth of the server's CPU
 * time in the automation bench. A hit only looks up: keeping the order of use (a delete and a set
 * per query) was itself 3% of it. Kysely runs one query at a time on the connection, so a
 * statement is never used by two queries at once (a streamed query keeps the connection until
 * it is done).
 */
export function withStatementCache(sqlite: BetterSqlite3.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (text: string) => {
      const found = cache.get(text);
      if (found) return found;
      const stmt = sqlite.prepare(text);
      if (cache.size >= size) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      cache.set(text, stmt);
      return stmt;
    },
  };
}

export type OpenOptions = {
  /**
   * A pooled PostgreSQL connection that failed while idle (the server restarted, an admin or a
   * failover terminated it). The pool drops it and connects afresh for the next query; without a
   * listener the pool's 'error' event would be an uncaught exception that ends the process.
   */
  onConnectionError?: (error: Error & { code?: string }) => void;
};

/** Only the message and code: a pg error carries its client, connection password included. */
const warnConnectionError = (error: Error & { code?: string }) =>
  console.warn(`PostgreSQL connection lost (${error.code ?? 'no code'}): ${error.message}`);

export function openDatabase(database: Config['database'], options: OpenOptions = {}): Database {
  if (database.dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
    pool.on('error', options.onConnectionError ?? warnConnectionError);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const sqlite = new BetterSqlite3(database.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.function('ulower', { deterministic: true }, unicodeLower);
  // Planner statistics. Without them SQLite guesses that `account_id = ?` selects ~10 rows, and
  // walks an account's whole index for lookups it could do by id. optimize=0x10002 analyses the
  // tables whose statistics are missing or stale (sampled: analysis_limit); hourly after that.
  sqlite.pragma('analysis_limit = 400');
  sqlite.pragma('optimize = 0x10002');
  const optimize = setInterval(() => sqlite.pragma('optimize'), 3_600_000);
  optimize.unref();
  const db = new Kysely<DB>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return {
    db,
    dialect: 'sqlite',
    close: () => {
      clearInterval(optimize);
      return db.destroy();
    },
  };
}
