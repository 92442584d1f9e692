import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Account, User } from '../db/types.ts';
import { nowSeconds } from '../db/schema-helpers.ts';
import { safeEqual, sha256, verifyJwt } from '../lib/crypto.ts';
import { findLiveApiToken, markApiTokenUsed } from '../modules/api-tokens/api-tokens.repo.ts';
import { findSession, touchSession } from '../modules/auth/sessions.repo.ts';
import { findAccount } from '../modules/accounts/accounts.repo.ts';
import { findUser } from '../modules/users/users.repo.ts';
import { forbidden, unauthorized } from './problem.ts';

export const SESSION_COOKIE = 'voronka_session';

export type AuthContext = {
  account: Account;
  user: User;
  via: 'session' | 'api_token' | 'oauth';
  /** Hash of the session token, when signed in through the web app. */
  sessionId?: string;
  csrfToken?: string;
};

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The signed-in user, or a 401 problem. Every protected route starts with this. */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthorized();
  return request.auth;
}

export function requireAdmin(request: FastifyRequest): AuthContext {
  const auth = requireAuth(request);
  if (auth.user.is_admin !== 1) throw forbidden({ key: 'http.admin_only' });
  return auth;
}

async function fromBearer(app: FastifyInstance, token: string): Promise<AuthContext | null> {
  const { db } = app.deps.database;
  const now = nowSeconds();
  const payload = verifyJwt(token, app.deps.config.secretKey, now);
  if (!payload) return null;
  if (payload.kind === 'long_lived') {
    const row = await findLiveApiToken(db, sha256(token), now);
    if (!row) return null;
    // "Last used" is shown in Settings; a minute's precision spares a write per request.
    if (row.last_used_at === null || now - row.last_used_at >= 60) await markApiTokenUsed(db, row.id, now);
  }
  const user = await findUser(db, payload.account_id, Number(payload.sub));
  if (!user || user.is_active !== 1) return null;
  const account = await findAccount(db, payload.account_id);
  if (!account) return null;
  return { account, user, via: payload.kind === 'long_lived' ? 'api_token' : 'oauth' };
}

async function fromSession(app: FastifyInstance, token: string): Promise<AuthContext | null> {
  const { db } = app.deps.database;
  const idHash = sha256(token);
  const found = await findSession(db, idHash);
  const now = nowSeconds();
  if (!found || found.session.expires_at <= now) return null;
  // Sliding expiry, written at most hourly so reads do not turn into writes.
  if (now - found.session.last_seen_at > 3600) {
    await touchSession(db, idHash, now, now + app.deps.config.sessionDays * 86400);
  }
  return {
    account: found.account,
    user: found.user,
    via: 'session',
    sessionId: idHash,
    csrfToken: found.session.csrf_token,
  };
}

/** The origin the browser called, honouring X-Forwarded-* only when trustProxy is on. */
/** Paths served to anyone (hosted web forms and their embed script), never as a signed-in user. */
export const PUBLIC_PREFIX = '/public/';

export const requestOrigin = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;

/**
 * Resolves who is calling (Bearer token or session cookie) and enforces CSRF: a write made with
 * the session cookie must carry the session's X-CSRF-Token header; a cookie-less write from a
 * browser must come from our own origin. The caller is known before the request is validated
 * (so validation errors are worded in their language); refusals still come after validation.
 */
export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('auth', null);
  app.addHook('preValidation', async (request: FastifyRequest) => {
    // Public pages (hosted web forms) act for nobody: no session, no CSRF, posts from any site.
    if (request.url.startsWith(PUBLIC_PREFIX)) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.auth = await fromBearer(app, header.slice(7).trim());
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) request.auth = await fromSession(app, cookie);
  });
  app.addHook('preHandler', async (request: FastifyRequest, _reply: FastifyReply) => {
    if (request.url.startsWith(PUBLIC_PREFIX)) return;
    if (request.headers.authorization?.startsWith('Bearer ')) {
      if (!request.auth) throw unauthorized({ key: 'http.invalid_token' });
      return;
    }
    if (!UNSAFE.has(request.method)) return;
    if (request.auth?.via === 'session') {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !request.auth.csrfToken || !safeEqual(sent, request.auth.csrfToken)) {
        throw forbidden({ key: 'http.csrf' });
      }
      return;
    }
    const origin = request.headers.origin;
    if (origin && origin !== requestOrigin(request) && !request.url.startsWith('/oauth2/')) {
      throw forbidden({ key: 'http.cross_origin' });
    }
  });
}
