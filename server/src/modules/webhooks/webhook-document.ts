import type { WebhookAction } from '@voronka/common';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Account, DB } from '../../db/types.ts';
import type { CrmEvent, EntityType } from '../../db/types-crm.ts';
import { findCompany } from '../companies/companies.repo.ts';
import { findContact } from '../contacts/contacts.repo.ts';
import { findDeal } from '../deals/deals.repo.ts';
import { amoValues } from '../events/event-values.ts';
import { readFieldValues } from '../fields/field-values.ts';
import { noteParams } from '../notes/present-note.ts';
import { toStatusId } from '../pipelines/status-ids.ts';
import { readEntityTags } from '../tags/entity-tags.ts';
import type { FormValue } from './php-form.ts';

/**
 * The document a webhook delivers, in amoCRM's webhook shape (the older v2 field names:
 * `date_create`, `last_modified`, `custom_fields[0][values][0][value]`): one key per entity kind
 * (`leads`, `contacts` — companies too, with `type=company` — and `tasks`), one key per action
 * under it (`add`, `update`, `status`, ...), each a list of entities, plus `account`. The entity
 * is read when the delivery is made, as amoCRM does.
 */
export type WebhookDocument = { [key: string]: FormValue };

const elementType: Record<EntityType, number> = { contacts: 1, leads: 2, companies: 3 };
const documentKey = { lead: 'leads', contact: 'contacts', company: 'contacts', task: 'tasks' } as const;

const statusValue = z.object({ lead_status: z.object({ id: z.number(), pipeline_id: z.number() }) });
const responsibleValue = z.object({ responsible_user: z.object({ id: z.number() }) });
const noteValue = z.object({ note: z.object({ id: z.number() }) });

