import type { EventType } from '@voronka/common';
import type { EntityType } from '../../db/types-crm.ts';
import type { Ctx } from '../context.ts';
import type { EventInput } from '../events/record-event.ts';

/**
 * Event rows for contact and company changes. `before` / `after` use the amoCRM event value
 * shapes (`name_field_value`, `responsible_user`, `link`), so GET /api/v4/events can pass them on.
 */
const base = (ctx: Ctx, type: EventType, entityType: EntityType, entityId: number) => ({
  accountId: ctx.accountId,
  type,
  entityType,
  entityId,
  createdBy: ctx.userId,
});

export const createdEvent = (
  ctx: Ctx,
  type: EventType,
  entityType: EntityType,
  id: number,
  name: string,
): EventInput => ({
  ...base(ctx, type, entityType, id),
  after: [{ name_field_value: { name } }],
});

export const nameChangedEvent = (
  ctx: Ctx,
  type: EventType,
  entityType: EntityType,
  id: number,
  before: string,
  after: string,
): EventInput => ({
  ...base(ctx, type, entityType, id),
  before: [{ name_field_value: { name: before } }],
  after: [{ name_field_value: { name: after } }],
});

export const responsibleChangedEvent = (
  ctx: Ctx,
  entityType: EntityType,
  id: number,
  before: number | null,
  after: number | null,
): EventInput => ({
  ...base(ctx, 'entity.responsible_changed', entityType, id),
  before: [{ responsible_user: { id: before } }],
  after: [{ responsible_user: { id: after } }],
});

/** A contact-company link or unlink, recorded on both sides. */
export function linkEvents(
  ctx: Ctx,
  type: 'entity.linked' | 'entity.unlinked',
  contactId: number,
  companyId: number,
) {
  const side = (entityType: EntityType, id: number, other: EntityType, otherId: number): EventInput => {
    const value = [{ link: { entity: { id: otherId, type: other } } }];
    return {
      ...base(ctx, type, entityType, id),
      ...(type === 'entity.linked' ? { after: value } : { before: value }),
    };
  };
  return [
    side('contacts', contactId, 'companies', companyId),
    side('companies', companyId, 'contacts', contactId),
  ];
}
