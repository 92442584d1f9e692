import { boardSchema } from '@voronka/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { findAccount } from '../accounts/accounts.repo.ts';
import { robotCtx, type Ctx } from '../context.ts';
import { createLeads, mainPipeline } from '../deals/deals.test-support.ts';
import { moveDeal } from '../deals/move-deal.ts';
import { idsOf, salesTeam } from './rights.test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

/**
 * Seed 001: only the CRM administrator works with "Новая заявка"; only the refunds manager may
 * put a deal into "Возврат"; nobody but the robot may put a deal into "Процесс оплаты".
 */
describe('per-pipeline and per-stage rights', () => {
  it('hide stages and pipelines, refuse moves in and out, and let the robot through', async () => {
    const team = await salesTeam(t);
    const main = await mainPipeline(team.admin);
    const [newLead, working, payment, refund] = main.open.map((s) => s.id);
    if (!newLead || !working || !payment || !refund) throw new Error('need four open stages');
    const other = await team.admin.call('POST', '/api/v4/leads/pipelines', [
      { name: 'Чекины', _embedded: { statuses: [{ name: 'Новый чекин', sort: 10 }] } },
    ]);
    expect(other.statusCode, other.body).toBe(200);
    const checkinsId: number = other.json()._embedded.pipelines[0].id;

    const me = team.me.userId;
    const [hiddenDeal, myDeal, theirDeal, checkin] = await createLeads(team.admin, [
      { name: 'Новая', price: 500, status_id: newLead, responsible_user_id: me },
      { name: 'В работе', price: 10, status_id: working, responsible_user_id: me },
      { name: 'Коллеги', price: 20, status_id: working, responsible_user_id: team.mate.userId },
      { name: 'Чекин', price: 40, pipeline_id: checkinsId, responsible_user_id: me },
    ]);
    await team.giveRole(team.me, {
      leads: { view: 'all', edit: 'group', add: 'all', delete: 'denied' },
      status_rights: [
        { entity_type: 'leads', pipeline_id: main.id, status_id: newLead, rights: { view: 'denied' } },
        { entity_type: 'leads', pipeline_id: main.id, status_id: payment, rights: { move_in: 'denied' } },
        { entity_type: 'leads', pipeline_id: main.id, status_id: refund, rights: { move_in: 'denied' } },
        // A closed deal stays closed for this role: moving out of "won" is refused.
        { entity_type: 'leads', pipeline_id: main.id, status_id: 142, rights: { move_out: 'denied' } },
      ],
      pipeline_rights: [{ pipeline_id: checkinsId, rights: { view: 'denied' } }],
    });
    const call = team.me.call;

    // The hidden stage and pipeline are absent from lists, pipelines, the board and its totals.
    const listed = idsOf(await call('GET', '/api/v4/leads'), 'leads');
    expect(listed).toEqual([myDeal, theirDeal].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(listed).not.toContain(hiddenDeal);
    expect(listed).not.toContain(checkin);
    const pipelines = (await call('GET', '/api/v4/leads/pipelines')).json()._embedded.pipelines;
    expect(pipelines.map((p: { id: number }) => p.id)).toEqual([main.id]);
    const statuses: Array<{ id: number }> = pipelines[0]._embedded.statuses;
    expect(statuses.map((s) => s.id)).not.toContain(newLead);
    expect((await call('GET', `/api/app/board?pipeline_id=${checkinsId}`)).statusCode).toBe(404);
    expect((await call('GET', `/api/v4/leads/pipelines/${checkinsId}`)).statusCode).toBe(404);
    const board = boardSchema.parse((await call('GET', '/api/app/board')).json());
    expect(board.stages.map((s) => s.stage.id)).not.toContain(newLead);
    const totalSum = board.stages.reduce((sum, s) => sum + s.sum, 0);
    expect(totalSum).toBe(30);
    expect(board.stages.find((s) => s.stage.id === payment)?.can?.move_in).toBe(false);
    expect(board.stages.find((s) => s.stage.id === working)?.can?.move_in).toBe(true);
    expect((await call('GET', `/api/v4/leads/${hiddenDeal}`)).statusCode).toBe(404);
    expect((await call('GET', `/api/app/board/stages/${newLead}/deals`)).statusCode).toBe(404);

    // Moves into "Процесс оплаты" / "Возврат" are refused through both APIs; nothing changes.
    for (const target of [payment, refund]) {
      const viaBoard = await call('POST', `/api/app/deals/${myDeal}/move`, { stage_id: target });
      expect(viaBoard.statusCode).toBe(403);
      // The board speaks the manager's language; the amoCRM API keeps its English.
      expect(viaBoard.json().detail).toBe('У вас нет права переносить сделки в этот этап');
      const viaApi = await call('PATCH', `/api/v4/leads/${myDeal}`, { status_id: target });
      expect(viaApi.statusCode).toBe(403);
      expect(viaApi.json().detail).toBe('You may not move deals into this stage');
    }
    expect((await team.admin.call('GET', `/api/v4/leads/${myDeal}`)).json().status_id).toBe(working);
    // A creation straight into a forbidden stage is refused too.
    expect(
      (await call('POST', '/api/v4/leads', [{ name: 'Сразу в оплату', status_id: payment }])).statusCode,
    ).toBe(403);

    // The robot (automation) may put the deal there; administrators too.
    const account = await findAccount(t.database.db, team.admin.accountId);
    if (!account) throw new Error('no account');
    const robot: Ctx = robotCtx({
      db: t.database.db,
      account,
      accountId: account.id,
      userId: team.me.userId,
      user: null,
      queue: null,
    });
    await moveDeal(robot, myDeal ?? 0, { stage_id: payment });
    expect((await team.admin.call('GET', `/api/v4/leads/${myDeal}`)).json().status_id).toBe(payment);
    const byAdmin = await team.admin.call('POST', `/api/app/deals/${theirDeal}/move`, { stage_id: refund });
    expect(byAdmin.statusCode).toBe(200);

    // Won: allowed in, not out.
    expect(
      (await call('PATCH', `/api/v4/leads/${myDeal}`, { status_id: 142, pipeline_id: main.id })).statusCode,
    ).toBe(200);
    expect((await call('PATCH', `/api/v4/leads/${myDeal}`, { status_id: working })).statusCode).toBe(403);

    // Each refusal is audited with the stage.
    const denied = await t.database.db
      .selectFrom('events')
      .select(['entity_id', 'value_after'])
      .where('type', '=', 'access.denied')
      .where('created_by', '=', team.me.userId)
      .execute();
    expect(denied.filter((d) => d.entity_id === myDeal).length).toBeGreaterThanOrEqual(5);
    expect(denied.some((d) => d.value_after.includes('"move_in"'))).toBe(true);
  });

  it('the roles API answers the amoCRM shape and refuses unknown stages and non-administrators', async () => {
    const team = await salesTeam(t);
    const main = await mainPipeline(team.admin);
    const stageId = main.open[0]?.id ?? 0;
    const created = await team.admin.call('POST', '/api/v4/roles', [
      {
        name: 'Менеджер',
        rights: {
          leads: { view: 'G', edit: 'M', add: 'A', delete: 'D', export: 'D' },
          status_rights: [
            { entity_type: 'leads', pipeline_id: main.id, status_id: stageId, rights: { view: 'D' } },
          ],
        },
        request_id: 'r1',
      },
    ]);
    expect(created.statusCode, created.body).toBe(200);
    const role = created.json()._embedded.roles[0];
    expect(role.request_id).toBe('r1');
    expect(role.rights.leads).toEqual({ view: 'G', edit: 'M', add: 'A', delete: 'D', export: 'D' });
    expect(role.rights.contacts.view).toBe('A');
    expect(role.rights.status_rights[0]).toMatchObject({
      pipeline_id: main.id,
      status_id: stageId,
      rights: { view: 'D' },
    });

    const patched = await team.admin.call('PATCH', `/api/v4/roles/${role.id}`, {
      name: 'Старший менеджер',
      rights: { contacts: { view: 'own' } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().name).toBe('Старший менеджер');
    expect(patched.json().rights.contacts.view).toBe('M');
    // Keys the PATCH did not name are kept.
    expect(patched.json().rights.leads.edit).toBe('M');

    const bad = await team.admin.call('POST', '/api/v4/roles', [
      {
        name: 'X',
        rights: { status_rights: [{ pipeline_id: main.id, status_id: 999999, rights: { view: 'D' } }] },
      },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json()['validation-errors'])).toContain('rights.status_rights.0');

    expect((await team.me.call('POST', '/api/v4/roles', [{ name: 'Я админ' }])).statusCode).toBe(403);
    expect((await team.me.call('PATCH', `/api/v4/roles/${role.id}`, { name: 'x' })).statusCode).toBe(403);

    await team.admin.call('PATCH', `/api/app/users/${team.me.userId}`, { role_id: role.id });
    const user = (await team.admin.call('GET', `/api/v4/users/${team.me.userId}?with=role,group`)).json();
    expect(user.rights.role_id).toBe(role.id);
    expect(user.rights.group_id).toBe(team.groupA);
    expect(user.rights.leads.view).toBe('G');
    // A role with users cannot be deleted (its users would silently get full rights).
    expect((await team.admin.call('DELETE', `/api/v4/roles/${role.id}`)).statusCode).toBe(400);
    await team.admin.call('PATCH', `/api/app/users/${team.me.userId}`, { role_id: null });
    expect((await team.admin.call('DELETE', `/api/v4/roles/${role.id}`)).statusCode).toBe(204);
    expect((await team.admin.call('GET', `/api/v4/roles/${role.id}`)).statusCode).toBe(404);
  });
});
