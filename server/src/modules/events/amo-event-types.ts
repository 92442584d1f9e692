import type { EventType } from '@voronka/common';

/**
 * How domain events read in amoCRM's GET /api/v4/events: each amoCRM type key is one or more
 * domain types, optionally narrowed by the event's subtype (note type, changed task attribute).
 * Domain events without a rule (a task's duration changed, a task reopened) stay out of the v4
 * feed; timelines, webhooks and triggers still see them.
 */
export type AmoEventRule = {
  key: string;
  /** amoCRM's numeric id of the type, as GET /api/v4/events/types reports it. */
  code: number;
  types: readonly EventType[];
  subtypes?: readonly string[];
  ru: string;
  en: string;
};

const rule = (
  key: string,
  code: number,
  types: readonly EventType[],
  ru: string,
  en: string,
  subtypes?: readonly string[],
): AmoEventRule => ({ key, code, types, ru, en, ...(subtypes ? { subtypes } : {}) });

export const amoEventRules: readonly AmoEventRule[] = [
  rule('lead_added', 1, ['deal.created'], 'Новая сделка', 'Lead added'),
  rule('lead_deleted', 7, ['deal.deleted'], 'Сделка удалена', 'Lead deleted'),
  rule('lead_restored', 8, ['deal.restored'], 'Сделка восстановлена', 'Lead restored'),
  rule('lead_status_changed', 9, ['deal.stage_changed'], 'Изменение этапа продажи', 'Lead status changed'),
  rule('contact_added', 2, ['contact.created'], 'Новый контакт', 'Contact added'),
  rule('contact_deleted', 10, ['contact.deleted'], 'Контакт удален', 'Contact deleted'),
  rule('contact_restored', 11, ['contact.restored'], 'Контакт восстановлен', 'Contact restored'),
  rule('company_added', 3, ['company.created'], 'Новая компания', 'Company added'),
  rule('company_deleted', 12, ['company.deleted'], 'Компания удалена', 'Company deleted'),
  rule('company_restored', 13, ['company.restored'], 'Компания восстановлена', 'Company restored'),
  rule('task_added', 4, ['task.added'], 'Новая задача', 'Task added'),
  rule('task_deleted', 14, ['task.deleted'], 'Задача удалена', 'Task deleted'),
  rule('task_completed', 15, ['task.completed'], 'Завершение задачи', 'Task completed'),
  rule('task_type_changed', 16, ['task.changed'], 'Изменение типа задачи', 'Task type changed', [
    'task_type_id',
  ]),
  rule('task_text_changed', 17, ['task.changed'], 'Изменение текста задачи', 'Task text changed', ['text']),
  rule(
    'task_deadline_changed',
    18,
    ['task.changed'],
    'Изменение даты исполнения задачи',
    'Task deadline changed',
    ['complete_till'],
  ),
  rule('incoming_call', 19, ['note.added'], 'Входящий звонок', 'Incoming call', ['call_in']),
  rule('outgoing_call', 20, ['note.added'], 'Исходящий звонок', 'Outgoing call', ['call_out']),
  rule('incoming_sms', 21, ['note.added'], 'Входящее SMS', 'Incoming SMS', ['sms_in']),
  rule('outgoing_sms', 22, ['note.added'], 'Исходящее SMS', 'Outgoing SMS', ['sms_out']),
  rule('entity_tag_added', 23, ['entity.tag_added'], 'Теги добавлены', 'Tags added'),
  rule('entity_tag_deleted', 25, ['entity.tag_removed'], 'Теги убраны', 'Tags removed'),
  rule('entity_linked', 26, ['entity.linked'], 'Прикрепление', 'Linked'),
  rule('entity_unlinked', 27, ['entity.unlinked'], 'Открепление', 'Unlinked'),
  rule('sale_field_changed', 28, ['deal.price_changed'], 'Изменение поля «Бюджет»', 'Sale field changed'),
  rule(
    'name_field_changed',
    29,
    ['deal.name_changed', 'contact.name_changed', 'company.name_changed'],
    'Изменение поля «Название»',
    'Name field changed',
  ),
  rule('custom_field_value_changed', 24, ['entity.field_changed'], 'Изменение поля', 'Field value changed'),
  rule(
    'entity_responsible_changed',
    30,
    ['entity.responsible_changed'],
    'Ответственный изменен',
    'Responsible changed',
  ),
  rule('common_note_added', 31, ['note.added'], 'Новое примечание', 'Note added', ['common']),
  rule('attachment_note_added', 32, ['note.added'], 'Добавлен новый файл', 'File added', ['attachment']),
  rule('geo_note_added', 33, ['note.added'], 'Новое примечание с гео-меткой', 'Geolocation note added', [
    'geolocation',
  ]),
  rule('service_note_added', 34, ['note.added'], 'Новое системное примечание', 'Service note added', [
    'service_message',
    'extended_service_message',
    'invoice_paid',
  ]),
  rule('message_to_cashier_note_added', 35, ['note.added'], 'Сообщение кассиру', 'Message to cashier', [
    'message_cashier',
  ]),
];

/** amoCRM's per-field filter type, `custom_field_{FIELD_ID}_value_changed`. */
const perField = /^custom_field_(\d+)_value_changed$/;

export type EventCondition = { types: readonly string[]; subtypes?: readonly string[] };

/** The SQL conditions for `filter[type]` keys (all mapped types when none are given). */
export function conditionsFor(keys: readonly string[] | undefined): EventCondition[] {
  if (!keys) return amoEventRules.map((r) => ({ types: r.types, subtypes: r.subtypes }));
  return keys.flatMap((key): EventCondition[] => {
    const field = perField.exec(key);
    if (field?.[1]) return [{ types: ['entity.field_changed'], subtypes: [field[1]] }];
    const found = amoEventRules.find((r) => r.key === key);
    return found ? [{ types: found.types, subtypes: found.subtypes }] : [];
  });
}

/** The amoCRM type key of a stored event (null: it has none and is not in the v4 feed). */
export function amoTypeOf(type: string, subtype: string | null): string | null {
  const found = amoEventRules.find(
    (r) =>
      r.types.some((t) => t === type) && (!r.subtypes || (subtype !== null && r.subtypes.includes(subtype))),
  );
  return found?.key ?? null;
}

/** The entity names of amoCRM's events (singular) and of our tables (plural). */
export const singularEntity: Record<string, string> = {
  leads: 'lead',
  contacts: 'contact',
  companies: 'company',
  tasks: 'task',
};
export const pluralEntity: Record<string, string> = Object.fromEntries(
  Object.entries(singularEntity).flatMap(([plural, single]) => [
    [single, plural],
    [plural, plural],
  ]),
);
