import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/app.ts';

// A built web app as Vite lays it out: index.html naming hashed files under assets/.
const dist = mkdtempSync(path.join(os.tmpdir(), 'voronka-web-'));
const indexHtml = '<!doctype html><script type="module" src="/assets/index-Bx1Q2w3E.js"></script>';

let t: TestApp;
beforeAll(async () => {
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), indexHtml);
  writeFileSync(path.join(dist, 'assets', 'index-Bx1Q2w3E.js'), 'console.log(1);');
  writeFileSync(path.join(dist, 'assets', 'mantine-Cq9Z8y7X.css'), 'body{}');
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  t = await buildTestApp({ WEB_DIST_DIR: dist });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

describe('the built web app', () => {
  it('caches hashed assets for a year as immutable', async () => {
    for (const url of ['/assets/index-Bx1Q2w3E.js', '/assets/mantine-Cq9Z8y7X.css']) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    expect((await get('/assets/index-Bx1Q2w3E.js')).headers['content-type']).toContain('javascript');
  });

  it('has the browser revalidate index.html on every load, at / and at any app address', async () => {
    for (const url of ['/', '/index.html', '/deals?pipeline=3', '/settings/pipelines']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toBe(indexHtml);
    }
    const first = await get('/deals');
    const etag = first.headers.etag;
    expect(etag).toBeDefined();
    const again = await get('/deals', { 'if-none-match': String(etag) });
    expect(again.statusCode).toBe(304);
  });

  it('revalidates unhashed files too', async () => {
    const res = await get('/favicon.svg');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('keeps API paths and missing assets out of the fallback', async () => {
    const api = await get('/api/app/nothing-here');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    // A stale page asking for an asset of an older release gets a 404, not a year of cached HTML.
    const missing = await get('/assets/index-Old0000.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).toBeUndefined();
  });
});
