import { randomUUID } from 'node:crypto';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { EntityType } from '../../db/types-crm.ts';
import type { Ctx } from '../context.ts';
import { createNotes } from '../notes/create-notes.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { createTasks } from '../tasks/create-tasks.ts';
import { findContactDuplicates } from '../inbox/find-duplicates.ts';
import { receiveIncomingLead } from '../inbox/receive-incoming-lead.ts';
import type { CallItem } from './calls.schema.ts';

export type RegisteredCall =
  | { kind: 'note'; noteId: number; entityType: EntityType; entityId: number; taskId: number | null }
  | { kind: 'inbox'; uid: string; dealId: number; noteId: number | null; taskId: number | null }
  | { kind: 'unknown_number' };

/** A call nobody answered: inbound with no talk time, or amoCRM's "not reached" / "busy". */
export const isMissed = (call: CallItem) =>
  call.direction === 'inbound' && (call.duration === 0 || call.call_status === 6 || call.call_status === 7);

/** The newest live, still open deal of a contact (where a call belongs), else none. */
export async function openDealOf(ctx: Ctx, contactId: number) {
  return ctx.db
    .selectFrom('deal_contacts as dc')
    .innerJoin('deals as d', 'd.id', 'dc.deal_id')
    .innerJoin('stages as s', 's.id', 'd.stage_id')
    .select(['d.id', 'd.responsible_user_id'])
    .where('dc.account_id', '=', ctx.accountId)
    .where('dc.contact_id', '=', contactId)
    .where('d.deleted_at', 'is', null)
    .where('s.kind', 'in', ['incoming', 'open'])
    .orderBy('d.updated_at', 'desc')
    .orderBy('d.id', 'desc')
    .executeTakeFirst();
}

const noteParams = (call: CallItem) => ({
  uniq: call.uniq ?? randomUUID(),
  duration: call.duration,
  source: call.source,
  link: call.link ?? null,
  phone: call.phone,
  call_result: call.call_result ?? null,
  call_status: call.call_status ?? null,
  call_responsible: call.call_responsible ?? null,
});

/**
 * A call from telephony. A known number (a live contact with that phone, in any format) gets a
 * call note on the contact's open deal, or on the contact when it has none; the `call_in` note
 * writes `note.added`, which is what the "incoming call" trigger listens to. An inbound call from
 * an unknown number becomes an incoming lead (category sip). A missed inbound call also gets a
 * call-back task, due in 15 minutes, for the deal's responsible (or the call's). An outbound call
 * to an unknown number has nowhere to go and is reported back, as amoCRM does.
 */
export function registerCall(ctx: Ctx, call: CallItem): Promise<RegisteredCall> {
  return withTransaction(ctx, async (c) => {
    const [contact] = await findContactDuplicates(c.db, c.accountId, c.account.country, [call.phone], [], 1);
    const noteType = call.direction === 'inbound' ? 'call_in' : 'call_out';
    const callBack = async (entityType: EntityType, entityId: number, responsible: number | null) => {
      if (!isMissed(call)) return null;
      const userId = responsible ?? call.responsible_user_id ?? (c.userId || null);
      if (userId === null) return null;
      const [task] = await createTasks(c, [
        {
          requestId: '0',
          text: c.account.locale === 'en' ? `Call back: ${call.phone}` : `Перезвонить: ${call.phone}`,
          complete_till: nowSeconds() + 15 * 60,
          responsible_user_id: userId,
          entity_type: entityType,
          entity_id: entityId,
        },
      ]);
      return task?.id ?? null;
    };

    if (contact) {
      const deal = await openDealOf(c, contact.id);
      const entityType: EntityType = deal ? 'leads' : 'contacts';
      const entityId = deal?.id ?? contact.id;
      const [note] = await createNotes(c, entityType, [
        {
          requestId: '0',
          entity_id: entityId,
          note_type: noteType,
          params: noteParams(call),
          ...(call.responsible_user_id ? { responsible_user_id: call.responsible_user_id } : {}),
          ...(call.created_by !== undefined ? { created_by: call.created_by } : {}),
        },
      ]);
      const taskId = await callBack(entityType, entityId, deal?.responsible_user_id ?? null);
      return { kind: 'note', noteId: note?.id ?? 0, entityType, entityId, taskId };
    }
    if (call.direction === 'outbound') return { kind: 'unknown_number' };

    const entry = await receiveIncomingLead(c, {
      category: 'sip',
      sourceUid: call.source,
      sourceName: call.source,
      createdAt: call.created_at,
      contact: {
        name: call.phone,
        custom_fields_values: [{ field_code: 'PHONE', values: [{ value: call.phone, enum_code: 'WORK' }] }],
      },
      metadata: {
        phone: call.phone,
        duration: call.duration,
        ...(call.uniq ? { uniq: call.uniq } : {}),
        ...(call.link ? { link: call.link } : {}),
        called_at: call.created_at ?? nowSeconds(),
        from: call.source,
        missed: isMissed(call),
      },
    });
    const dealId = entry.deal_id ?? 0;
    const [note] = await createNotes(c, 'leads', [
      { requestId: '0', entity_id: dealId, note_type: noteType, params: noteParams(call) },
    ]);
    const taskId = await callBack('leads', dealId, null);
    return { kind: 'inbox', uid: entry.uid, dealId, noteId: note?.id ?? null, taskId };
  });
}
