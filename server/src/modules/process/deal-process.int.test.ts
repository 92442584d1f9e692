import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createLeads, mainPipeline } from '../deals/deals.test-support.ts';
import { salesTeam } from '../policy/rights.test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

/** The deal card's process panel: GET /api/app/deals/:id/reanimation also tells the stage's limit. */
describe('deal card process info', () => {
  it("reports the stage's time limit and how far over it the deal is", async () => {
    const { admin, me } = await salesTeam(t);
    const main = await mainPipeline(admin);
    const [limited, free] = main.open.map((s) => s.id);
    if (!limited || !free) throw new Error('need two open stages');
    const rule = await admin.call('POST', '/api/app/process-rules', {
      kind: 'stage_limit',
      pipeline_id: main.id,
      stage_id: limited,
      config: { days: 3 },
    });
    expect(rule.statusCode, rule.body).toBe(200);
    const [stale, fresh, other] = await createLeads(admin, [
      { name: 'Зависла', status_id: limited, responsible_user_id: me.userId },
      { name: 'Только пришла', status_id: limited, responsible_user_id: me.userId },
      { name: 'Без лимита', status_id: free, responsible_user_id: me.userId },
    ]);
    await t.database.db
      .updateTable('deals')
      .set({ stage_entered_at: Math.floor(Date.now() / 1000) - 5.5 * 86_400 })
      .where('id', '=', stale ?? 0)
      .execute();
    const info = async (id: number | undefined) => {
      const res = await me.call('GET', `/api/app/deals/${id}/reanimation`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    expect(await info(stale)).toEqual({ options: [], stage_limit: { days: 3, overdue_days: 2 } });
    expect((await info(fresh)).stage_limit).toEqual({ days: 3, overdue_days: null });
    expect((await info(other)).stage_limit).toBeNull();

    // A switched-off rule limits nothing.
    const ruleId: number = rule.json().id;
    const off = await admin.call('PUT', `/api/app/process-rules/${ruleId}`, {
      kind: 'stage_limit',
      pipeline_id: main.id,
      stage_id: limited,
      is_active: false,
      config: { days: 3 },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect((await info(stale)).stage_limit).toBeNull();
  });
});
