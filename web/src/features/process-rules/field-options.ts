import type { BoardMeta } from '@voronka/common';
import type { TFunction } from 'i18next';
import { builtinFields, type FieldRef } from './rules-api';

/** `b:price` / `f:12`: a field reference as a select option's value. */
export const refKey = (ref: FieldRef): string =>
  'field_id' in ref ? `f:${ref.field_id}` : `b:${ref.builtin}`;

export function refOfKey(key: string): FieldRef | null {
  const [kind, rest] = [key.slice(0, 2), key.slice(2)];
  if (kind === 'f:' && /^\d+$/.test(rest)) return { field_id: Number(rest) };
  const builtin = builtinFields.find((b) => b === rest);
  return kind === 'b:' && builtin ? { builtin } : null;
}

/** The built-ins first, then the deal's custom fields, grouped for a Select. */
export function fieldOptions(meta: BoardMeta | undefined, t: TFunction) {
  return [
    {
      group: t('processRules.fieldGroups.builtin'),
      items: builtinFields.map((b) => ({ value: `b:${b}`, label: t(`processRules.builtins.${b}`) })),
    },
    {
      group: t('processRules.fieldGroups.custom'),
      items: (meta?.fields ?? []).map((f) => ({ value: `f:${f.id}`, label: f.name })),
    },
  ];
}

/** A field reference in words (a deleted custom field shows its id). */
export function refLabel(ref: FieldRef, meta: BoardMeta | undefined, t: TFunction): string {
  if ('builtin' in ref) return t(`processRules.builtins.${ref.builtin}`);
  return meta?.fields.find((f) => f.id === ref.field_id)?.name ?? `#${ref.field_id}`;
}

/** Whether a condition on the field compares numbers. */
export function isNumericRef(ref: FieldRef, meta: BoardMeta | undefined): boolean {
  if ('builtin' in ref) return ref.builtin === 'price';
  const type = meta?.fields.find((f) => f.id === ref.field_id)?.type;
  return type === 'numeric' || type === 'monetary';
}
