import { automationSettingsSchema, type AutomationSettings } from '@voronka/common';
import type { Kysely } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';

/** The account's automation settings, with defaults for what was never set. */
export async function readAutomationSettings(db: Kysely<DB>, accountId: number): Promise<AutomationSettings> {
  const row = await db
    .selectFrom('automation_settings')
    .select('settings_json')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  const parsed = automationSettingsSchema.safeParse(row ? JSON.parse(row.settings_json) : {});
  return parsed.success ? parsed.data : automationSettingsSchema.parse({});
}

export async function writeAutomationSettings(
  db: Kysely<DB>,
  accountId: number,
  settings: AutomationSettings,
): Promise<void> {
  const now = nowSeconds();
  const json = JSON.stringify(settings);
  await db
    .insertInto('automation_settings')
    .values({ account_id: accountId, settings_json: json, updated_at: now })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ settings_json: json, updated_at: now }))
    .execute();
}
