import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './error-handler.ts';

/**
 * Paths that never fall back to the web app's index.html. A missing asset (a page of an older
 * release asking for its chunk) is a 404 too: HTML in place of a script only fails later.
 */
const NO_FALLBACK = ['/api/', '/oauth2/', '/public/', '/healthz', '/readyz', '/q/', '/assets/'];

/** Vite's output: every file under assets/ carries a content hash in its name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and the unhashed files (favicon): revalidated by ETag on every load. */
export const REVALIDATE = 'no-cache';

/**
 * Serves the built web app from `webDist` when there is one: hashed assets cached for a year, so a
 * returning browser asks only for index.html, which names the current release's assets; any other
 * GET outside the API falls back to index.html for the client-side router.
 */
export async function registerWebApp(app: FastifyInstance, webDist: string): Promise<void> {
  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  const assetsDir = path.join(webDist, 'assets') + path.sep;
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      // The default is "public, max-age=0"; each file gets its own below.
      cacheControl: false,
      setHeaders: (res, filePath) => {
        res.setHeader('Cache-Control', filePath.startsWith(assetsDir) ? IMMUTABLE : REVALIDATE);
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const noFallback = NO_FALLBACK.some((p) => request.url.startsWith(p));
    if (!noFallback && hasWeb && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendProblem(reply, 404, `No route ${request.method} ${request.url.split('?')[0]}`);
  });
}
