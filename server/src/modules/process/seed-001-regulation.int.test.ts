import { boardSchema } from '@voronka/common';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { findAccount } from '../accounts/accounts.repo.ts';
import { robotCtx } from '../context.ts';
import { createLeads, mainPipeline } from '../deals/deals.test-support.ts';
import { moveDeal } from '../deals/move-deal.ts';
import { salesTeam } from '../policy/rights.test-support.ts';
import { sweepStageLimits } from './stage-limits.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const errorsOf = (res: LightMyRequestResponse) =>
  (res.json()['validation-errors'][0].errors as Array<{ code: string; path: string; detail: string }>).map(
    (e) => e.path,
  );

/**
 * The Kommo sales regulation of seed 001, set up through the API and enforced by the CRM: the
 * "Пол" field after the first touch, a phone and a price before the invoice, a reason when
 * closing, reanimations with at most 30% discount, a week at most in a stage (seed 000), and
 * "close and re-create" for reanimation.
 */
describe('seed 001 regulation as process rules', () => {
  it('enforces required fields, loss reason, validations, time limits and reanimation', async () => {
    const team = await salesTeam(t);
    const { admin, me } = team;
    const main = await mainPipeline(admin);
    const [distributed, talks, invoice] = main.open.map((s) => s.id);
    if (!distributed || !talks || !invoice) throw new Error('need three open stages');

    const fields = await admin.call('POST', '/api/v4/leads/custom_fields', [
      { name: 'Пол', type: 'text', required_statuses: [{ status_id: talks, pipeline_id: main.id }] },
      { name: 'Скидка, %', type: 'numeric' },
      { name: 'Разговор, мин', type: 'numeric' },
    ]);
    expect(fields.statusCode, fields.body).toBe(200);
    const [gender, discount, minutes] = (fields.json()._embedded.custom_fields as Array<{ id: number }>).map(
      (f) => f.id,
    );
    const reasons = await admin.call('POST', '/api/v4/leads/loss_reasons', [{ name: 'Дорого' }]);
    const reasonId: number = reasons.json()._embedded.loss_reasons[0].id;
    const rule = async (body: Record<string, unknown>) => {
      const res = await admin.call('POST', '/api/app/process-rules', body);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().id as number;
    };
    await rule({
      kind: 'required_fields',
      name: 'Счёт: цена и телефон',
      pipeline_id: main.id,
      stage_id: invoice,
      config: { fields: [{ builtin: 'price' }, { builtin: 'contact_phone' }] },
    });
    await rule({ kind: 'loss_reason', name: 'Причина отказа', pipeline_id: main.id, config: {} });
    await rule({
      kind: 'validation',
      name: 'Реанимация без скидок',
      pipeline_id: main.id,
      config: {
        tag: 'реанимация',
        conditions: [{ field: { field_id: discount }, op: 'lte', value: 30 }],
        message: 'Реанимации нельзя продавать со скидкой больше 30%',
      },
    });
    await rule({
      kind: 'stage_limit',
      name: 'Не больше недели',
      pipeline_id: main.id,
      stage_id: distributed,
      config: { days: 7, notify_responsible: true, notify_user_ids: [admin.userId] },
    });
    const reanimation = await rule({
      kind: 'reanimation',
      name: 'Реанимация',
      pipeline_id: main.id,
      config: {
        min_days: 30,
        exclude_tags: ['авто', 'гор', 'сайт'],
        conditions: [{ field: { field_id: minutes }, op: 'gt', value: 50 }],
        target_stage_id: distributed,
        tag: 'реанимация',
      },
    });
    // Only administrators write rules.
    expect(
      (await me.call('POST', '/api/app/process-rules', { kind: 'loss_reason', config: {} })).statusCode,
    ).toBe(403);

    const [deal] = await createLeads(admin, [
      { name: 'Ирина', status_id: distributed, responsible_user_id: me.userId },
    ]);
    const id = deal ?? 0;
    const statusOf = async () => (await admin.call('GET', `/api/v4/leads/${id}`)).json().status_id;

    // 1. "Пол" must be filled in after the first touch: the move names the field for the modal.
    const noGender = await me.call('POST', `/api/app/deals/${id}/move`, { stage_id: talks });
    expect(noGender.statusCode).toBe(400);
    expect(errorsOf(noGender)).toEqual([`custom_fields_values.${gender}`]);
    expect(noGender.json().required_fields).toEqual([{ field_id: gender, builtin: null, name: 'Пол' }]);
    expect(await statusOf()).toBe(distributed);
    const withGender = await me.call('PATCH', `/api/v4/leads/${id}`, {
      status_id: talks,
      custom_fields_values: [{ field_id: gender, values: [{ value: 'ж' }] }],
    });
    expect(withGender.statusCode, withGender.body).toBe(200);

    // 2. The invoice needs a price and a contact's phone; the robot is exempt.
    const bare = await me.call('PATCH', `/api/v4/leads/${id}`, { status_id: invoice });
    expect(bare.statusCode).toBe(400);
    expect(errorsOf(bare).sort()).toEqual(['contact_phone', 'price']);
    expect(await statusOf()).toBe(talks);
    const account = await findAccount(t.database.db, admin.accountId);
    if (!account) throw new Error('no account');
    const robot = robotCtx({
      db: t.database.db,
      account,
      accountId: account.id,
      userId: 0,
      user: null,
      queue: null,
    });
    await moveDeal(robot, id, { stage_id: invoice });
    expect(await statusOf()).toBe(invoice);

    // 3. Closing as lost needs a reason.
    const noReason = await me.call('PATCH', `/api/v4/leads/${id}`, { status_id: 143, pipeline_id: main.id });
    expect(noReason.statusCode).toBe(400);
    expect(errorsOf(noReason)).toEqual(['loss_reason_id']);
    const closed = await me.call('PATCH', `/api/v4/leads/${id}`, {
      status_id: 143,
      pipeline_id: main.id,
      loss_reason_id: reasonId,
    });
    expect(closed.statusCode, closed.body).toBe(200);

    // 4. A reanimation may not have a discount over 30%.
    const [reDeal] = await createLeads(admin, [
      { name: 'Реанимация', status_id: distributed, _embedded: { tags: [{ name: 'Реанимация' }] } },
    ]);
    const over = await me.call('PATCH', `/api/v4/leads/${reDeal}`, {
      custom_fields_values: [{ field_id: discount, values: [{ value: 40 }] }],
    });
    expect(over.statusCode).toBe(400);
    expect(JSON.stringify(over.json())).toContain('больше 30%');
    expect((await admin.call('GET', `/api/v4/leads/${reDeal}`)).json().custom_fields_values).toBeNull();
    const fine = await me.call('PATCH', `/api/v4/leads/${reDeal}`, {
      custom_fields_values: [{ field_id: discount, values: [{ value: 30 }] }],
    });
    expect(fine.statusCode, fine.body).toBe(200);

    // 5. A week at most in the stage: flagged on the board, alerted once to the responsible and the head.
    const [stale] = await createLeads(admin, [
      { name: 'Зависла', status_id: distributed, responsible_user_id: me.userId },
    ]);
    const nineDaysAgo = Math.floor(Date.now() / 1000) - 9 * 86_400;
    await t.database.db
      .updateTable('deals')
      .set({ stage_entered_at: nineDaysAgo })
      .where('id', '=', stale ?? 0)
      .execute();
    expect(await sweepStageLimits(t.database.db)).toBe(1);
    expect(await sweepStageLimits(t.database.db)).toBe(0);
    const notified = await t.database.db
      .selectFrom('notifications')
      .select('user_id')
      .where('entity_id', '=', stale ?? 0)
      .execute();
    expect(notified.map((n) => n.user_id).sort()).toEqual([admin.userId, me.userId].sort());
    const board = boardSchema.parse((await me.call('GET', '/api/app/board')).json());
    const column = board.stages.find((s) => s.stage.id === distributed);
    expect(column?.max_days).toBe(7);
    expect(column?.deals.find((d) => d.id === stale)?.overdue_days).toBe(2);
    expect(column?.deals.find((d) => d.id === reDeal)?.overdue_days).toBeUndefined();

    // 6. Reanimation: in the pipeline over a month, talked over 50 minutes, not "сайт".
    const [old, site] = await createLeads(admin, [
      {
        name: 'Давний клиент',
        price: 900,
        status_id: talks,
        responsible_user_id: me.userId,
        custom_fields_values: [
          { field_id: minutes, values: [{ value: 60 }] },
          { field_id: gender, values: [{ value: 'м' }] },
        ],
        _embedded: { tags: [{ name: 'тёплый' }] },
      },
      {
        name: 'С сайта',
        status_id: talks,
        custom_fields_values: [{ field_id: minutes, values: [{ value: 60 }] }],
        _embedded: { tags: [{ name: 'сайт' }] },
      },
    ]);
    const contact = await admin.call('POST', '/api/v4/contacts', [{ name: 'Давний' }]);
    const contactId: number = contact.json()._embedded.contacts[0].id;
    await admin.call('PATCH', `/api/v4/leads/${old}`, { _embedded: { contacts: [{ id: contactId }] } });
    const monthAgo = Math.floor(Date.now() / 1000) - 40 * 86_400;
    await t.database.db
      .updateTable('deals')
      .set({ created_at: monthAgo })
      .where('id', 'in', [old ?? 0, site ?? 0])
      .execute();

    const options = (await me.call('GET', `/api/app/deals/${old}/reanimation`)).json().options;
    expect(options).toEqual([
      { rule_id: reanimation, name: 'Реанимация', target_stage_id: distributed, blockers: [] },
    ]);
    const siteOptions = (await me.call('GET', `/api/app/deals/${site}/reanimation`)).json().options;
    expect(siteOptions[0].blockers).toContain('есть тег «сайт»');
    expect(
      (
        await me.call('POST', `/api/app/deals/${site}/reanimate`, {
          rule_id: reanimation,
          loss_reason_id: reasonId,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await me.call('POST', `/api/app/deals/${old}/reanimate`, { rule_id: reanimation })).statusCode,
    ).toBe(400);
    const done = await me.call('POST', `/api/app/deals/${old}/reanimate`, {
      rule_id: reanimation,
      loss_reason_id: reasonId,
    });
    expect(done.statusCode, done.body).toBe(200);
    const newId: number = done.json().new_id;
    const closedOld = (await admin.call('GET', `/api/v4/leads/${old}?with=loss_reason`)).json();
    expect(closedOld.status_id).toBe(143);
    expect(closedOld.loss_reason_id).toBe(reasonId);
    const fresh = (await admin.call('GET', `/api/v4/leads/${newId}?with=contacts`)).json();
    expect(fresh.status_id).toBe(distributed);
    expect(fresh.price).toBe(900);
    expect(fresh._embedded.contacts.map((c: { id: number }) => c.id)).toEqual([contactId]);
    expect(fresh._embedded.tags.map((tag: { name: string }) => tag.name.toLowerCase()).sort()).toEqual([
      'реанимация',
      'тёплый',
    ]);
    expect(fresh.custom_fields_values.map((f: { field_id: number }) => f.field_id).sort()).toEqual(
      [gender, minutes].sort(),
    );
    const link = await t.database.db
      .selectFrom('deals')
      .select('reanimated_from_id')
      .where('id', '=', newId)
      .executeTakeFirst();
    expect(link?.reanimated_from_id).toBe(old);
  });
});
