import { customFieldTypes, multiValueFieldTypes, type CustomFieldType } from '@voronka/common';
import type { FieldError } from '../../http/problem.ts';
import type { FieldEnum, FieldWithEnums } from './fields.repo.ts';
import { normaliseEmail, normalisePhone, normaliseTaxId, TAX_ID_CODES } from './normalise.ts';

export type ValueInput = { value?: unknown; enum_id?: number; enum_code?: string; subtype?: string };

/** One stored value: the typed, indexed columns of `field_values`. */
export type ParsedValue = {
  enum_id: number | null;
  enum_code: string | null;
  value_text: string | null;
  value_lc: string | null;
  value_num: number | null;
  value_norm: string | null;
};

const MAX_TEXT = 10_000;
const MAX_URL = 2_048;
/** Year 1 to year 9999, in unix seconds. */
const MIN_TS = -62_135_596_800;
const MAX_TS = 253_402_300_799;

export const fieldTypeOf = (type: string): CustomFieldType =>
  customFieldTypes.find((t) => t === type) ?? 'text';

const asText = (v: unknown): string | null =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : null;

function asNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const s = v.replace(/[\s\u00a0]/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

function asBool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === '1' || v === 'true') return true;
  if (v === 0 || v === '0' || v === 'false') return false;
  return null;
}

/** Unix seconds, from seconds or an ISO 8601 date / date-time string. */
function asTimestamp(v: unknown): number | null {
  let ts: number | null = null;
  if (typeof v === 'number' && Number.isInteger(v)) ts = v;
  else if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) ts = Number(v.trim());
  else if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v.trim())) {
    const ms = Date.parse(v.trim());
    ts = Number.isNaN(ms) ? null : Math.floor(ms / 1000);
  }
  return ts !== null && ts >= MIN_TS && ts <= MAX_TS ? ts : null;
}

const plain = (text: string): ParsedValue => ({
  enum_id: null,
  enum_code: null,
  value_text: text,
  value_lc: text.toLowerCase(),
  value_num: null,
  value_norm: null,
});

const numeric = (num: number, text = String(num)): ParsedValue => ({ ...plain(text), value_num: num });

type One = ParsedValue | FieldError | null;

/** The enum an item names by enum_id, enum_code or value (in that order). */
function resolveEnum(
  field: FieldWithEnums,
  item: ValueInput,
  path: string,
  required: boolean,
): FieldEnum | FieldError | null {
  if (item.enum_id !== undefined) {
    return (
      field.enums.find((e) => e.id === item.enum_id) ?? {
        code: 'NotFound',
        path: `${path}.enum_id`,
        detail: `Field ${field.id} has no enum ${item.enum_id}`,
      }
    );
  }
  if (item.enum_code !== undefined) {
    const code = item.enum_code.toUpperCase();
    return (
      field.enums.find((e) => e.code?.toUpperCase() === code) ?? {
        code: 'NotFound',
        path: `${path}.enum_code`,
        detail: `Field ${field.id} has no enum with code ${item.enum_code}`,
      }
    );
  }
  if (!required) return field.enums[0] ?? null;
  const text = asText(item.value)?.toLowerCase();
  return (
    field.enums.find((e) => e.value.toLowerCase() === text) ?? {
      code: text ? 'NotSupportedChoice' : 'Required',
      path: `${path}.value`,
      detail: text
        ? `"${String(item.value)}" is not an option of field ${field.id}`
        : 'An option is required',
    }
  );
}

function parseOne(field: FieldWithEnums, item: ValueInput, country: string, path: string): One {
  const type = fieldTypeOf(field.type);
  const bad = (detail: string): FieldError => ({ code: 'InvalidType', path: `${path}.value`, detail });
  switch (type) {
    case 'select':
    case 'multiselect':
    case 'radiobutton': {
      const picked = resolveEnum(field, item, path, true);
      if (picked === null || 'path' in picked) return picked;
      return { ...plain(picked.value), enum_id: picked.id, enum_code: picked.code };
    }
    case 'multitext': {
      const text = asText(item.value);
      if (text === null) return bad('A string is expected');
      if (text === '') return null;
      const kind = resolveEnum(field, item, path, false);
      if (kind !== null && 'path' in kind) return kind;
      const norm =
        field.code === 'PHONE'
          ? normalisePhone(text, country)
          : field.code === 'EMAIL'
            ? normaliseEmail(text)
            : null;
      return { ...plain(text), enum_id: kind?.id ?? null, enum_code: kind?.code ?? null, value_norm: norm };
    }
    case 'numeric':
    case 'monetary': {
      if (item.value === '' || item.value === null) return null;
      const num = asNumber(item.value);
      return num === null ? bad('A number is expected') : numeric(num);
    }
    case 'checkbox': {
      if (item.value === '' || item.value === null) return null;
      const flag = asBool(item.value);
      return flag === null ? bad('true or false is expected') : numeric(flag ? 1 : 0);
    }
    case 'date':
    case 'date_time':
    case 'birthday': {
      if (item.value === '' || item.value === null) return null;
      const ts = asTimestamp(item.value);
      return ts === null ? bad('Unix seconds or an ISO 8601 date is expected') : numeric(ts);
    }
    default: {
      const text = asText(item.value);
      if (text === null) return bad('A string is expected');
      const max = type === 'url' ? MAX_URL : MAX_TEXT;
      if (text.length > max)
        return { code: 'TooLong', path: `${path}.value`, detail: `At most ${max} characters` };
      if (type === 'url' && /\s/.test(text)) return bad('A URL without spaces is expected');
      if (text === '') return null;
      // Tax ids are compared normalised (duplicate control, the find-duplicates screen).
      const taxId = type === 'text' && field.code !== null && TAX_ID_CODES.includes(field.code.toUpperCase());
      return taxId ? { ...plain(text), value_norm: normaliseTaxId(text) } : plain(text);
    }
  }
}

/**
 * Validates the values sent for one field by its type and turns them into stored rows. Empty
 * strings are dropped (clients send them to mean "no value"); single-value types take one value.
 * `path` names the field's entry, e.g. `custom_fields_values.0`.
 */
export function parseFieldValues(
  field: FieldWithEnums,
  items: ValueInput[],
  country: string,
  path: string,
): { values: ParsedValue[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const values: ParsedValue[] = [];
  const multi = multiValueFieldTypes.includes(fieldTypeOf(field.type));
  if (!multi && items.length > 1) {
    errors.push({ code: 'TooMany', path: `${path}.values`, detail: `Field ${field.id} takes one value` });
  }
  items.forEach((item, i) => {
    const one = parseOne(field, item, country, `${path}.values.${i}`);
    if (one === null) return;
    if ('path' in one) errors.push(one);
    else if (!(field.type === 'multiselect' && values.some((v) => v.enum_id === one.enum_id)))
      values.push(one);
  });
  return { values, errors };
}
