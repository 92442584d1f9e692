import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
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

export function openDatabase(database: Config['database']): Database {
  if (database.dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
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
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    dialect: 'sqlite',
    close: () => {
      clearInterval(optimize);
      return db.destroy();
    },
  };
}
