import { enumFieldTypes } from '@voronka/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { absoluteUrl } from '../../http/hal.ts';
import type { FieldWithEnums } from './fields.repo.ts';
import { fieldTypeOf } from './parse-field-values.ts';

const statusesSchema = z.array(z.object({ pipeline_id: z.number(), status_id: z.number() }));
const settingsSchema = z.record(z.string(), z.unknown());

function json<T>(text: string, schema: z.ZodType<T>, fallback: T): T {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/**
 * A field as amoCRM's CustomField. Keys that amoCRM sends as null (code, group_id, enums of a
 * non-list field) are left out, since the reference spec types them as non-null.
 */
export function presentCustomField(request: FastifyRequest, f: FieldWithEnums) {
  return {
    id: f.id,
    name: f.name,
    type: f.type,
    account_id: f.account_id,
    ...(f.code !== null ? { code: f.code } : {}),
    sort: f.sort,
    is_api_only: f.is_api_only === 1,
    ...(enumFieldTypes.includes(fieldTypeOf(f.type))
      ? {
          enums: f.enums.map((e) => ({
            id: e.id,
            value: e.value,
            sort: e.sort,
            ...(e.code ? { code: e.code } : {}),
          })),
        }
      : {}),
    ...(f.group_id !== null ? { group_id: Number(f.group_id) } : {}),
    required_statuses: json(f.required_statuses, statusesSchema, []),
    is_deletable: f.is_deletable === 1,
    is_predefined: f.is_predefined === 1,
    entity_type: f.entity_type,
    settings: json(f.settings, settingsSchema, {}),
    _links: { self: { href: absoluteUrl(request, `/api/v4/${f.entity_type}/custom_fields/${f.id}`) } },
  };
}
