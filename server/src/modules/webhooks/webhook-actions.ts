import { webhookActions, type WebhookAction } from '@voronka/common';

const suffix: Record<string, 'lead' | 'contact' | 'company' | 'task'> = {
  leads: 'lead',
  contacts: 'contact',
  companies: 'company',
  tasks: 'task',
};

const actionsOf: Record<
  string,
  ReadonlyArray<'add' | 'update' | 'delete' | 'restore' | 'status' | 'responsible' | 'note'>
> = {
  'deal.created': ['add'],
  'contact.created': ['add'],
  'company.created': ['add'],
  'task.added': ['add'],
  'deal.deleted': ['delete'],
  'contact.deleted': ['delete'],
  'company.deleted': ['delete'],
  'task.deleted': ['delete'],
  'deal.restored': ['restore'],
  'contact.restored': ['restore'],
  'company.restored': ['restore'],
  'deal.stage_changed': ['status', 'update'],
  'entity.responsible_changed': ['responsible', 'update'],
  'note.added': ['note'],
  // Audit and process-rule events change no record: no webhook.
  'access.denied': [],
  'role.changed': [],
  'deal.stage_time_exceeded': [],
  'deal.reanimated': [],
  'deal.robot_ran': [],
};

const known = new Set<string>(webhookActions);
const isAction = (name: string): name is WebhookAction => known.has(name);

/**
 * The webhook actions a domain event triggers (amoCRM's names: add_lead, status_lead, ...);
 * every other change of an entity (name, price, fields, tags, links, task edits) is its update_*.
 */
export function webhookActionsFor(event: { type: string; entity_type: string }): WebhookAction[] {
  const entity = suffix[event.entity_type];
  if (!entity) return [];
  return (actionsOf[event.type] ?? ['update']).map((verb) => `${verb}_${entity}`).filter(isAction);
}
