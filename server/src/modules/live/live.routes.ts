import type { LiveChange } from '@voronka/common';
import type { FastifyPluginAsync } from 'fastify';
import { requireAuth } from '../../http/auth.ts';
import { LiveHub } from './live-hub.ts';

const HEARTBEAT_MS = 15_000;
const BACKLOG_LIMIT = 200;

const frame = (change: LiveChange) => `id: ${change.id}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`;

/**
 * GET /api/app/stream: server-sent events of the signed-in user's account, one `change` per
 * committed domain event. A reconnecting browser sends Last-Event-ID and gets what it missed
 * (or `reset` when that is too much, meaning "reload what you show").
 */
export const liveRoutes: FastifyPluginAsync = async (app) => {
  const hub = new LiveHub(app.deps.database.db, {
    onError: (error) => app.log.error({ err: error }, 'live stream poll failed'),
  });
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of open) end();
    hub.stop();
  });

  app.get('/api/app/stream', { schema: { tags: ['App: live'] } }, async (request, reply) => {
    const auth = requireAuth(request);
    const accountId = auth.account.id;
    const lastId = Number(request.headers['last-event-id']);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // Proxies such as nginx must not buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    raw.write('retry: 2000\n\n');
    const pending: LiveChange[] = [];
    let replaying = Number.isSafeInteger(lastId) && lastId > 0;
    const unsubscribe = await hub.subscribe({
      accountId,
      send: (change) => (replaying ? pending.push(change) : raw.write(frame(change))),
    });
    const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(end);
      raw.end();
    };
    open.add(end);
    raw.on('close', end);
    if (replaying) {
      try {
        const missed = await hub.backlog(accountId, lastId, hub.position ?? lastId, BACKLOG_LIMIT);
        if (missed === null) raw.write('event: reset\ndata: {}\n\n');
        else for (const change of missed) raw.write(frame(change));
        const sent = new Set(missed?.map((c) => c.id));
        for (const change of pending) if (!sent.has(change.id)) raw.write(frame(change));
      } finally {
        replaying = false;
      }
    }
  });
};