function first<T>(schema: z.ZodType<T>, items: unknown[]): T | undefined {
  for (const item of items) {
    const parsed = schema.safeParse(item);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

async function customFields(db: Kysely<DB>, accountId: number, type: EntityType, id: number) {
  const values = (await readFieldValues(db, accountId, type, [id])).get(id) ?? [];
  return values.map((f) => ({
    id: f.field_id,
    name: f.field_name,
    ...(f.field_code !== null ? { code: f.field_code } : {}),
    values: f.values.map((v) => ({
      value: v.value,
      ...(v.enum_id !== undefined ? { enum: v.enum_id } : {}),
      ...(v.enum_code !== undefined ? { enum_code: v.enum_code } : {}),
    })),
  }));
}

async function tags(db: Kysely<DB>, accountId: number, type: EntityType, id: number) {
  return ((await readEntityTags(db, accountId, type, [id])).get(id) ?? []).map((t) => ({
    id: t.id,
    name: t.name,
  }));
}

async function leadDocument(db: Kysely<DB>, account: Account, id: number) {
  const deal = await findDeal(db, account.id, id, { includeDeleted: true });
  if (!deal) return null;
  return {
    id: deal.id,
    name: deal.name,
    status_id: toStatusId({ id: deal.stage_id, kind: deal.stage_kind }),
    pipeline_id: deal.pipeline_id,
    price: deal.price,
    responsible_user_id: deal.responsible_user_id,
    last_modified: deal.updated_at,
    modified_user_id: deal.updated_by,
    created_user_id: deal.created_by,
    date_create: deal.created_at,
    created_at: deal.created_at,
    updated_at: deal.updated_at,
    closed_at: deal.closed_at,
    account_id: deal.account_id,
    custom_fields: await customFields(db, account.id, 'leads', deal.id),
    tags: await tags(db, account.id, 'leads', deal.id),
  };
}

async function contactDocument(
  db: Kysely<DB>,
  account: Account,
  type: 'contacts' | 'companies',
  id: number,
): Promise<{ [key: string]: FormValue } | null> {
  const contact = type === 'contacts' ? await findContact(db, account.id, id, { deleted: true }) : undefined;
  const row =
    contact ?? (type === 'companies' ? await findCompany(db, account.id, id, { deleted: true }) : undefined);
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    ...(contact ? { first_name: contact.first_name, last_name: contact.last_name } : {}),
    type: type === 'contacts' ? 'contact' : 'company',
    responsible_user_id: row.responsible_user_id,
    last_modified: row.updated_at,
    modified_user_id: row.updated_by,
    created_user_id: row.created_by,
    date_create: row.created_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
    ...(contact?.company_id ? { linked_company_id: contact.company_id } : {}),
    account_id: row.account_id,
    custom_fields: await customFields(db, account.id, type, row.id),
    tags: await tags(db, account.id, type, row.id),
  };
}

async function taskDocument(db: Kysely<DB>, account: Account, id: number) {
  const task = await db
    .selectFrom('tasks')
    .selectAll()
    .where('account_id', '=', account.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!task) return null;
  return {
    id: task.id,
    text: task.text,
    task_type: task.task_type_id,
    complete_till: task.complete_till,
    status: task.is_completed,
    ...(task.result_text !== null ? { result: { text: task.result_text } } : {}),
    ...(task.entity_type !== null && task.entity_id !== null
      ? { element_id: task.entity_id, element_type: elementType[task.entity_type] }
      : {}),
    responsible_user_id: task.responsible_user_id,
    created_user_id: task.created_by,
    modified_user_id: task.updated_by,
    date_create: task.created_at,
    last_modified: task.updated_at,
    created_at: task.created_at,
    updated_at: task.updated_at,
    account_id: task.account_id,
  };
}

async function noteDocument(db: Kysely<DB>, account: Account, event: CrmEvent) {
  const ref = first(noteValue, amoValues(event.value_after));
  if (!ref || event.entity_type === 'tasks') return null;
  const note = await db
    .selectFrom('notes')
    .selectAll()
    .where('account_id', '=', account.id)
    .where('id', '=', ref.note.id)
    .executeTakeFirst();
  if (!note) return null;
  const params = noteParams(note);
  return {
    note: {
      id: note.id,
      note_type: note.note_type,
      ...(typeof params.text === 'string' ? { text: params.text } : {}),
      params: params as { [key: string]: FormValue },
      element_id: note.entity_id,
      element_type: elementType[note.entity_type],
      created_by: note.created_by,
      responsible_user_id: note.responsible_user_id ?? note.created_by,
      date_create: note.created_at,
      last_modified: note.updated_at,
      account_id: note.account_id,
    },
  };
}

/** The entity the event is about, in the webhook's shape; null when it no longer exists. */
async function entityDocument(
  db: Kysely<DB>,
  account: Account,
  event: CrmEvent,
): Promise<{ [key: string]: FormValue } | null> {
  if (event.entity_type === 'leads') return leadDocument(db, account, event.entity_id);
  if (event.entity_type === 'contacts' || event.entity_type === 'companies')
    return contactDocument(db, account, event.entity_type, event.entity_id);
  if (event.entity_type === 'tasks') return taskDocument(db, account, event.entity_id);
  return null;
}

/** Builds the delivery of one event for the actions a subscription takes of it. */
export async function buildWebhookDocument(
  db: Kysely<DB>,
  account: Account,
  event: CrmEvent,
  actions: WebhookAction[],
  publicUrl: string | undefined,
): Promise<WebhookDocument | null> {
  const entity = await entityDocument(db, account, event);
  if (!entity) return null;
  const before = amoValues(event.value_before);
  const doc: Record<string, Record<string, FormValue[]>> = {};
  for (const action of actions) {
    const [verb = '', kind = ''] = action.split(/_(?=[a-z]+$)/);
    const key = documentKey[kind as keyof typeof documentKey];
    if (!key) continue;
    let item: { [key: string]: FormValue } = { ...entity };
    if (verb === 'delete') {
      item = { id: entity.id, ...('type' in entity ? { type: entity.type } : {}) };
      if ('status_id' in entity)
        Object.assign(item, { status_id: entity.status_id, pipeline_id: entity.pipeline_id });
    } else if (verb === 'status') {
      const old = first(statusValue, before);
      if (old)
        Object.assign(item, {
          old_status_id: old.lead_status.id,
          old_pipeline_id: old.lead_status.pipeline_id,
        });
    } else if (verb === 'responsible') {
      const old = first(responsibleValue, before);
      if (old) item.old_responsible_user_id = old.responsible_user.id;
    } else if (verb === 'note') {
      const note = await noteDocument(db, account, event);
      if (!note) continue;
      item = note;
    }
    (doc[key] ??= {})[verb] = [item];
  }
  if (Object.keys(doc).length === 0) return null;
  return {
    ...doc,
    account: {
      id: account.id,
      subdomain: account.subdomain,
      ...(publicUrl ? { _links: { self: publicUrl } } : {}),
    },
  };
}
