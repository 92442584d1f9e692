import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendProblem } from '../../http/error-handler.ts';

/** Liveness (the process answers) and readiness (the database answers too). */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['Health'];
  app.get(
    '/healthz',
    { schema: { tags, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async () => ({
      ok: true as const,
    }),
  );
  app.get('/readyz', { schema: { tags } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(app.deps.database.db);
      return { ok: true, database: app.deps.database.dialect };
    } catch {
      return sendProblem(reply, 503, 'Database is not reachable');
    }
  });
};
