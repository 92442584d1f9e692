import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/types.ts';
import type { PartyType } from './merge-snapshot.ts';

/** Whose value wins for one attribute or field of a merge. */
export type Side = 'survivor' | 'merged';

/** A stored field value, every column but the id (what a restore re-inserts). */
export const valueRowSchema = z.object({
  field_id: z.number(),
  position: z.number(),
  enum_id: z.number().nullable(),
  enum_code: z.string().nullable(),
  value_text: z.string().nullable(),
  value_lc: z.string().nullable(),
  value_num: z.number().nullable(),
  value_norm: z.string().nullable(),
  extra: z.string().nullable(),
});
export type ValueRow = z.infer<typeof valueRowSchema>;

/** Field types whose values are lists: a merge unites them instead of choosing one side. */
const MULTI = new Set(['multitext', 'multiselect', 'chained_list']);

/** The values of an entity in the live fields, with each field's type. */
export async function liveValueRows(
  db: Kysely<DB>,
  accountId: number,
  entityType: PartyType,
  entityId: number,
): Promise<Array<ValueRow & { field_type: string }>> {
  const rows = await db
    .selectFrom('field_values as v')
    .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
    .select([
      'v.field_id',
      'v.position',
      'v.enum_id',
      'v.enum_code',
      'v.value_text',
      'v.value_lc',
      'v.value_num',
      'v.value_norm',
      'v.extra',
      'f.type as field_type',
    ])
    .where('v.account_id', '=', accountId)
    .where('v.entity_type', '=', entityType)
    .where('v.entity_id', '=', entityId)
    .where('f.deleted_at', 'is', null)
    .orderBy('v.field_id')
    .orderBy('v.position')
    .execute();
  return rows;
}

const sameValue = (a: ValueRow) =>
  a.value_norm ??
  (a.enum_id !== null && a.value_text === null ? `e${a.enum_id}` : null) ??
  a.value_lc ??
  a.value_num;

/**
 * The survivor's values after a merge: list fields (phones, e-mails, multi-selects) unite both
 * sides without repeats (phones compared as E.164, e-mails case-insensitively); any other field
 * takes the chosen side, or by default the survivor's value, or the merged record's when the
 * survivor has none, so no value is lost unless a user chose to drop it.
 */
export function mergeValueRows(
  survivor: Array<ValueRow & { field_type: string }>,
  merged: Array<ValueRow & { field_type: string }>,
  pick: Record<string, Side | undefined>,
): ValueRow[] {
  const fieldIds = [...new Set([...survivor, ...merged].map((r) => r.field_id))].sort((a, b) => a - b);
  const out: ValueRow[] = [];
  for (const fieldId of fieldIds) {
    const mine = survivor.filter((r) => r.field_id === fieldId);
    const theirs = merged.filter((r) => r.field_id === fieldId);
    const type = (mine[0] ?? theirs[0])?.field_type ?? 'text';
    let chosen: ValueRow[];
    if (MULTI.has(type)) {
      const seen = new Set(mine.map(sameValue));
      chosen = [...mine, ...theirs.filter((r) => !seen.has(sameValue(r)))];
    } else {
      const side = pick[String(fieldId)] ?? (mine.length > 0 ? 'survivor' : 'merged');
      chosen = side === 'survivor' ? mine : theirs;
    }
    chosen.forEach((r, position) => {
      out.push({
        field_id: r.field_id,
        position,
        enum_id: r.enum_id,
        enum_code: r.enum_code,
        value_text: r.value_text,
        value_lc: r.value_lc,
        value_num: r.value_num,
        value_norm: r.value_norm,
        extra: r.extra,
      });
    });
  }
  return out;
}

/** Replaces an entity's values in the given fields by `rows`. */
export async function replaceValueRows(
  db: Kysely<DB>,
  accountId: number,
  entityType: PartyType,
  entityId: number,
  fieldIds: number[],
  rows: ValueRow[],
): Promise<void> {
  if (fieldIds.length > 0) {
    await db
      .deleteFrom('field_values')
      .where('account_id', '=', accountId)
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', entityId)
      .where('field_id', 'in', fieldIds)
      .execute();
  }
  const insert = rows.map((r) => ({
    ...r,
    account_id: accountId,
    entity_type: entityType,
    entity_id: entityId,
  }));
  for (let i = 0; i < insert.length; i += 200)
    await db
      .insertInto('field_values')
      .values(insert.slice(i, i + 200))
      .execute();
}
