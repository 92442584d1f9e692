/**
 * Domain event types: every change to a deal, contact, company or task writes one event row.
 * Timelines, the audit log, webhooks and triggers all read them. The amoCRM names used by
 * GET /api/v4/events are mapped at the API boundary (server/src/modules/events).
 */
export const eventTypes = [
  'deal.created',
  'deal.deleted',
  'deal.restored',
  'deal.stage_changed',
  'deal.name_changed',
  'deal.price_changed',
  'contact.created',
  'contact.deleted',
  'contact.restored',
  'contact.name_changed',
  'company.created',
  'company.deleted',
  'company.restored',
  'company.name_changed',
  'entity.responsible_changed',
  'entity.field_changed',
  'entity.tag_added',
  'entity.tag_removed',
  'entity.linked',
  'entity.unlinked',
  'task.added',
  'task.completed',
  'task.deleted',
  'task.changed',
  'note.added',
  'access.denied',
  'deal.reanimated',
  'deal.stage_time_exceeded',
  'role.changed',
  'contact.merged',
  'company.merged',
  'contact.merge_undone',
  'company.merge_undone',
  /** A digital-pipeline run on the deal ended (done, failed, skipped; subtype): its feed line. */
  'deal.robot_ran',
] as const;
export type EventType = (typeof eventTypes)[number];

/** The entity an event is about, in the amoCRM vocabulary used across the schema. */
export type EventEntityType = 'leads' | 'contacts' | 'companies' | 'tasks' | 'roles' | 'users';
