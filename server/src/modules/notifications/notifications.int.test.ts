import { notificationListSchema } from '@voronka/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildAccountWithToken, buildUser } from '../../test/factories.ts';
import { findAccount } from '../accounts/accounts.repo.ts';
import type { Ctx } from '../context.ts';
import { signedInClient, type Client } from '../deals/deals.test-support.ts';
import { notifyUser } from './notify-user.ts';

let t: TestApp;
let client: Client;
let ctx: Ctx;

beforeAll(async () => {
  t = await buildTestApp();
  client = await signedInClient(t.app);
  const account = await findAccount(t.database.db, client.accountId);
  if (!account) throw new Error('no account');
  ctx = { db: t.database.db, account, accountId: account.id, userId: 0, user: null, queue: null };
});
afterAll(() => t.close());

const list = async (query = '') => {
  const res = await client.call('GET', `/api/app/notifications${query}`);
  expect(res.statusCode).toBe(200);
  return notificationListSchema.parse(res.json());
};

describe('in-app notifications', () => {
  it('notifyUser puts a notification in the recipient bell, newest first, with an unread count', async () => {
    await notifyUser(ctx, { userIds: client.userId, kind: 'automation', title: 'First' });
    await notifyUser(ctx, {
      userIds: [client.userId],
      kind: 'automation',
      title: 'Новая заявка <b>',
      body: 'Сделка #1',
      link: '/deals/1',
      entity: { type: 'leads', id: 1 },
    });
    const page = await list();
    expect(page.unread).toBe(2);
    expect(page.items.map((n) => n.title)).toEqual(['Новая заявка <b>', 'First']);
    expect(page.items[0]).toMatchObject({
      link: '/deals/1',
      entity_type: 'leads',
      entity_id: 1,
      created_by: 0,
    });
  });

  it('skips recipients outside the account and pages with next_before', async () => {
    const other = await buildAccountWithToken(t.database.db, t.config.secretKey);
    const written = await notifyUser(ctx, { userIds: [other.user.id], kind: 'x', title: 'leak' });
    expect(written).toHaveLength(0);
    const first = await list('?limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.next_before).toBe(first.items[0]?.id);
    const second = await list(`?limit=1&before=${first.next_before ?? 0}`);
    expect(second.items[0]?.title).toBe('First');
    expect(second.next_before).toBeNull();
  });

  it('marks the own notifications read, by id or all, and never another user’s', async () => {
    const colleague = await buildUser(t.database.db, client.accountId);
    const [theirs] = await notifyUser(ctx, { userIds: colleague.id, kind: 'x', title: 'theirs' });
    const before = await list();
    const firstId = before.items[0]?.id ?? 0;
    let res = await client.call('POST', '/api/app/notifications/read', { ids: [firstId, theirs?.id ?? 0] });
    expect(res.json()).toEqual({ marked: 1, unread: 1 });
    res = await client.call('POST', '/api/app/notifications/read', { all: true });
    expect(res.json()).toEqual({ marked: 1, unread: 0 });
    expect((await list('?unread=true')).items).toHaveLength(0);
    const row = await t.database.db
      .selectFrom('notifications')
      .select('read_at')
      .where('id', '=', theirs?.id ?? 0)
      .executeTakeFirstOrThrow();
    expect(row.read_at).toBeNull();
    res = await client.call('POST', '/api/app/notifications/read', { ids: [] });
    expect(res.statusCode).toBe(400);
  });
});
