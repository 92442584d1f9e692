import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { SessionPayload } from '@voronka/common';
import { sessionPayloadSchema } from '@voronka/common';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { createApiToken } from '../modules/api-tokens/create-api-token.ts';
import { createAccount } from '../modules/accounts/create-account.ts';
import { createUser, type CreateUserInput } from '../modules/users/create-user.ts';

export type Browser = { cookie: string; csrf: string; session: SessionPayload };

let seq = 0;
const unique = () => `${process.pid}-${Date.now()}-${++seq}`;

export function sessionCookie(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'voronka_session');
  if (!cookie) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return `voronka_session=${cookie.value}`;
}

/** Runs first-run setup through the HTTP API and returns the signed-in admin's cookie. */
export async function setupAdmin(
  app: FastifyInstance,
  overrides: Partial<{
    accountName: string;
    name: string;
    email: string;
    password: string;
    locale: 'ru' | 'en';
  }> = {},
): Promise<Browser & { email: string; password: string }> {
  const body = {
    accountName: 'Мебельный салон',
    name: 'Анна Админова',
    email: `admin-${unique()}@example.com`,
    password: 'correct horse battery',
    locale: 'ru' as const,
    ...overrides,
  };
  const res = await app.inject({ method: 'POST', url: '/api/app/setup', payload: body });
  if (res.statusCode !== 200) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
  const session = sessionPayloadSchema.parse(res.json());
  return {
    cookie: sessionCookie(res),
    csrf: session.csrfToken,
    session,
    email: body.email,
    password: body.password,
  };
}

/** A user in an account, made directly through the command (no HTTP). */
export function buildUser(db: Kysely<DB>, accountId: number, overrides: Partial<CreateUserInput> = {}) {
  return createUser(db, accountId, {
    name: 'Пётр Менеджеров',
    email: `user-${unique()}@example.com`,
    password: 'manager password',
    lang: 'ru',
    isAdmin: false,
    ...overrides,
  });
}

/** A second tenant with its own admin and a long-lived token, for isolation tests. */
export async function buildAccountWithToken(db: Kysely<DB>, secret: string, name = 'Other account') {
  const account = await createAccount(db, { name, locale: 'en' });
  const user = await buildUser(db, account.id, { isAdmin: true });
  const { token } = await createApiToken(db, secret, {
    accountId: account.id,
    userId: user.id,
    name: 't',
    days: 30,
  });
  return { account, user, token };
}
