import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialect, type TestDatabase } from '../test/db.ts';
import { openDatabase, type Database } from './database.ts';

const onPg = testDialect() === 'postgres';
let database: TestDatabase;
let second: Database;
const lost: Array<{ code?: string | undefined; message: string }> = [];

beforeAll(async () => {
  database = await createTestDatabase();
  if (database.settings.dialect === 'postgres')
    second = openDatabase(database.settings, {
      onConnectionError: (error) => lost.push({ code: error.code, message: error.message }),
    });
});
afterAll(async () => {
  await second?.close();
  await database.drop();
});

describe.skipIf(!onPg)('the PostgreSQL pool', () => {
  it('survives its idle connections being terminated and connects afresh', async () => {
    if (database.settings.dialect !== 'postgres') throw new Error('PostgreSQL only');
    const count = async () =>
      Number(
        (
          await second.db
            .selectFrom('accounts')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    // As a PostgreSQL restart or an administrator would: every other session of this database.
    const admin = new pg.Client({ connectionString: database.settings.url });
    await admin.connect();
    const killed = await admin.query<{ pid: number }>(
      `SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    await admin.end();
    expect(killed.rowCount).toBeGreaterThan(0);
    for (let i = 0; i < 50 && lost.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((e) => e.code === '57P01')).toBe(true);
    // The next query gets a new connection.
    expect(await count()).toBe(before);
  });
});
