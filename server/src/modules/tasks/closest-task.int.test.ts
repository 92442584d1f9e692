import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialect, type TestDatabase } from '../../test/db.ts';
import { createAccount } from '../accounts/create-account.ts';
import { nearestOpenDeadline, nearestOpenDeadlineQuery } from './tasks.repo.ts';

let database: TestDatabase;
let accountId: number;
let otherAccountId: number;
beforeAll(async () => {
  database = await createTestDatabase();
  accountId = (await createAccount(database.db, { name: 'Deadlines', locale: 'en' })).id;
  otherAccountId = (await createAccount(database.db, { name: 'Other', locale: 'en' })).id;
});
afterAll(async () => {
  await database.drop();
});

type TaskRow = {
  account?: number;
  entityId: number;
  till: number;
  completed?: boolean;
  deleted?: boolean;
  entityType?: 'leads' | 'contacts';
};

async function addTasks(rows: TaskRow[]) {
  for (let i = 0; i < rows.length; i += 200)
    await database.db
      .insertInto('tasks')
      .values(
        rows.slice(i, i + 200).map((r) => ({
          account_id: r.account ?? accountId,
          text: 't',
          task_type_id: 1,
          complete_till: r.till,
          responsible_user_id: 1,
          entity_type: r.entityType ?? 'leads',
          entity_id: r.entityId,
          is_completed: r.completed ? 1 : 0,
          created_at: 1,
          updated_at: 1,
          deleted_at: r.deleted ? 1 : null,
        })),
      )
      .execute();
}

describe('the earliest open deadline of an entity', () => {
  it('counts only its own open, live tasks, in its own account', async () => {
    await addTasks([
      { entityId: 10, till: 3000 },
      { entityId: 10, till: 1000 },
      { entityId: 10, till: 50, completed: true },
      { entityId: 10, till: 20, deleted: true },
      { entityId: 10, till: 5, entityType: 'contacts' },
      { entityId: 11, till: 10 },
      { account: otherAccountId, entityId: 10, till: 1 },
    ]);
    expect(await nearestOpenDeadline(database.db, accountId, 'leads', 10)).toBe(1000);
    expect(await nearestOpenDeadline(database.db, accountId, 'contacts', 10)).toBe(5);
    expect(await nearestOpenDeadline(database.db, accountId, 'leads', 11)).toBe(10);
    expect(await nearestOpenDeadline(database.db, accountId, 'leads', 12)).toBeNull();
    expect(await nearestOpenDeadline(database.db, otherAccountId, 'leads', 10)).toBe(1);
  });

  it.skipIf(testDialect() !== 'sqlite')(
    'is one index seek on SQLite even with statistics from when the table was small',
    async () => {
      // Statistics taken now, then many open tasks of other deals: what a server sees after an
      // import by another process, until its next hourly optimize.
      await database.db.executeQuery(CompiledQuery.raw('analyze'));
      await addTasks(Array.from({ length: 3000 }, (_, i) => ({ entityId: 1000 + i, till: 10_000 + i })));
      const compiled = nearestOpenDeadlineQuery.compile(database.db, {
        accountId,
        entityType: 'leads',
        entityId: 12,
      });
      const plan = await database.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
      );
      expect(plan.rows.map((r) => r.detail).join('\n')).toMatch(/USING (COVERING )?INDEX tasks_entity_open/);
    },
  );
});
