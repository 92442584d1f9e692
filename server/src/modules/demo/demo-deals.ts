import { POSITION_STEP } from '@voronka/common';
import type { Stage } from '../../db/types-crm.ts';
import { stageEventValue } from '../deals/deal-stage.ts';
import type { DemoBatch } from './demo-batch.ts';
import type { ContactPool } from './demo-contacts.ts';
import { dealProducts, noteTexts, taskTexts, typedPhone } from './demo-names.ts';
import type { DemoAccount, DemoPipeline } from './prepare-demo-account.ts';
import type { Random } from './random.ts';

const DAY = 86_400;

/** Where a new deal goes and what happens to it; older deals are more likely closed. */
function fate(r: Random, p: DemoPipeline, createdAt: number, now: number, forced: Stage | undefined) {
  if (forced)
    return { stage: forced, closedAt: null, enteredAt: Math.min(now, createdAt + r.int(0, 5) * DAY) };
  const ageDays = (now - createdAt) / DAY;
  if (r.chance(Math.min(0.85, ageDays / 90))) {
    const closedAt = Math.min(now, createdAt + r.int(1, 45) * DAY + r.int(0, DAY));
    return { stage: r.chance(0.55) ? p.won : p.lost, closedAt, enteredAt: closedAt };
  }
  // Earlier open stages hold more deals, as on a real board.
  const stage = r.chance(0.12)
    ? p.incoming
    : (p.open[r.weighted(p.open.map((_, i) => p.open.length - i))] ?? p.incoming);
  return { stage, closedAt: null, enteredAt: Math.min(now, createdAt + r.int(0, 5) * DAY) };
}

const utmSources = ['yandex', 'google', 'instagram', 'telegram', 'vk', 'email'];

export type DealContext = {
  demo: DemoAccount;
  pool: ContactPool;
  /** The next free (top) position per stage id; decreasing keeps the newest deal on top. */
  top: Map<number, number>;
  now: number;
  /** Every deal into this open stage (a bench column); else a realistic spread. */
  stage?: Stage | undefined;
};

/**
 * A contact for the deal-th of `total` deals: mostly recent contacts (new leads), sometimes an
 * older one coming back, never one created after the deal.
 */
function contactIndex(r: Random, deal: number, total: number, contacts: number): number {
  const newest = Math.max(1, Math.floor(((deal + 1) * contacts) / total));
  return newest - 1 - Math.floor(newest * r.next() ** 3);
}

/**
 * Deal rows spread over the pipelines and stages (won / lost with closed_at and a loss reason),
 * on top of their stage, with a main contact (sometimes a second), its company, UTM marks,
 * custom field values, tags, an open or completed task (closest_task_at follows the open one)
 * and sometimes a note; with the events createDeal, moveDeal, createTasks and createNotes write.
 */
