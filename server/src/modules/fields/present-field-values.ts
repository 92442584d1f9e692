import type { CustomFieldValueOut } from './field-values.ts';

/**
 * custom_fields_values for an HTTP answer: null when the entity has none (as amoCRM), and
 * `field_code` left out when the field has no code, since the reference spec types it as a
 * string (amoCRM itself sends null there).
 */
export const presentFieldValues = (values: CustomFieldValueOut[] | undefined) =>
  values === undefined || values.length === 0
    ? null
    : values.map((v) => ({
        field_id: v.field_id,
        field_name: v.field_name,
        ...(v.field_code !== null ? { field_code: v.field_code } : {}),
        field_type: v.field_type,
        values: v.values,
      }));
