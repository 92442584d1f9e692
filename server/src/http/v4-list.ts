import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { absoluteUrl, hal } from './hal.ts';

/** amoCRM paging: `page` from 1, `limit` up to 250 (default 50). */
export const pagingSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(250).default(50),
});
export type Paging = z.infer<typeof pagingSchema>;

/** Offset for a page; repos fetch `limit + 1` rows to know whether a next page exists. */
export const pageOffset = (p: Paging) => (p.page - 1) * p.limit;

function pageUrl(request: FastifyRequest, page: number): string {
  const url = new URL(request.url, 'http://x');
  url.searchParams.set('page', String(page));
  return absoluteUrl(request, `${url.pathname}${url.search}`);
}

/**
 * Sends an amoCRM list: `{ _page, _links: { self, next?, prev? }, _embedded: { [key]: items } }`,
 * or 204 with no body when the page is empty, as amoCRM does. `rows` may hold one extra row
 * (fetched as limit + 1) that only signals a next page.
 */
export function sendList<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  rows: T[],
  paging: Paging,
): FastifyReply {
  if (rows.length === 0) return reply.code(204).send();
  const hasNext = rows.length > paging.limit;
  const items = hasNext ? rows.slice(0, paging.limit) : rows;
  const links: Record<string, { href: string }> = { self: { href: pageUrl(request, paging.page) } };
  if (hasNext) links.next = { href: pageUrl(request, paging.page + 1) };
  if (paging.page > 1) links.prev = { href: pageUrl(request, paging.page - 1) };
  return hal(reply).send({ _page: paging.page, _links: links, _embedded: { [key]: items } });
}

/** The answer to a batch POST/PATCH: each item's id and `request_id` echoed back. */
export function sendBatch(
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  basePath: string,
  results: Array<{ id: number; request_id: string } & Record<string, unknown>>,
): FastifyReply {
  return hal(reply).send({
    _links: { self: { href: absoluteUrl(request, request.url.split('?')[0] ?? request.url) } },
    _embedded: {
      [key]: results.map((r) => ({
        ...r,
        _links: { self: { href: absoluteUrl(request, `${basePath}/${r.id}`) } },
      })),
    },
  });
}

/** A batch body: 1..250 items (amoCRM's limit), each with an optional client `request_id`. */
export const batchOf = <T extends z.ZodType>(item: T, max = 250) => z.array(item).min(1).max(max);

/** `request_id` as sent, else the item's index, as amoCRM echoes it. */
export const requestIdOf = (item: { request_id?: string | undefined }, index: number) =>
  item.request_id ?? String(index);
