import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Account } from '../../../db/types.ts';
import type { DealRow } from '../../deals/deals.repo.ts';
import { mainContacts } from '../../deals/deal-links.repo.ts';
import { selectValues, type StoredValue } from '../../fields/field-values.repo.ts';

/** Custom field values by id, code and lower-cased name, for `{{deal.cf.<field>}}`. */
type FieldBag = Record<string, string>;

export type PlaceholderModel = {
  account: { name: string };
  deal: Record<string, string>;
  contact: Record<string, string>;
  company: Record<string, string>;
  /** Custom field values: `{{deal.cf.<id|code|name>}}`. */
  cf: { deal: FieldBag; contact: FieldBag; company: FieldBag };
  responsible: Record<string, string>;
  /** Raw numbers and values for actions that compute (set_field arithmetic, conditions). */
  raw: { dealFields: StoredValue[]; contactId: number | null; contactPhone: string; contactEmail: string };
};

function bag(values: StoredValue[]): FieldBag {
  const out: FieldBag = {};
  const add = (key: string, text: string) => {
    out[key] = out[key] ? `${out[key]}, ${text}` : text;
  };
  for (const v of values) {
    const text = v.value_text ?? (v.value_num === null ? '' : String(v.value_num));
    const shown =
      (v.field_type === 'date' || v.field_type === 'date_time' || v.field_type === 'birthday') &&
      v.value_num !== null
        ? new Date(v.value_num * 1000)
            .toISOString()
            .slice(0, v.field_type === 'date_time' ? 16 : 10)
            .replace('T', ' ')
        : text;
    add(String(v.field_id), shown);
    if (v.field_code) add(v.field_code.toLowerCase(), shown);
    add(v.field_name.toLowerCase(), shown);
  }
  return out;
}

/** The parts of the model that cost a query each; the deal's own columns are always there. */
export type ModelParts = {
  dealFields: boolean;
  stage: boolean;
  contact: boolean;
  company: boolean;
  responsible: boolean;
};
export const ALL_PARTS: ModelParts = {
  dealFields: true,
  stage: true,
  contact: true,
  company: true,
  responsible: true,
};
export const NO_PARTS: ModelParts = {
  dealFields: false,
  stage: false,
  contact: false,
  company: false,
  responsible: false,
};

/** The parts that the `{{...}}` placeholders in `text` name (`{{deal.name}}` needs none). */
export function partsNamedIn(text: string): ModelParts {
  const parts = { ...NO_PARTS };
  for (const [, root, key] of text.matchAll(
    /\{\{\s*([\w\u0400-\u04FF-]+)\s*(?:\.\s*([\w\u0400-\u04FF-]+))?/g,
  )) {
    if (root === 'deal' && key === 'cf') parts.dealFields = true;
    else if (root === 'deal' && (key === 'pipeline' || key === 'stage')) parts.stage = true;
    else if (root === 'contact') parts.contact = true;
    else if (root === 'company') parts.company = true;
    else if (root === 'responsible') parts.responsible = true;
  }
  return parts;
}

/**
 * Everything a template may name for one deal, read once per run; `parts` leaves out what the
 * run's templates and conditions do not name (those render empty).
 */
export async function buildPlaceholderModel(
  db: Kysely<DB>,
  account: Account,
  deal: DealRow,
  parts: ModelParts = ALL_PARTS,
): Promise<PlaceholderModel> {
  const accountId = account.id;
  const dealFields = parts.dealFields ? await selectValues(db, accountId, 'leads', [deal.id]) : [];
  const contactRef = parts.contact ? (await mainContacts(db, accountId, [deal.id])).get(deal.id) : undefined;
  const contact = contactRef
    ? await db
        .selectFrom('contacts')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', contactRef.id)
        .executeTakeFirst()
    : undefined;
  const contactFields = contact ? await selectValues(db, accountId, 'contacts', [contact.id]) : [];
  const company =
    parts.company && deal.company_id
      ? await db
          .selectFrom('companies')
          .select(['id', 'name'])
          .where('account_id', '=', accountId)
          .where('id', '=', deal.company_id)
          .executeTakeFirst()
      : undefined;
  const companyFields = company ? await selectValues(db, accountId, 'companies', [company.id]) : [];
  const responsible =
    parts.responsible && deal.responsible_user_id
      ? await db
          .selectFrom('users')
          .select(['id', 'name', 'email'])
          .where('account_id', '=', accountId)
          .where('id', '=', deal.responsible_user_id)
          .executeTakeFirst()
      : undefined;
  const stage = parts.stage
    ? await db
        .selectFrom('stages')
        .innerJoin('pipelines', 'pipelines.id', 'stages.pipeline_id')
        .select(['stages.name as stage', 'pipelines.name as pipeline'])
        .where('stages.id', '=', deal.stage_id)
        .executeTakeFirst()
    : undefined;
  const firstOf = (code: string) => contactFields.find((v) => v.field_code === code)?.value_text ?? '';
  const phone = firstOf('PHONE');
  const email = firstOf('EMAIL');
  return {
    account: { name: account.name },
    deal: {
      id: String(deal.id),
      name: deal.name,
      budget: String(deal.price),
      price: String(deal.price),
      pipeline: stage?.pipeline ?? '',
      stage: stage?.stage ?? '',
      source: deal.source ?? '',
      utm_source: deal.utm_source ?? '',
      utm_medium: deal.utm_medium ?? '',
      utm_campaign: deal.utm_campaign ?? '',
    },
    contact: {
      id: contact ? String(contact.id) : '',
      name: contact?.name ?? '',
      first_name: contact?.first_name ?? '',
      last_name: contact?.last_name ?? '',
      phone,
      email,
    },
    company: { id: company ? String(company.id) : '', name: company?.name ?? '' },
    cf: { deal: bag(dealFields), contact: bag(contactFields), company: bag(companyFields) },
    responsible: {
      id: responsible ? String(responsible.id) : '',
      name: responsible?.name ?? '',
      email: responsible?.email ?? '',
    },
    raw: { dealFields, contactId: contact?.id ?? null, contactPhone: phone, contactEmail: email },
  };
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** The value a dotted path names in the model, or '' (unknown placeholders render empty). */
export function lookup(model: PlaceholderModel, path: string): string {
  const [root, key, ...rest] = path.trim().split('.');
  if (key === undefined) return '';
  if (key === 'cf' && (root === 'deal' || root === 'contact' || root === 'company')) {
    return model.cf[root][rest.join('.').toLowerCase()] ?? '';
  }
  const scopes: Record<string, Record<string, string> | undefined> = {
    deal: model.deal,
    contact: model.contact,
    company: model.company,
    responsible: model.responsible,
    account: model.account,
  };
  return scopes[root ?? '']?.[key] ?? '';
}

/** Replaces `{{ path }}` placeholders; in HTML mode the values are escaped (the template is not). */
export function renderTemplate(
  template: string,
  model: PlaceholderModel,
  opts: { html?: boolean } = {},
): string {
  return template.replace(/\{\{\s*([\w.\-\u0400-\u04FF ]+?)\s*\}\}/g, (_m, path: string) => {
    const value = lookup(model, path);
    return opts.html ? escapeHtml(value) : value;
  });
}
