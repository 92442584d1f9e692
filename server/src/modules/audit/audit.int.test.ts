import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createLeads } from '../deals/deals.test-support.ts';
import { salesTeam } from '../policy/rights.test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('audit log', () => {
  it('lists changes and refused actions, filtered by user, type, entity and period, and exports CSV', async () => {
    const team = await salesTeam(t);
    const [deal] = await createLeads(team.admin, [
      { name: 'Аудит', responsible_user_id: team.outsider.userId },
    ]);
    await team.giveRole(team.me, { leads: { view: 'all', edit: 'own' } });
    expect((await team.me.call('PATCH', `/api/v4/leads/${deal}`, { price: 1 })).statusCode).toBe(403);

    const denied = await team.admin.call('GET', `/api/app/audit?denied=1&user_id=${team.me.userId}`);
    expect(denied.statusCode, denied.body).toBe(200);
    const items = denied.json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      type: 'access.denied',
      entity_type: 'leads',
      entity_id: deal,
      created_by: team.me.userId,
      user_name: 'Мария Менеджер',
    });
    expect(items[0].after[0]).toMatchObject({ action: 'edit', reason: 'forbidden', method: 'PATCH' });

    const created = await team.admin.call('GET', `/api/app/audit?type=deal.created&entity_type=leads`);
    expect(created.json().items.map((i: { entity_id: number }) => i.entity_id)).toEqual([deal]);
    const future = Math.floor(Date.now() / 1000) + 3600;
    expect((await team.admin.call('GET', `/api/app/audit?from=${future}`)).json().items).toEqual([]);
    const paged = await team.admin.call('GET', '/api/app/audit?limit=1');
    expect(paged.json().items).toHaveLength(1);
    expect(paged.json().next_before).toBe(paged.json().items[0].id);

    const csv = await team.admin.call('GET', `/api/app/audit.csv?denied=true`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('id,created_at,user_id,user,type,entity_type,entity_id,before,after');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"access.denied"');
    expect(lines[1]).toContain('"Мария Менеджер"');

    expect((await team.me.call('GET', '/api/app/audit')).statusCode).toBe(403);
    expect((await team.me.call('GET', '/api/app/audit.csv')).statusCode).toBe(403);
  });
});
