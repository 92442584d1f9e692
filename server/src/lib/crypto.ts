import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** A random URL-safe token with `bytes` of entropy. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Tokens are stored only as their SHA-256: a leaked table does not leak usable credentials. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');

const jwtPayloadSchema = z.object({
  jti: z.string(),
  iat: z.number(),
  exp: z.number(),
  sub: z.string(),
  account_id: z.number(),
  client_uuid: z.string().optional(),
  kind: z.enum(['oauth', 'long_lived']),
});
export type JwtPayload = z.infer<typeof jwtPayloadSchema>;

/** HS256 JWT, the format amoCRM access tokens have (some clients decode `exp`). */
export function signJwt(payload: JwtPayload, secret: string): string {
  const head = b64(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
  const body = b64(JSON.stringify(payload));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** Returns the payload of a well-signed, unexpired token, else null. */
export function verifyJwt(token: string, secret: string, nowSeconds: number): JwtPayload | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [head, body, sig] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  if (!safeEqual(sig, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = jwtPayloadSchema.safeParse(json);
  if (!parsed.success || parsed.data.exp <= nowSeconds) return null;
  return parsed.data;
}
