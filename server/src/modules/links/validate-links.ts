import type { EntityType } from '../../db/types-crm.ts';
import type { Ctx } from '../context.ts';
import { BatchErrors } from '../events/v4-input.ts';
import { authorizeEntity, visibleIdsOf } from '../policy/guards.ts';
import { liveEntityIds } from './entity-refs.repo.ts';
import { sides, toPair, type LinkPair } from './link-pairs.ts';

export type LinkInput = {
  requestId: string;
  entity_id?: number;
  to_entity_type: string;
  to_entity_id: number;
  metadata?: { is_main?: boolean; main_contact?: boolean } | undefined;
};

const linkable = new Set<string>(['leads', 'contacts', 'companies']);
const isEntityType = (type: string): type is EntityType => linkable.has(type);

/**
 * Turns a link / unlink batch into storage pairs, checking that both sides exist in the account
 * (and are in the user's sight) and can be linked (deal-contact, deal-company, contact-company);
 * throws the 400 otherwise.
 */
export async function validateLinks(
  ctx: Ctx,
  entityType: EntityType,
  items: LinkInput[],
): Promise<Array<{ pair: LinkPair; isMain: boolean }>> {
  const errors = new BatchErrors();
  const wanted = new Map<EntityType, number[]>();
  const want = (type: EntityType, id: number) => wanted.set(type, [...(wanted.get(type) ?? []), id]);
  for (const item of items) {
    if (item.entity_id !== undefined) want(entityType, item.entity_id);
    if (isEntityType(item.to_entity_type)) want(item.to_entity_type, item.to_entity_id);
  }
  const live = new Map<EntityType, Set<number>>();
  // Rights: a record out of the user's sight is answered as a missing one.
  for (const [type, ids] of wanted) {
    const found = await liveEntityIds(ctx.db, ctx.accountId, type, ids);
    const seen = await visibleIdsOf(ctx, type, [...found]);
    live.set(type, new Set([...found].filter((id) => seen.has(id))));
  }

  const result: Array<{ pair: LinkPair; isMain: boolean }> = [];
  for (const item of items) {
    const toType = item.to_entity_type;
    const pair =
      item.entity_id !== undefined && isEntityType(toType)
        ? toPair(entityType, item.entity_id, toType, item.to_entity_id)
        : null;
    if (item.entity_id === undefined) {
      errors.add(item.requestId, { code: 'NotSupplied', path: 'entity_id', detail: 'entity_id is required' });
    } else if (!live.get(entityType)?.has(item.entity_id)) {
      errors.add(item.requestId, {
        code: 'NotFound',
        path: 'entity_id',
        detail: `No ${entityType} with this id`,
      });
    }
    if (!isEntityType(toType) || (item.entity_id !== undefined && !pair)) {
      errors.add(item.requestId, {
        code: 'NotSupported',
        path: 'to_entity_type',
        detail: `${entityType} cannot be linked to ${toType}`,
      });
    } else if (!live.get(toType)?.has(item.to_entity_id)) {
      errors.add(item.requestId, {
        code: 'NotFound',
        path: 'to_entity_id',
        detail: `No ${toType} with this id`,
      });
    }
    if (pair)
      result.push({ pair, isMain: item.metadata?.is_main === true || item.metadata?.main_contact === true });
  }
  errors.throwIfAny();
  return result;
}

/** Rights: a (un)link changes the addressed record: 403 without edit on it (sight is checked above). */
export async function authorizeLinks(
  ctx: Ctx,
  entityType: EntityType,
  planned: Array<{ pair: LinkPair }>,
): Promise<void> {
  for (const { pair } of planned) {
    for (const side of sides(pair))
      if (side.type === entityType) await authorizeEntity(ctx, side.type, 'edit', side.id);
  }
}
