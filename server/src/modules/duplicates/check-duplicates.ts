import type { Ctx } from '../context.ts';
import { findCompanyDuplicates, findContactDuplicates, type Duplicate } from '../inbox/find-duplicates.ts';
import { readDuplicateSettings } from './duplicate-settings.ts';
import type { PartyType } from './merge-snapshot.ts';

export type RecordKeys = {
  name?: string | undefined;
  phones: string[];
  emails: string[];
  taxIds: string[];
  excludeId?: number | undefined;
};

/**
 * The live records a contact or company about to be created (or edited) would duplicate, and
 * the account's setting for manual creation: contacts by phone or e-mail, companies by name
 * (case-folded) or tax id, then by phone or e-mail as well.
 */
export async function checkDuplicates(
  ctx: Ctx,
  type: PartyType,
  keys: RecordKeys,
): Promise<{ mode: 'off' | 'warn' | 'merge'; items: Duplicate[] }> {
  const { manual } = await readDuplicateSettings(ctx.db, ctx.accountId);
  if (manual === 'off') return { mode: manual, items: [] };
  let items: Duplicate[];
  if (type === 'contacts') {
    items = await findContactDuplicates(ctx.db, ctx.accountId, ctx.account.country, keys.phones, keys.emails);
  } else {
    items = await findCompanyDuplicates(ctx.db, ctx.accountId, keys.name ?? '', keys.taxIds);
  }
  return { mode: manual, items: items.filter((d) => d.id !== keys.excludeId) };
}
