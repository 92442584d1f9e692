import type { FastifyInstance } from 'fastify';
import { ensureDefaultPipeline } from './ensure-default-pipeline.ts';

/**
 * Gives the caller's account its main pipeline before any pipeline or deal route runs, so an
 * account created by any means (setup, CLI, import) has one on first use.
 */
export function registerEnsurePipeline(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    if (request.auth) await ensureDefaultPipeline(app.deps.database.db, request.auth.account);
  });
}
