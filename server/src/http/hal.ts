import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestOrigin } from './auth.ts';

/** An absolute URL on the host the client called, as amoCRM builds `_links.*.href`. */
export const absoluteUrl = (request: FastifyRequest, pathAndQuery: string): string =>
  `${requestOrigin(request)}${pathAndQuery}`;

export const selfLink = (request: FastifyRequest) => ({ self: { href: absoluteUrl(request, request.url) } });

/** `with=a,b` as a set. */
export const parseWith = (value: string | undefined): Set<string> =>
  new Set(
    (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** Marks a success body as HAL JSON, the content type amoCRM answers with. */
export const hal = (reply: FastifyReply) => reply.type('application/hal+json; charset=utf-8');
