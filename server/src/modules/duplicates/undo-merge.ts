import { nowSeconds } from '../../db/schema-helpers.ts';
import type { EntityMerge } from '../../db/types-duplicates.ts';
import { conflict, notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { recordEvents } from '../events/record-event.ts';
import { authorizeRecord } from '../policy/guards.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { mergeSnapshotSchema } from './merge-snapshot.ts';
import { replaceValueRows } from './merge-values.ts';
import { findPartyRow, lockLive, writePartyColumns } from './party-rows.ts';
import { moveAttached, movePointer } from './repoint.ts';

const undoneEventType = { contacts: 'contact.merge_undone', companies: 'company.merge_undone' } as const;

/**
 * Undoes a merge: the merged record comes back from the trash with its own values, the
 * survivor gets back its columns and values from before the merge, and every note, task, event,
 * tag, deal link, inbox entry and conversation the merge moved goes back (rows added since stay
 * with the survivor). Refused (409) when already undone, when the survivor was deleted or merged
 * away since, when a later merge into the survivor is still in place (undo that one first), or
 * when the merged record was restored from the trash by hand.
 */
export function undoMerge(ctx: Ctx, mergeId: number): Promise<EntityMerge> {
  return withTransaction(ctx, async (c) => {
    const { db, accountId } = c;
    const merge = await db
      .selectFrom('entity_merges')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', mergeId)
      .executeTakeFirst();
    if (!merge) throw notFound(`No merge ${mergeId}`);
    const now = nowSeconds();
    const claimed = await db
      .updateTable('entity_merges')
      .set({ undone_at: now, undone_by: c.userId })
      .where('account_id', '=', accountId)
      .where('id', '=', mergeId)
      .where('undone_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw conflict('This merge is already undone');
    const type = merge.entity_type;
    const { survivor_id: survivorId, merged_id: mergedId } = merge;
    if (!(await lockLive(db, accountId, type, survivorId)))
      throw conflict('The record kept by this merge was deleted or merged since; restore it first');
    const later = await db
      .selectFrom('entity_merges')
      .select('id')
      .where('account_id', '=', accountId)
      .where('entity_type', '=', type)
      .where('survivor_id', '=', survivorId)
      .where('id', '>', mergeId)
      .where('undone_at', 'is', null)
      .executeTakeFirst();
    if (later) throw conflict(`A later merge (${later.id}) into the same record must be undone first`);
    const merged = await findPartyRow(db, accountId, type, mergedId);
    if (!merged || merged.deleted_at === null)
      throw conflict('The merged record was restored by hand or removed; nothing to undo');

    const survivor = await findPartyRow(db, accountId, type, survivorId);
    if (survivor) await authorizeRecord(c, type, 'edit', survivor);
    const snap = mergeSnapshotSchema.parse(JSON.parse(merge.snapshot));
    await writePartyColumns(db, accountId, type, survivorId, snap.survivor);
    await replaceValueRows(db, accountId, type, survivorId, snap.field_ids, snap.survivor_values);
    await moveAttached(db, accountId, 'notes', type, snap.notes, survivorId, mergedId);
    await moveAttached(db, accountId, 'tasks', type, snap.tasks, survivorId, mergedId);
    await moveAttached(db, accountId, 'events', type, snap.events, survivorId, mergedId);
    if (snap.tags_added.length > 0) {
      await db
        .deleteFrom('entity_tags')
        .where('account_id', '=', accountId)
        .where('entity_type', '=', type)
        .where('entity_id', '=', survivorId)
        .where('tag_id', 'in', snap.tags_added)
        .execute();
    }
    if (type === 'contacts') {
      if (snap.deal_links_added.length > 0) {
        await db
          .deleteFrom('deal_contacts')
          .where('account_id', '=', accountId)
          .where('contact_id', '=', survivorId)
          .where('deal_id', 'in', snap.deal_links_added)
          .execute();
      }
      const dealIds = snap.deal_links.map((l) => l.deal_id);
      const live = new Set(
        dealIds.length === 0
          ? []
          : (
              await db
                .selectFrom('deals')
                .select('id')
                .where('account_id', '=', accountId)
                .where('id', 'in', dealIds)
                .execute()
            ).map((r) => r.id),
      );
      const back = snap.deal_links.filter((l) => live.has(l.deal_id));
      if (back.length > 0) {
        await db
          .insertInto('deal_contacts')
          .values(
            back.map((l) => ({
              account_id: accountId,
              deal_id: l.deal_id,
              contact_id: mergedId,
              is_main: l.is_main,
            })),
          )
          .onConflict((oc) => oc.columns(['deal_id', 'contact_id']).doNothing())
          .execute();
      }
      await movePointer(
        db,
        accountId,
        { table: 'incoming_leads', column: 'contact_id' },
        snap.incoming_leads,
        survivorId,
        mergedId,
      );
      await movePointer(
        db,
        accountId,
        { table: 'conversations', column: 'contact_id' },
        snap.conversations,
        survivorId,
        mergedId,
      );
    } else {
      await movePointer(
        db,
        accountId,
        { table: 'contacts', column: 'company_id' },
        snap.company_contacts,
        survivorId,
        mergedId,
      );
      await movePointer(
        db,
        accountId,
        { table: 'deals', column: 'company_id' },
        snap.company_deals,
        survivorId,
        mergedId,
      );
      await movePointer(
        db,
        accountId,
        { table: 'incoming_leads', column: 'company_id' },
        snap.incoming_leads,
        survivorId,
        mergedId,
      );
    }
    await writePartyColumns(db, accountId, type, mergedId, {
      deleted_at: null,
      updated_at: snap.merged_updated_at,
    });
    await recordEvents(db, [
      {
        accountId,
        type: undoneEventType[type],
        entityType: type,
        entityId: survivorId,
        createdBy: c.userId,
        before: [{ merge: { id: mergeId } }],
        after: [{ restored: { id: mergedId, name: merged.name } }],
      },
    ]);
    const done = await db
      .selectFrom('entity_merges')
      .selectAll()
      .where('id', '=', mergeId)
      .executeTakeFirstOrThrow();
    return done;
  });
}
