import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { EntityType } from '../../db/types-crm.ts';
import { badRequest, type FieldError } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { recordEvents } from '../events/record-event.ts';
import { joinPath, runInTransaction } from '../fields/run-in-transaction.ts';
import {
  entityTagIds,
  linkTags,
  tagsByIds,
  tagsByNames,
  tagsOfEntities,
  unlinkTags,
  upsertTag,
  type TagRow,
} from './tags.repo.ts';

export type TagRef = { id?: number; name?: string };
export type TagMode = 'replace' | 'add' | 'remove';

/** Where each mode's tags come from in an amoCRM item, for error paths. */
const KEY: Record<TagMode, string> = {
  replace: '_embedded.tags',
  add: 'tags_to_add',
  remove: 'tags_to_delete',
};
export const MAX_TAG_NAME = 255;

async function resolve(ctx: Ctx, entityType: EntityType, refs: TagRef[], mode: TagMode, path: string) {
  const errors: FieldError[] = [];
  const ids = refs.flatMap((r) => (r.id !== undefined ? [r.id] : []));
  const byId = new Map((await tagsByIds(ctx.db, ctx.accountId, entityType, ids)).map((t) => [t.id, t]));
  const names = refs.flatMap((r) => (r.id === undefined && r.name !== undefined ? [r.name.trim()] : []));
  const byName = new Map(
    (await tagsByNames(ctx.db, ctx.accountId, entityType, names)).map((t) => [t.name_lc, t]),
  );
  const resolved: TagRow[] = [];
  for (const [i, ref] of refs.entries()) {
    const at = joinPath(path, i);
    if (ref.id !== undefined) {
      const tag = byId.get(ref.id);
      if (tag) resolved.push(tag);
      else errors.push({ code: 'NotFound', path: `${at}.id`, detail: `No tag ${ref.id}` });
      continue;
    }
    const name = ref.name?.trim() ?? '';
    if (name === '' || name.length > MAX_TAG_NAME) {
      errors.push({
        code: 'Required',
        path: `${at}.name`,
        detail: `A tag needs an id or a name of 1-${MAX_TAG_NAME} characters`,
      });
      continue;
    }
    const known = byName.get(name.toLowerCase());
    if (known) resolved.push(known);
    else if (mode !== 'remove') resolved.push(await upsertTag(ctx.db, ctx.accountId, entityType, name, null));
  }
  if (errors.length > 0) throw badRequest(errors);
  return [...new Map(resolved.map((t) => [t.id, t])).values()];
}

/**
 * Sets an entity's tags: `replace` (from `_embedded.tags`), `add` (`tags_to_add`) or `remove`
 * (`tags_to_delete`). Tags are named by id (must exist for the entity type) or by name (created
 * when unknown, except for removal). Records entity.tag_added / entity.tag_removed events.
 * `pathPrefix` names the item (e.g. `0`); error paths continue with the mode's key.
 */
export async function setEntityTags(
  ctx: Ctx,
  entityType: EntityType,
  entityId: number,
  tags: TagRef[],
  mode: TagMode,
  pathPrefix = '',
): Promise<void> {
  await runInTransaction(ctx, async (tx) => {
    const wanted = await resolve(tx, entityType, tags, mode, joinPath(pathPrefix, KEY[mode]));
    const current = new Set(await entityTagIds(tx.db, tx.accountId, entityType, entityId));
    const wantedIds = new Set(wanted.map((t) => t.id));
    const added = mode === 'remove' ? [] : wanted.filter((t) => !current.has(t.id));
    const removedIds =
      mode === 'add'
        ? []
        : mode === 'remove'
          ? [...current].filter((id) => wantedIds.has(id))
          : [...current].filter((id) => !wantedIds.has(id));
    const removed = await tagsByIds(tx.db, tx.accountId, entityType, removedIds);
    await linkTags(
      tx.db,
      tx.accountId,
      entityType,
      entityId,
      added.map((t) => t.id),
    );
    await unlinkTags(tx.db, tx.accountId, entityType, entityId, removedIds);
    const event = (type: 'entity.tag_added' | 'entity.tag_removed', t: TagRow) => ({
      accountId: tx.accountId,
      type,
      entityType,
      entityId,
      createdBy: tx.userId,
      ...(type === 'entity.tag_added'
        ? { after: [{ tag: { id: t.id, name: t.name } }] }
        : { before: [{ tag: { id: t.id, name: t.name } }] }),
    });
    await recordEvents(tx.db, [
      ...added.map((t) => event('entity.tag_added', t)),
      ...removed.map((t) => event('entity.tag_removed', t)),
    ]);
  });
}

/** The tags of each entity, by tag id; entities without tags have no entry. */
export async function readEntityTags(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  ids: number[],
): Promise<Map<number, Array<{ id: number; name: string; color: string | null }>>> {
  const out = new Map<number, Array<{ id: number; name: string; color: string | null }>>();
  for (const r of await tagsOfEntities(db, accountId, entityType, ids)) {
    const list = out.get(r.entity_id) ?? [];
    list.push({ id: r.id, name: r.name, color: r.color });
    out.set(r.entity_id, list);
  }
  return out;
}
