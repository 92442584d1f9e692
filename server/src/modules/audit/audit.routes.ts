import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Language } from '@voronka/common';
import { requireAdmin } from '../../http/auth.ts';
import { appLanguage } from '../../http/language.ts';
import { isMessageKey, translate } from '../../http/messages.ts';
import { ctxOf } from '../context.ts';
import { listAudit, type AuditFilter } from './audit.repo.ts';

const ids = z
  .union([z.array(z.coerce.number().int().min(0)).max(100), z.coerce.number().int().min(0)])
  .transform((v) => (Array.isArray(v) ? v : [v]));
const names = z
  .union([z.array(z.string().max(50)).max(50), z.string().max(500)])
  .transform((v) => (Array.isArray(v) ? v : v.split(',').filter(Boolean)));
const time = z.coerce.number().int().min(0).max(99_999_999_999);

const filterQuery = z.object({
  user_id: ids.optional(),
  entity_type: names.optional(),
  type: names.optional(),
  from: time.optional(),
  to: time.optional(),
  denied: z.enum(['1', 'true', '0', 'false']).optional(),
});
type FilterQuery = z.infer<typeof filterQuery>;

const toFilter = (q: FilterQuery): AuditFilter => ({
  userIds: q.user_id,
  entityTypes: q.entity_type,
  types: q.type,
  from: q.from,
  to: q.to,
  deniedOnly: q.denied === '1' || q.denied === 'true',
});

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return [];
  }
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * A refusal's `detail` in the reader's language, from the catalogue key stored beside the English
 * sentence (entries written before the key was stored keep their English).
 */
function localiseDenied(after: unknown, lang: Language): unknown {
  if (!Array.isArray(after)) return after;
  return after.map((entry: unknown) => {
    if (!isRecord(entry) || !isMessageKey(entry.detail_key)) return entry;
    const params = isRecord(entry.detail_params) ? entry.detail_params : {};
    const clean = Object.fromEntries(
      Object.entries(params).filter((p): p is [string, string | number] =>
        ['string', 'number'].includes(typeof p[1]),
      ),
    );
    return { ...entry, detail: translate({ key: entry.detail_key, params: clean }, lang) };
  });
}

type Row = Awaited<ReturnType<typeof listAudit>>[number];
const present = (r: Row, lang: Language) => ({
  id: r.id,
  type: r.type,
  entity_type: r.entity_type,
  entity_id: r.entity_id,
  created_by: r.created_by,
  user_name: r.created_by === 0 ? null : r.user_name,
  created_at: r.created_at,
  before: parse(r.value_before),
  after: r.type === 'access.denied' ? localiseDenied(parse(r.value_after), lang) : parse(r.value_after),
});

/** A CSV cell: quoted, quotes doubled; a leading = + - @ is defused for spreadsheets. */
const cell = (v: unknown) => {
  const text = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
};

/** Settings → Audit log: every change and every refused action, from the events (administrators). */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['App: audit'];

  app.get(
    '/api/app/audit',
    {
      schema: {
        tags,
        querystring: filterQuery.extend({
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) => {
      requireAdmin(request);
      const ctx = ctxOf(app, request);
      const { before, limit } = request.query;
      const rows = await listAudit(ctx.db, ctx.accountId, toFilter(request.query), {
        before,
        limit: limit + 1,
      });
      const lang = appLanguage(request) ?? 'en';
      const items = rows.slice(0, limit).map((r) => present(r, lang));
      return { items, next_before: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },
  );

  app.get('/api/app/audit.csv', { schema: { tags, querystring: filterQuery } }, async (request, reply) => {
    requireAdmin(request);
    const ctx = ctxOf(app, request);
    const filter = toFilter(request.query);
    const lang = appLanguage(request) ?? 'en';
    const lines = ['id,created_at,user_id,user,type,entity_type,entity_id,before,after'];
    let before: number | undefined;
    // At most 100 000 rows, read 1 000 at a time.
    for (let pages = 0; pages < 100; pages++) {
      const rows = await listAudit(ctx.db, ctx.accountId, filter, { before, limit: 1000 });
      for (const r of rows.map((row) => present(row, lang)))
        lines.push(
          [
            r.id,
            new Date(r.created_at * 1000).toISOString(),
            r.created_by,
            r.user_name ?? (r.created_by === 0 ? 'robot' : ''),
            r.type,
            r.entity_type,
            r.entity_id,
            r.before,
            r.after,
          ]
            .map(cell)
            .join(','),
        );
      if (rows.length < 1000) break;
      before = rows.at(-1)?.id;
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit.csv"')
      .send(`\uFEFF${lines.join('\r\n')}\r\n`);
  });
};
