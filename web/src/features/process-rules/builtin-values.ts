import { z } from 'zod';
import { apiRequest, ApiError, noContent } from '../../app/api';
import { decodeWith } from '../../app/decode';
import { builtinFields, type BuiltinField } from './rules-api';

/** What the user typed for each missing built-in (a phone, an email, a name, a user id...). */
export type BuiltinValues = Partial<Record<BuiltinField, string>>;

/**
 * The fields a refused move names: the server's 400 says `RequiredField` at `price`,
 * `contact_phone` or `custom_fields_values.<id>`. Null when the refusal is about something else.
 */
export function missingFromRefusal(error: unknown): { fieldIds: number[]; builtins: BuiltinField[] } | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const required = error.fieldErrors.filter((e) => e.code === 'RequiredField');
  if (required.length === 0 || required.length !== error.fieldErrors.length) return null;
  const fieldIds: number[] = [];
  const builtins: BuiltinField[] = [];
  for (const e of required) {
    const custom = /^custom_fields_values\.(\d+)$/.exec(e.path);
    const builtin = builtinFields.find((b) => b === e.path);
    if (custom?.[1]) fieldIds.push(Number(custom[1]));
    else if (builtin) builtins.push(builtin);
    else return null;
  }
  return { fieldIds, builtins };
}

const created = decodeWith(
  z.object({ _embedded: z.record(z.string(), z.array(z.object({ id: z.number() }))) }),
);
const leadContacts = decodeWith(
  z.object({
    _embedded: z.object({
      contacts: z.array(z.object({ id: z.number(), is_main: z.boolean().optional() })).optional(),
    }),
  }),
);

async function createAndLink(dealId: number, entity: 'contacts' | 'companies', body: unknown) {
  const res = await apiRequest('POST', `/api/v4/${entity}`, created, [body]);
  const id = res._embedded[entity]?.[0]?.id;
  if (id === undefined) throw new Error(`No ${entity} created`);
  await apiRequest('POST', `/api/v4/leads/${dealId}/link`, noContent, [
    { to_entity_id: id, to_entity_type: entity },
  ]);
}

const multi = (code: 'PHONE' | 'EMAIL', value: string) => [
  { field_code: code, values: [{ value, enum_code: 'WORK' }] },
];

/**
 * Saves the typed built-ins: the deal's own attributes in one PATCH; a phone or email onto the
 * deal's main contact (a new contact when it has none); a contact or company by name, linked.
 */
export async function saveBuiltins(dealId: number, values: BuiltinValues): Promise<void> {
  const patch: Record<string, unknown> = {};
  if (values.price) patch.price = Number(values.price);
  if (values.name) patch.name = values.name;
  if (values.responsible) patch.responsible_user_id = Number(values.responsible);
  if (Object.keys(patch).length > 0) await apiRequest('PATCH', `/api/v4/leads/${dealId}`, noContent, patch);

  if (values.contact) await createAndLink(dealId, 'contacts', { name: values.contact });
  if (values.company) await createAndLink(dealId, 'companies', { name: values.company });
  const fields = [
    ...(values.contact_phone ? multi('PHONE', values.contact_phone) : []),
    ...(values.contact_email ? multi('EMAIL', values.contact_email) : []),
  ];
  if (fields.length > 0) {
    const lead = await apiRequest('GET', `/api/v4/leads/${dealId}?with=contacts`, leadContacts);
    const list = lead._embedded.contacts ?? [];
    const main = list.find((c) => c.is_main) ?? list[0];
    if (main)
      await apiRequest('PATCH', `/api/v4/contacts/${main.id}`, noContent, { custom_fields_values: fields });
    else
      await createAndLink(dealId, 'contacts', {
        name: values.contact_phone ?? values.contact_email,
        custom_fields_values: fields,
      });
  }
}
