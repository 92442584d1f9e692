import type { Kysely } from 'kysely';
import { z } from 'zod';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';
import type { Ctx } from '../context.ts';

export const duplicateModeSchema = z.enum(['off', 'warn', 'merge']);

export const duplicateSettingsSchema = z.object({
  /** Leads arriving by themselves (forms, calls, the unsorted API, mail, messengers). */
  arrivals: duplicateModeSchema,
  /** Contacts and companies created by hand (the web app, POST /api/v4/contacts|companies). */
  manual: duplicateModeSchema,
  /** An arrival from a known contact with an open deal goes to that deal instead of a new one. */
  merge_open_deal: z.boolean(),
});
export type DuplicateSettings = z.infer<typeof duplicateSettingsSchema>;

/** Until an administrator changes them: arrivals link the known contact, manual creation warns. */
export const defaultDuplicateSettings: DuplicateSettings = {
  arrivals: 'merge',
  manual: 'warn',
  merge_open_deal: false,
};

export async function readDuplicateSettings(db: Kysely<DB>, accountId: number): Promise<DuplicateSettings> {
  const row = await db
    .selectFrom('duplicate_settings')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!row) return defaultDuplicateSettings;
  return { arrivals: row.arrivals, manual: row.manual, merge_open_deal: row.merge_open_deal === 1 };
}

/** Saves the account's duplicate control settings (one row per account, upserted). */
export async function saveDuplicateSettings(ctx: Ctx, input: DuplicateSettings): Promise<DuplicateSettings> {
  const row = {
    arrivals: input.arrivals,
    manual: input.manual,
    merge_open_deal: input.merge_open_deal ? 1 : 0,
    updated_at: nowSeconds(),
  };
  await ctx.db
    .insertInto('duplicate_settings')
    .values({ account_id: ctx.accountId, ...row })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(row))
    .execute();
  return readDuplicateSettings(ctx.db, ctx.accountId);
}
