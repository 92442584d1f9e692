import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { EntityType, EventsTable, FieldValuesTable } from '../../db/types-crm.ts';
import { parseFieldValues, type ValueInput } from '../fields/parse-field-values.ts';
import type { FieldWithEnums } from '../fields/fields.repo.ts';
import { insertRows } from './bulk.ts';

type Row<T extends keyof DB> = Insertable<DB[T]>;

/** One event row as the commands write it (value_before / value_after as JSON arrays). */
export type DemoEvent = {
  type: string;
  entityType: string;
  entityId: number;
  createdBy: number;
  createdAt: number;
  before?: unknown[];
  after?: unknown[];
  subtype?: string | null;
};

/**
 * The rows of one transaction, collected per table and inserted parents first. Field values go
 * through the same parser as the API (parseFieldValues), so phones and e-mails get the same
 * `value_norm`, and text its `value_lc`.
 */
export class DemoBatch {
  companies: Array<Row<'companies'>> = [];
  contacts: Array<Row<'contacts'>> = [];
  deals: Array<Row<'deals'>> = [];
  dealContacts: Array<Row<'deal_contacts'>> = [];
  fieldValues: Array<Insertable<FieldValuesTable>> = [];
  entityTags: Array<Row<'entity_tags'>> = [];
  tasks: Array<Row<'tasks'>> = [];
  notes: Array<Row<'notes'>> = [];
  events: Array<Insertable<EventsTable>> = [];

  constructor(
    private readonly accountId: number,
    private readonly country: string,
  ) {}

  value(entityType: EntityType, entityId: number, field: FieldWithEnums | undefined, items: ValueInput[]) {
    if (!field) return;
    const parsed = parseFieldValues(field, items, this.country, 'custom_fields_values.0');
    if (parsed.errors.length > 0)
      throw new Error(`demo value for ${field.code}: ${parsed.errors[0]?.detail}`);
    parsed.values.forEach((v, position) =>
      this.fieldValues.push({
        ...v,
        account_id: this.accountId,
        entity_type: entityType,
        entity_id: entityId,
        field_id: field.id,
        position,
        extra: null,
      }),
    );
  }

  tag(entityType: EntityType, entityId: number, tagId: number) {
    this.entityTags.push({
      account_id: this.accountId,
      entity_type: entityType,
      entity_id: entityId,
      tag_id: tagId,
    });
  }

  event(e: DemoEvent) {
    this.events.push({
      account_id: this.accountId,
      type: e.type,
      entity_type: e.entityType,
      entity_id: e.entityId,
      created_by: e.createdBy,
      created_at: e.createdAt,
      value_before: JSON.stringify(e.before ?? []),
      value_after: JSON.stringify(e.after ?? []),
      subtype: e.subtype ?? null,
    });
  }

  /** Rows written, by table. */
  counts(): Record<string, number> {
    return {
      companies: this.companies.length,
      contacts: this.contacts.length,
      deals: this.deals.length,
      deal_contacts: this.dealContacts.length,
      field_values: this.fieldValues.length,
      entity_tags: this.entityTags.length,
      tasks: this.tasks.length,
      notes: this.notes.length,
      events: this.events.length,
    };
  }

  async flush(db: Kysely<DB>): Promise<void> {
    await insertRows(db, 'companies', this.companies);
    await insertRows(db, 'contacts', this.contacts);
    await insertRows(db, 'deals', this.deals);
    await insertRows(db, 'deal_contacts', this.dealContacts);
    await insertRows(db, 'field_values', this.fieldValues);
    await insertRows(db, 'entity_tags', this.entityTags);
    await insertRows(db, 'tasks', this.tasks);
    await insertRows(db, 'notes', this.notes);
    // Events in the order they were made, so ids follow time within an entity.
    await insertRows(db, 'events', this.events);
  }
}
