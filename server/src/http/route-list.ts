import type { FastifyInstance } from 'fastify';

/** One registered route: its method and its URL pattern (as written in the route, `:id` params). */
export type RouteEntry = { method: string; url: string };

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route the app registered (HEAD twins of GET left out), in registration order. */
    routeList: RouteEntry[];
  }
}

/**
 * Records every route as it is registered, so tests can walk the whole API surface (the
 * authorization matrix fails when a new route has no entry). Must run before any route plugin.
 */
export function registerRouteList(app: FastifyInstance): void {
  const list: RouteEntry[] = [];
  app.decorate('routeList', list);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      list.push({ method, url: route.url });
    }
  });
}
