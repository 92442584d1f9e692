import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { safeEqual } from '../../../lib/crypto.ts';

/** A tracking token: which run's email, for which deal; signed, so it cannot be forged. */
const payload = z.object({
  a: z.number().int(),
  d: z.number().int(),
  r: z.number().int(),
  k: z.string().optional(),
});
export type TrackingPayload = z.infer<typeof payload>;

const sign = (secret: string, purpose: string, body: string) =>
  createHmac('sha256', secret).update(`${purpose}.${body}`).digest('base64url').slice(0, 32);

export function makeToken(secret: string, purpose: string, p: TrackingPayload): string {
  const body = Buffer.from(JSON.stringify(p)).toString('base64url');
  return `${body}.${sign(secret, purpose, body)}`;
}

export function readToken(secret: string, purpose: string, token: string): TrackingPayload | null {
  const [body, mac] = token.split('.');
  if (!body || !mac || !safeEqual(mac, sign(secret, purpose, body))) return null;
  try {
    const parsed = payload.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString()));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The public base URL for links in emails and questionnaires. */
export const publicBase = (publicUrl: string | undefined) =>
  (publicUrl ?? 'http://localhost:3000').replace(/\/$/, '');
