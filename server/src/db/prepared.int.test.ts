import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../modules/accounts/create-account.ts';
import { withRobotDepth } from '../modules/events/robot-depth.ts';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';
import { prepared } from './prepared.ts';
import type { DB } from './types.ts';

let database: TestDatabase;
let accountId: number;
let otherAccountId: number;
beforeAll(async () => {
  database = await createTestDatabase();
  accountId = (await createAccount(database.db, { name: 'Prepared', locale: 'en' })).id;
  otherAccountId = (await createAccount(database.db, { name: 'Other', locale: 'en' })).id;
});
afterAll(async () => {
  await database.drop();
});

/** A plugin that is not marked pass-through (it could rewrite queries). */
class Rewriting implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs) {
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs) {
    return Promise.resolve(args.result);
  }
}

function countingTags() {
  const counter = { builds: 0 };
  const build = prepared((db, p: { accountId: number; name: string; nameLc: string }) => {
    counter.builds++;
    return db
      .insertInto('tags')
      .values({ account_id: p.accountId, entity_type: 'leads', name: p.name, name_lc: p.nameLc, color: null })
      .returning(['id', 'name', 'account_id']);
  });
  const insert = {
    first: (db: Kysely<DB>, p: { accountId: number; name: string }) =>
      build.first(db, { ...p, nameLc: p.name.toLowerCase() }),
  };
  return { counter, insert };
}

const byName = prepared((db, p: { accountId: number; name: string }) =>
  db
    .selectFrom('tags')
    .select(['id', 'name'])
    .where('account_id', '=', p.accountId)
    // A constant in the query stays a constant: only the stand-ins take the new values.
    .where('entity_type', 'in', ['leads', 'contacts'])
    .where('name', '=', p.name),
);

const rename = prepared((db, p: { accountId: number; from: string; to: string }) =>
  db.updateTable('tags').set({ name: p.to }).where('account_id', '=', p.accountId).where('name', '=', p.from),
);

describe('prepared queries', () => {
  it('binds new values each run and answers as the built query does', async () => {
    const built = await database.db
      .insertInto('tags')
      .values({ account_id: accountId, entity_type: 'leads', name: 'Alpha', name_lc: 'alpha', color: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('tags')
      .values({
        account_id: otherAccountId,
        entity_type: 'leads',
        name: 'Alpha',
        name_lc: 'alpha',
        color: null,
      })
      .execute();
    expect(await byName.rows(database.db, { accountId, name: 'Alpha' })).toEqual([
      { id: built.id, name: 'Alpha' },
    ]);
    expect(await byName.first(database.db, { accountId, name: 'Beta' })).toBeUndefined();
    expect(await rename.affected(database.db, { accountId, from: 'Alpha', to: 'Beta' })).toBe(1);
    expect(await byName.first(database.db, { accountId, name: 'Beta' })).toEqual({
      id: built.id,
      name: 'Beta',
    });
    // The other account's tag of the same name was not touched.
    expect(await byName.first(database.db, { accountId: otherAccountId, name: 'Alpha' })).toBeDefined();
    expect(await rename.affected(database.db, { accountId, from: 'Nothing', to: 'X' })).toBe(0);
  });

  it('builds once per dialect, for the database, its transactions and pass-through handles', async () => {
    const { counter, insert } = countingTags();
    const first = await insert.first(database.db, { accountId, name: 'One' });
    expect(first).toMatchObject({ name: 'One', account_id: accountId });
    await database.db.transaction().execute(async (trx) => {
      expect(await insert.first(trx, { accountId, name: 'Two' })).toMatchObject({ name: 'Two' });
      expect(await insert.first(withRobotDepth(trx, 1), { accountId, name: 'Three' })).toMatchObject({
        name: 'Three',
      });
    });
    expect(counter.builds).toBe(1);
    const names = await database.db
      .selectFrom('tags')
      .select('name')
      .where('account_id', '=', accountId)
      .where('name', 'in', ['One', 'Two', 'Three'])
      .orderBy('id')
      .execute();
    expect(names.map((r) => r.name)).toEqual(['One', 'Two', 'Three']);
  });

  it('rolls back with its transaction', async () => {
    const { insert } = countingTags();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await insert.first(trx, { accountId, name: 'Rolled back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await byName.first(database.db, { accountId, name: 'Rolled back' })).toBeUndefined();
  });

  it('builds with the real values on a handle whose plugin may rewrite queries', async () => {
    const { counter, insert } = countingTags();
    const handle = database.db.withPlugin(new Rewriting());
    await insert.first(handle, { accountId, name: 'P1' });
    await insert.first(handle, { accountId, name: 'P2' });
    expect(counter.builds).toBe(2);
    expect(await byName.first(database.db, { accountId, name: 'P2' })).toBeDefined();
  });

  it('refuses an undefined parameter rather than binding it', async () => {
    await expect(
      byName.first(database.db, { accountId, name: undefined as unknown as string }),
    ).rejects.toThrow('Prepared query parameter "name" is undefined');
  });
});
