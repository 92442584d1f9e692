import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type Dialect } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

/** The dialect this test run is for: set per vitest project (see vitest.config.ts). */
export function testDialect(): Dialect {
  return process.env.VORONKA_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
}

export type TestDatabase = Database & {
  /** The connection settings, for a second process or a restart of the same database. */
  settings: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };
  /** Closes the connection and removes the database. */
  drop: () => Promise<void>;
};

/**
 * A fresh, migrated database for one test file: a new SQLite file, or a new PostgreSQL database
 * created next to TEST_DATABASE_URL and dropped afterwards.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDialect() === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'voronka-test-'));
    const settings = { dialect: 'sqlite' as const, file: path.join(dir, 'voronka.db') };
    const database = openDatabase(settings);
    await migrateToLatest(database);
    return {
      ...database,
      settings,
      drop: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) throw new Error('VORONKA_TEST_DIALECT=postgres needs TEST_DATABASE_URL');
  const name = `voronka_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const settings = { dialect: 'postgres' as const, url: url.toString() };
  const database = openDatabase(settings);
  await migrateToLatest(database);
  return {
    ...database,
    settings,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
