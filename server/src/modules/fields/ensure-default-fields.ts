import { emailEnumCodes, phoneEnumCodes } from '@voronka/common';
import type { Kysely } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';
import type { EntityType } from '../../db/types-crm.ts';
import { findAccount } from '../accounts/accounts.repo.ts';
import { insertEnums, insertField, liveCodes } from './fields.repo.ts';

type Predefined = {
  code: string;
  type: string;
  sort: number;
  ru: string;
  en: string;
  enums?: readonly string[];
};

/** amoCRM's predefined fields (contacts and companies both carry phones and e-mails). */
const PREDEFINED: Record<'contacts' | 'companies', Predefined[]> = {
  contacts: [
    { code: 'POSITION', type: 'text', sort: 1, ru: 'Должность', en: 'Position' },
    { code: 'PHONE', type: 'multitext', sort: 2, ru: 'Телефон', en: 'Phone', enums: phoneEnumCodes },
    { code: 'EMAIL', type: 'multitext', sort: 3, ru: 'Email', en: 'Email', enums: emailEnumCodes },
  ],
  companies: [
    { code: 'PHONE', type: 'multitext', sort: 1, ru: 'Телефон', en: 'Phone', enums: phoneEnumCodes },
    { code: 'EMAIL', type: 'multitext', sort: 2, ru: 'Email', en: 'Email', enums: emailEnumCodes },
    { code: 'WEB', type: 'url', sort: 3, ru: 'Web', en: 'Web' },
    { code: 'ADDRESS', type: 'textarea', sort: 4, ru: 'Адрес', en: 'Address' },
  ],
};

/**
 * Creates the account's predefined fields (contacts: POSITION, PHONE, EMAIL; companies: PHONE,
 * EMAIL, WEB, ADDRESS) if they are missing. Lazy and idempotent: called on first use (field
 * lists, value writes) rather than on account creation, costing one indexed read when they
 * exist; concurrent first uses are safe (unique live code, ON CONFLICT DO NOTHING).
 */
export async function ensureDefaultFields(
  db: Kysely<DB>,
  accountId: number,
  entityTypes: readonly EntityType[] = ['contacts', 'companies'],
): Promise<void> {
  for (const entityType of entityTypes) {
    // Deals (and anything else) have no predefined fields: nothing to read.
    if (entityType !== 'contacts' && entityType !== 'companies') continue;
    const existing = new Set(await liveCodes(db, accountId, entityType));
    const missing = PREDEFINED[entityType].filter((p) => !existing.has(p.code));
    if (missing.length > 0) await createPredefined(db, accountId, entityType, missing);
  }
}

async function createPredefined(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  fields: Predefined[],
) {
  const account = await findAccount(db, accountId);
  const now = nowSeconds();
  for (const p of fields) {
    const id = await insertField(db, {
      account_id: accountId,
      entity_type: entityType,
      name: account?.locale === 'en' ? p.en : p.ru,
      code: p.code,
      type: p.type,
      sort: p.sort,
      is_predefined: 1,
      is_deletable: 0,
      created_at: now,
      updated_at: now,
    });
    if (id === null || !p.enums) continue;
    await insertEnums(
      db,
      p.enums.map((value, i) => ({
        account_id: accountId,
        field_id: id,
        value,
        code: value,
        sort: (i + 1) * 2,
      })),
    );
  }
}
