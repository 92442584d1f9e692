import type { Party } from './api';

/** The first few values of a field with this code (PHONE, EMAIL) on a contact or company. */
export function valuesByCode(party: Party, fieldIdsByCode: Map<string, number>, code: string): string[] {
  const fieldId = fieldIdsByCode.get(code);
  const entry = (party.custom_fields_values ?? []).find((f) => f.field_id === fieldId);
  return (entry?.values ?? []).map((v) => String(v.value));
}
