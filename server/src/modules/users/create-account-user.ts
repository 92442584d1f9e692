import type { User } from '../../db/types.ts';
import { badRequest } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { checkUserRefs } from './check-user-refs.ts';
import { createUser } from './create-user.ts';

export type AccountUserInput = {
  name: string;
  email: string;
  password: string;
  lang: 'ru' | 'en';
  is_admin: boolean;
  role_id?: number | null | undefined;
  group_id?: number | null | undefined;
};

/** An administrator adds a colleague, who can sign in at once with the password given. */
export async function createAccountUser(ctx: Ctx, input: AccountUserInput): Promise<User> {
  const errors = await checkUserRefs(ctx, input);
  if (errors.length > 0) throw badRequest(errors);
  return createUser(ctx.db, ctx.accountId, {
    name: input.name,
    email: input.email,
    password: input.password,
    lang: input.lang,
    isAdmin: input.is_admin,
    roleId: input.role_id ?? null,
    groupId: input.group_id ?? null,
  });
}
