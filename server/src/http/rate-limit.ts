import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sha256 } from '../lib/crypto.ts';
import { ProblemError } from './problem.ts';

/** One bucket per API token (its hash, never the token itself), else per client IP. */
const keyOf = (request: FastifyRequest): string => {
  const auth = request.headers.authorization;
  return auth ? `t:${sha256(auth).slice(0, 32)}` : `ip:${request.ip}`;
};

/**
 * A generous per-client limit on /api/v4 (amoCRM allows 7 requests a second; Voronka's default
 * is 6,000 a minute), answered with 429 problem+json and Retry-After. `perMinute` 0 turns it off.
 * Counters live in process memory: with several nodes each node counts its own requests.
 */
export async function registerApiRateLimit(app: FastifyInstance, perMinute: number): Promise<void> {
  if (perMinute <= 0) return;
  await app.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: keyOf,
    allowList: (request) => !request.url.startsWith('/api/v4/'),
    errorResponseBuilder: (_request, context) =>
      new ProblemError(
        429,
        'Too Many Requests',
        `Rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}`,
      ),
  });
}
