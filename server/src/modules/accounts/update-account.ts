import type { AccountPatchInput } from '@voronka/common';
import type { Account } from '../../db/types.ts';
import type { FieldError } from '../../http/problem.ts';
import { badRequest } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { updateAccountRow } from './accounts.repo.ts';

const currencies = new Set(Intl.supportedValuesOf('currency'));
/** Whether `zone` is an IANA time zone this server knows (e.g. Europe/Kyiv, or its old name Europe/Kiev). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * An administrator changes the account's name, currency (ISO 4217, shown on the board's sums),
 * time zone (IANA, for due dates and reports) or language (of new built-in names and texts).
 */
export async function updateAccount(
  ctx: Ctx,
  input: { name?: string; currency?: string; timezone?: string; locale?: AccountPatchInput['locale'] },
): Promise<Account> {
  const errors: FieldError[] = [];
  if (input.currency !== undefined && !currencies.has(input.currency)) {
    errors.push({ code: 'InvalidValue', path: 'currency', detail: `Unknown currency ${input.currency}` });
  }
  if (input.timezone !== undefined && !isKnownTimeZone(input.timezone)) {
    errors.push({ code: 'InvalidValue', path: 'timezone', detail: `Unknown time zone ${input.timezone}` });
  }
  if (errors.length > 0) throw badRequest(errors);
  return updateAccountRow(ctx.db, ctx.accountId, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.currency !== undefined ? { currency: input.currency } : {}),
    ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
    ...(input.locale !== undefined ? { locale: input.locale } : {}),
  });
}
