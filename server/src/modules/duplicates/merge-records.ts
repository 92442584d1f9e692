import { nowSeconds } from '../../db/schema-helpers.ts';
import { conflict, notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { recordEvents } from '../events/record-event.ts';
import { refuse } from '../pipelines/errors.ts';
import { authorizeRecord } from '../policy/guards.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import type { MergeSnapshot, PartyType, RecordColumns } from './merge-snapshot.ts';
import { liveValueRows, mergeValueRows, replaceValueRows, type Side } from './merge-values.ts';
import { findPartyRow, lockLive, writePartyColumns, type PartyRow } from './party-rows.ts';
import { attachedIds, moveAttached, movePointer, pointerIds, tagIdsOf } from './repoint.ts';

export type MergePick = {
  name?: Side | undefined;
  first_name?: Side | undefined;
  last_name?: Side | undefined;
  responsible_user_id?: Side | undefined;
  company_id?: Side | undefined;
  /** Per custom field id: whose value wins (single-value fields; list fields are united). */
  fields?: Record<string, Side> | undefined;
};

export type MergeInput = { survivorId: number; mergedId: number; pick?: MergePick | undefined };

const mergedEventType = { contacts: 'contact.merged', companies: 'company.merged' } as const;

/** Each column of the survivor after the merge: the chosen side, else the survivor's when set. */
function mergedColumns(s: PartyRow, m: PartyRow, pick: MergePick): Partial<RecordColumns> {
  const choose = <K extends 'name' | 'first_name' | 'last_name' | 'responsible_user_id' | 'company_id'>(
    key: K,
  ) => {
    const side =
      pick[key] ?? (s[key] === null || s[key] === '' || s[key] === undefined ? 'merged' : 'survivor');
    return side === 'survivor' ? s[key] : m[key];
  };
  const name = choose('name');
  return {
    name: name === undefined || name === '' ? s.name : name,
    responsible_user_id: choose('responsible_user_id') ?? null,
    ...(s.first_name === undefined ? {} : { first_name: choose('first_name') ?? '' }),
    ...(s.last_name === undefined ? {} : { last_name: choose('last_name') ?? '' }),
    ...(s.company_id === undefined ? {} : { company_id: choose('company_id') ?? null }),
  };
}

/**
 * Merges two contacts (or two companies): the survivor takes the chosen value of each field
 * (phones, e-mails and other list fields are united), and every note, task, event, tag, deal
 * link, inbox entry and conversation of the merged record moves to it; the merged record goes
 * to the trash. The merge is an event on the survivor and is stored with what `undoMerge` needs.
 * Both records are locked first (in id order), so two merges of the same pair cannot both run:
 * the second finds a record already merged away and answers 409.
 */
export function mergeRecords(ctx: Ctx, type: PartyType, input: MergeInput): Promise<{ mergeId: number }> {
  return withTransaction(ctx, async (c) => {
    const { db, accountId } = c;
    const { survivorId, mergedId } = input;
    if (survivorId === mergedId) throw refuse('Choose two different records', 'merged_id', 'InvalidValue');
    for (const [id, path] of [
      [survivorId, 'survivor_id'],
      [mergedId, 'merged_id'],
    ] as const) {
      const row = await findPartyRow(db, accountId, type, id);
      if (!row) throw notFound(`No ${type === 'contacts' ? 'contact' : 'company'} ${id}`);
      if (row.deleted_at !== null) throw conflict(`${path} ${id} is deleted or already merged`);
    }
    for (const id of [survivorId, mergedId].sort((a, b) => a - b)) {
      if (!(await lockLive(db, accountId, type, id)))
        throw conflict(`Record ${id} was merged or deleted meanwhile`);
    }
    // Read again under the lock: the values another transaction committed meanwhile count.
    const s = await findPartyRow(db, accountId, type, survivorId);
    const m = await findPartyRow(db, accountId, type, mergedId);
    if (!s || !m) throw conflict('A record was removed meanwhile');
    await authorizeRecord(c, type, 'edit', s);
    await authorizeRecord(c, type, 'delete', m);
    const pick = input.pick ?? {};
    const now = nowSeconds();

    const sValues = await liveValueRows(db, accountId, type, survivorId);
    const mValues = await liveValueRows(db, accountId, type, mergedId);
    const newValues = mergeValueRows(sValues, mValues, pick.fields ?? {});
    const fieldIds = [...new Set([...sValues, ...mValues].map((v) => v.field_id))];
    await replaceValueRows(db, accountId, type, survivorId, fieldIds, newValues);
    await writePartyColumns(db, accountId, type, survivorId, {
      ...mergedColumns(s, m, pick),
      updated_at: now,
      updated_by: c.userId,
    });

    const notes = await attachedIds(db, accountId, 'notes', type, mergedId);
    const tasks = await attachedIds(db, accountId, 'tasks', type, mergedId);
    const events = await attachedIds(db, accountId, 'events', type, mergedId);
    await moveAttached(db, accountId, 'notes', type, notes, mergedId, survivorId);
    await moveAttached(db, accountId, 'tasks', type, tasks, mergedId, survivorId);
    await moveAttached(db, accountId, 'events', type, events, mergedId, survivorId);

    const survivorTags = new Set(await tagIdsOf(db, accountId, type, survivorId));
    const tagsAdded = (await tagIdsOf(db, accountId, type, mergedId)).filter((t) => !survivorTags.has(t));
    if (tagsAdded.length > 0) {
      await db
        .insertInto('entity_tags')
        .values(
          tagsAdded.map((tag_id) => ({
            account_id: accountId,
            entity_type: type,
            entity_id: survivorId,
            tag_id,
          })),
        )
        .execute();
    }

    const snapshot: MergeSnapshot = {
      survivor: {
        name: s.name,
        responsible_user_id: s.responsible_user_id,
        updated_at: s.updated_at,
        updated_by: s.updated_by,
        ...(s.first_name === undefined ? {} : { first_name: s.first_name }),
        ...(s.last_name === undefined ? {} : { last_name: s.last_name }),
        ...(s.company_id === undefined ? {} : { company_id: s.company_id }),
      },
      survivor_values: sValues.map(({ field_type: _t, ...v }) => v),
      field_ids: fieldIds,
      merged_updated_at: m.updated_at,
      notes,
      tasks,
      events,
      tags_added: tagsAdded,
      deal_links: [],
      deal_links_added: [],
      incoming_leads: [],
      conversations: [],
      company_contacts: [],
      company_deals: [],
    };

    if (type === 'contacts') {
      const links = await db
        .selectFrom('deal_contacts')
        .select(['deal_id', 'is_main'])
        .where('account_id', '=', accountId)
        .where('contact_id', '=', mergedId)
        .execute();
      const already = new Set(
        (
          await db
            .selectFrom('deal_contacts')
            .select('deal_id')
            .where('account_id', '=', accountId)
            .where('contact_id', '=', survivorId)
            .execute()
        ).map((r) => r.deal_id),
      );
      const added = links.filter((l) => !already.has(l.deal_id));
      await db
        .deleteFrom('deal_contacts')
        .where('account_id', '=', accountId)
        .where('contact_id', '=', mergedId)
        .execute();
      if (added.length > 0) {
        await db
          .insertInto('deal_contacts')
          .values(
            added.map((l) => ({
              account_id: accountId,
              deal_id: l.deal_id,
              contact_id: survivorId,
              is_main: l.is_main,
            })),
          )
          .execute();
      }
      snapshot.deal_links = links;
      snapshot.deal_links_added = added.map((l) => l.deal_id);
      const leads = { table: 'incoming_leads', column: 'contact_id' } as const;
      const convs = { table: 'conversations', column: 'contact_id' } as const;
      snapshot.incoming_leads = await pointerIds(db, accountId, leads, mergedId);
      snapshot.conversations = await pointerIds(db, accountId, convs, mergedId);
      await movePointer(db, accountId, leads, snapshot.incoming_leads, mergedId, survivorId);
      await movePointer(db, accountId, convs, snapshot.conversations, mergedId, survivorId);
    } else {
      const contacts = { table: 'contacts', column: 'company_id' } as const;
      const deals = { table: 'deals', column: 'company_id' } as const;
      const leads = { table: 'incoming_leads', column: 'company_id' } as const;
      snapshot.company_contacts = await pointerIds(db, accountId, contacts, mergedId);
      snapshot.company_deals = await pointerIds(db, accountId, deals, mergedId);
      snapshot.incoming_leads = await pointerIds(db, accountId, leads, mergedId);
      await movePointer(db, accountId, contacts, snapshot.company_contacts, mergedId, survivorId);
      await movePointer(db, accountId, deals, snapshot.company_deals, mergedId, survivorId);
      await movePointer(db, accountId, leads, snapshot.incoming_leads, mergedId, survivorId);
    }

    await writePartyColumns(db, accountId, type, mergedId, {
      deleted_at: now,
      updated_at: now,
      updated_by: c.userId,
    });
    const merge = await db
      .insertInto('entity_merges')
      .values({
        account_id: accountId,
        entity_type: type,
        survivor_id: survivorId,
        merged_id: mergedId,
        snapshot: JSON.stringify(snapshot),
        created_by: c.userId,
        created_at: now,
        undone_at: null,
        undone_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvents(db, [
      {
        accountId,
        type: mergedEventType[type],
        entityType: type,
        entityId: survivorId,
        createdBy: c.userId,
        before: [{ merged: { id: mergedId, name: m.name } }],
        after: [
          {
            merge: {
              id: merge.id,
              name: (await findPartyRow(db, accountId, type, survivorId))?.name ?? s.name,
            },
          },
        ],
      },
    ]);
    return { mergeId: merge.id };
  });
}
