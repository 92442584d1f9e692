import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Deal } from '../../db/types-crm.ts';
import type { Condition, FieldRef } from './rules.schema.ts';

/** A deal as the process rules see it after a change: its row, field values, tags and links. */
export type DealSnapshot = {
  deal: Deal;
  fields: Map<number, Array<{ num: number | null; text: string | null }>>;
  tags: Set<string>;
  contactIds: number[];
  contactHasPhone: boolean;
  contactHasEmail: boolean;
};

export async function loadDealSnapshot(
  db: Kysely<DB>,
  accountId: number,
  dealId: number,
): Promise<DealSnapshot | null> {
  const deal = await db
    .selectFrom('deals')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', dealId)
    .executeTakeFirst();
  if (!deal) return null;
  const values = await db
    .selectFrom('field_values')
    .innerJoin('custom_fields', 'custom_fields.id', 'field_values.field_id')
    .select(['field_values.field_id', 'field_values.value_num', 'field_values.value_text'])
    .where('field_values.account_id', '=', accountId)
    .where('field_values.entity_type', '=', 'leads')
    .where('field_values.entity_id', '=', dealId)
    .where('custom_fields.deleted_at', 'is', null)
    .execute();
  const fields = new Map<number, Array<{ num: number | null; text: string | null }>>();
  for (const v of values)
    fields.set(v.field_id, [...(fields.get(v.field_id) ?? []), { num: v.value_num, text: v.value_text }]);
  const tags = await db
    .selectFrom('entity_tags')
    .innerJoin('tags', 'tags.id', 'entity_tags.tag_id')
    .select('tags.name_lc')
    .where('entity_tags.account_id', '=', accountId)
    .where('entity_tags.entity_type', '=', 'leads')
    .where('entity_tags.entity_id', '=', dealId)
    .execute();
  const contacts = await db
    .selectFrom('deal_contacts')
    .innerJoin('contacts', 'contacts.id', 'deal_contacts.contact_id')
    .select('contacts.id')
    .where('deal_contacts.account_id', '=', accountId)
    .where('deal_contacts.deal_id', '=', dealId)
    .where('contacts.deleted_at', 'is', null)
    .execute();
  const contactIds = contacts.map((c) => c.id);
  const codes =
    contactIds.length === 0
      ? []
      : await db
          .selectFrom('field_values')
          .innerJoin('custom_fields', 'custom_fields.id', 'field_values.field_id')
          .select('custom_fields.code')
          .where('field_values.account_id', '=', accountId)
          .where('field_values.entity_type', '=', 'contacts')
          .where('field_values.entity_id', 'in', contactIds)
          .where('custom_fields.code', 'in', ['PHONE', 'EMAIL'])
          .where('custom_fields.deleted_at', 'is', null)
          .execute();
  return {
    deal,
    fields,
    tags: new Set(tags.map((t) => t.name_lc)),
    contactIds,
    contactHasPhone: codes.some((c) => c.code === 'PHONE'),
    contactHasEmail: codes.some((c) => c.code === 'EMAIL'),
  };
}

/** Whether the deal has a value for the field (a price above zero, a contact with a phone, ...). */
export function hasValue(s: DealSnapshot, ref: FieldRef): boolean {
  if ('field_id' in ref)
    return (s.fields.get(ref.field_id) ?? []).some(
      (v) => v.num !== null || (v.text !== null && v.text.trim() !== ''),
    );
  switch (ref.builtin) {
    case 'price':
      return s.deal.price > 0;
    case 'name':
      return s.deal.name.trim() !== '';
    case 'contact':
      return s.contactIds.length > 0;
    case 'contact_phone':
      return s.contactHasPhone;
    case 'contact_email':
      return s.contactHasEmail;
    case 'company':
      return s.deal.company_id !== null;
    case 'responsible':
      return s.deal.responsible_user_id !== null;
  }
}

/** The first value of a field (a number when it has one), or null. */
function valueOf(s: DealSnapshot, ref: FieldRef): number | string | null {
  if ('field_id' in ref) {
    const first = s.fields.get(ref.field_id)?.[0];
    return first ? (first.num ?? first.text) : null;
  }
  switch (ref.builtin) {
    case 'price':
      return s.deal.price;
    case 'name':
      return s.deal.name;
    case 'responsible':
      return s.deal.responsible_user_id;
    case 'company':
      return s.deal.company_id;
    case 'contact':
      return s.contactIds.length;
    case 'contact_phone':
      return s.contactHasPhone ? 1 : 0;
    case 'contact_email':
      return s.contactHasEmail ? 1 : 0;
  }
}

/**
 * Whether a condition holds. An empty value fails every comparison, unless `emptyPasses`: a
 * validation ("the discount is at most 30%") only judges values that are there ("not_empty"
 * requires one).
 */
export function conditionHolds(s: DealSnapshot, c: Condition, emptyPasses = false): boolean {
  if (c.op === 'empty') return !hasValue(s, c.field);
  if (c.op === 'not_empty') return hasValue(s, c.field);
  const actual = valueOf(s, c.field);
  const expected = typeof c.value === 'boolean' ? (c.value ? 1 : 0) : (c.value ?? null);
  if (actual === null && emptyPasses) return true;
  if (actual === null || expected === null) return c.op === 'neq' ? actual !== expected : false;
  const bothNumbers = typeof actual === 'number' && typeof expected === 'number';
  const a = bothNumbers ? actual : String(actual).toLowerCase();
  const e = bothNumbers ? expected : String(expected).toLowerCase();
  switch (c.op) {
    case 'eq':
      return a === e;
    case 'neq':
      return a !== e;
    case 'lt':
      return a < e;
    case 'lte':
      return a <= e;
    case 'gt':
      return a > e;
    case 'gte':
      return a >= e;
  }
}