export function addDeals(
  r: Random,
  c: DealContext,
  batch: DemoBatch,
  deal: { ids: number[]; first: number; total: number; taskIds: number[]; noteIds: number[] },
  timeOf: (n: number) => number,
) {
  const { demo, pool, now } = c;
  const f = demo.fields.leads;
  const pipelineWeights = demo.pipelines.map((p) => p.weight);
  let nextTask = 0;
  let nextNote = 0;
  deal.ids.forEach((id, k) => {
    const n = deal.first + k;
    const p = demo.pipelines[r.weighted(pipelineWeights)] ?? demo.pipelines[0];
    if (!p) throw new Error('no pipeline');
    const createdAt = timeOf(n);
    const { stage, closedAt, enteredAt } = fate(r, p, createdAt, now, c.stage);
    const user = r.pick(demo.users);
    const author = r.chance(0.3) ? 0 : user.id;
    const ci = contactIndex(r, n, deal.total, pool.ids.length);
    const contactId = pool.ids[ci] ?? null;
    const companyId = pool.companyIds[ci] ?? null;
    const product = r.pick(dealProducts);
    const name = r.chance(0.15)
      ? `Сделка #${id}`
      : r.chance(0.4)
        ? `${product} — ${pool.lastNames[ci] ?? ''}`
        : product;
    const price = r.int(1, 3000) * 100;
    const position = (c.top.get(stage.id) ?? 0) - POSITION_STEP;
    c.top.set(stage.id, position);
    const openTask = closedAt === null && r.chance(0.5);
    const deadline = now + r.int(-3 * DAY, 14 * DAY);
    const utm = r.chance(0.4) ? r.pick(utmSources) : null;
    batch.deals.push({
      id,
      account_id: demo.account.id,
      name,
      name_lc: name.toLowerCase(),
      price,
      price_modified_by_robot: author === 0 ? 1 : 0,
      responsible_user_id: user.id,
      group_id: user.group_id ?? 0,
      pipeline_id: p.pipeline.id,
      stage_id: stage.id,
      position,
      stage_entered_at: enteredAt,
      loss_reason_id: stage.kind === 'lost' && demo.lossReasonIds.length ? r.pick(demo.lossReasonIds) : null,
      company_id: companyId,
      source: null,
      utm_source: utm,
      utm_medium: utm ? (utm === 'email' ? 'email' : r.pick(['cpc', 'social'])) : null,
      utm_campaign: utm ? r.pick(['spring_sale', 'black_friday', 'webinar', 'retargeting']) : null,
      utm_content: null,
      utm_term: null,
      created_by: author,
      updated_by: author,
      created_at: createdAt,
      updated_at: Math.max(enteredAt, closedAt ?? 0),
      closed_at: closedAt,
      closest_task_at: openTask ? deadline : null,
      deleted_at: null,
    });
    const base = { entityType: 'leads', entityId: id, createdBy: author, createdAt };
    // Created in the pipeline's first stage (incoming for robots), then moved where it is now.
    const firstStage: Stage = author === 0 ? p.incoming : (p.open[0] ?? p.incoming);
    batch.event({
      ...base,
      type: 'deal.created',
      after: [{ name, price, responsible_user_id: user.id, ...stageEventValue(firstStage) }],
    });
    if (companyId !== null)
      batch.event({
        ...base,
        type: 'entity.linked',
        after: [{ entity_type: 'companies', entity_id: companyId }],
      });
    if (contactId !== null) {
      batch.dealContacts.push({
        account_id: demo.account.id,
        deal_id: id,
        contact_id: contactId,
        is_main: 1,
      });
      batch.event({
        ...base,
        type: 'entity.linked',
        after: [{ entity_type: 'contacts', entity_id: contactId, is_main: true }],
      });
      const second = pool.ids[contactIndex(r, n, deal.total, pool.ids.length)];
      if (second !== undefined && second !== contactId && r.chance(0.1)) {
        batch.dealContacts.push({ account_id: demo.account.id, deal_id: id, contact_id: second, is_main: 0 });
        batch.event({
          ...base,
          type: 'entity.linked',
          after: [{ entity_type: 'contacts', entity_id: second, is_main: false }],
        });
      }
    }
    if (stage.id !== firstStage.id) {
      batch.event({
        ...base,
        type: 'deal.stage_changed',
        createdBy: user.id,
        createdAt: enteredAt,
        before: [stageEventValue(firstStage)],
        after: [stageEventValue(stage)],
      });
    }

    if (r.chance(0.7))
      batch.value('leads', id, f.get('LEAD_SOURCE'), [
        { enum_id: r.pick(f.get('LEAD_SOURCE')?.enums ?? []).id },
      ]);
    if (r.chance(0.3)) batch.value('leads', id, f.get('SEATS'), [{ value: r.int(1, 20) }]);
    if (stage.kind === 'won' && closedAt !== null && r.chance(0.6))
      batch.value('leads', id, f.get('PAYMENT_DATE'), [{ value: closedAt - (closedAt % DAY) }]);
    if (r.chance(0.4)) batch.value('leads', id, f.get('PREPAID'), [{ value: r.chance(0.5) }]);
    if (r.chance(0.1))
      batch.value('leads', id, f.get('PROMO'), [{ value: r.pick(['AUTUMN10', 'SALE2026', 'VIP5']) }]);
    if (r.chance(0.3)) {
      const tags = new Set([r.pick(demo.tags.leads), r.pick(demo.tags.leads)]);
      for (const tag of [...tags].slice(0, r.int(1, 2))) batch.tag('leads', id, tag);
    }

    if (openTask || (closedAt !== null && r.chance(0.2))) {
      const taskId = deal.taskIds[nextTask++];
      if (taskId === undefined) throw new Error('not enough task ids reserved');
      const done = !openTask;
      const till = done ? Math.min(closedAt ?? now, createdAt + DAY) : deadline;
      batch.tasks.push({
        id: taskId,
        account_id: demo.account.id,
        text: r.pick(taskTexts),
        task_type_id: r.chance(0.8) ? 1 : 2,
        complete_till: till,
        duration: 0,
        responsible_user_id: user.id,
        group_id: user.group_id ?? 0,
        entity_type: 'leads',
        entity_id: id,
        is_completed: done ? 1 : 0,
        result_text: done ? 'Выполнено' : null,
        created_by: user.id,
        updated_by: user.id,
        created_at: createdAt,
        updated_at: done ? till : createdAt,
        completed_at: done ? till : null,
        deleted_at: null,
      });
      const task = { entityType: 'tasks', entityId: taskId, createdBy: user.id };
      batch.event({ ...task, type: 'task.added', createdAt });
      if (done) batch.event({ ...task, type: 'task.completed', createdAt: till });
    }
    if (r.chance(0.2)) {
      const noteId = deal.noteIds[nextNote++];
      if (noteId === undefined) throw new Error('not enough note ids reserved');
      const call = r.chance(0.3);
      const noteType = call ? 'call_out' : 'common';
      const params = call
        ? { uniq: `demo-${noteId}`, duration: r.int(10, 600), source: 'Телефония', phone: typedPhone(r) }
        : { text: r.pick(noteTexts) };
      const at = Math.min(now, createdAt + r.int(0, 3 * DAY));
      batch.notes.push({
        id: noteId,
        account_id: demo.account.id,
        entity_type: 'leads',
        entity_id: id,
        note_type: noteType,
        params: JSON.stringify(params),
        is_pinned: 0,
        responsible_user_id: user.id,
        created_by: user.id,
        updated_by: user.id,
        created_at: at,
        updated_at: at,
      });
      batch.event({
        ...base,
        type: 'note.added',
        createdBy: user.id,
        createdAt: at,
        subtype: noteType,
        after: [{ note: { id: noteId } }],
      });
    }
  });
  return { tasks: nextTask, notes: nextNote };
}
