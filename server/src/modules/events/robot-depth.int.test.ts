import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/types.ts';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { createAccount } from '../accounts/create-account.ts';
import { recordEvents } from './record-event.ts';
import { robotDepthOf, withRobotDepth } from './robot-depth.ts';

let database: TestDatabase;
let accountId: number;
beforeAll(async () => {
  database = await createTestDatabase();
  accountId = (await createAccount(database.db, { name: 'Depth', locale: 'en' })).id;
});
afterAll(async () => {
  await database.drop();
});

/** Writes one event through `db` as `createdBy` and reads back the depth it was stored with. */
async function storedDepth(db: Kysely<DB>, createdBy = 0): Promise<number | null> {
  const [id] = await recordEvents(db, [
    { accountId, type: 'deal.created', entityType: 'leads', entityId: 1, createdBy },
  ]);
  const row = await db
    .selectFrom('events')
    .select('automation_depth')
    .where('id', '=', id ?? 0)
    .executeTakeFirstOrThrow();
  return row.automation_depth;
}

describe('the robot chain depth on a database handle', () => {
  it('is absent on an unmarked handle and on its transactions', async () => {
    expect(robotDepthOf(database.db)).toBeUndefined();
    expect(await storedDepth(database.db)).toBeNull();
    await database.db.transaction().execute(async (trx) => {
      expect(await storedDepth(trx)).toBeNull();
    });
  });

  it('reaches events written through the marked handle and transactions opened from it', async () => {
    const robot = withRobotDepth(database.db, 3);
    expect(robotDepthOf(robot)).toBe(3);
    expect(await storedDepth(robot)).toBe(3);
    await robot.transaction().execute(async (trx) => {
      expect(trx.isTransaction).toBe(true);
      expect(await storedDepth(trx)).toBe(3);
    });
    // The handle it was made from stays unmarked.
    expect(await storedDepth(database.db)).toBeNull();
  });

  it('marks a transaction handle for one run without marking the transaction', async () => {
    await database.db.transaction().execute(async (trx) => {
      const run = withRobotDepth(trx, 2);
      expect(run.isTransaction).toBe(true);
      expect(await storedDepth(run)).toBe(2);
      // The innermost mark is the run's own (a chain inside a chain).
      expect(await storedDepth(withRobotDepth(run, 4))).toBe(4);
      expect(await storedDepth(trx)).toBeNull();
    });
  });

  it('is stored only on the robot’s events, not on a person’s written through a marked handle', async () => {
    expect(await storedDepth(withRobotDepth(database.db, 1), 7)).toBeNull();
  });

  it('rolls back with the transaction like any other write', async () => {
    const before = await database.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      withRobotDepth(database.db, 1)
        .transaction()
        .execute(async (trx) => {
          await storedDepth(trx);
          throw new Error('abort');
        }),
    ).rejects.toThrow('abort');
    const after = await database.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
