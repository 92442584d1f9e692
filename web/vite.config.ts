// @vitejs/plugin-react is hoisted next to the root's newer Vite and typed against it; `vitest/config`
// re-exports that same Vite's defineConfig, so the plugin's types line up with the config's.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import type { HtmlTagDescriptor, Plugin } from 'vite';

// In development the API runs on :3000 (npm start) and the dev server forwards to it. The Host header is
// passed through unchanged: the server refuses cookie-less writes whose Origin differs from its own.
const apiTarget = process.env.VORONKA_API_URL ?? 'http://localhost:3000';
const proxy = { target: apiTarget, changeOrigin: false };

const vendorChunks: [string, RegExp][] = [
  // Import-free modules that send the first requests (app/early-requests.ts): evaluated first.
  [
    'boot',
    /src\/(app\/(start-early-requests|early-requests|session-hint)|features\/deals\/deals-location)\.ts$/,
  ],
  ['mantine', /node_modules\/@mantine\//],
  ['react', /node_modules\/(react|react-dom|react-router|scheduler)\//],
  ['data', /node_modules\/(@tanstack|i18next|react-i18next)\//],
];

/**
 * Links the chunk of the page the app opens on (the board), its imports and its CSS from
 * index.html, so the browser fetches and compiles them alongside the entry instead of only when
 * the router asks for the page. The other pages load when first visited.
 */
function preloadLandingPage(pageModule: string): Plugin {
  return {
    name: 'voronka:preload-landing-page',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const page = chunks.find((c) => c.facadeModuleId?.endsWith(pageModule));
        if (!page) throw new Error(`preloadLandingPage: no chunk for ${pageModule}`);
        const files = new Set<string>();
        const css = new Set<string>();
        const visit = (fileName: string) => {
          const chunk = chunks.find((c) => c.fileName === fileName);
          if (!chunk || files.has(fileName)) return;
          files.add(fileName);
          for (const file of chunk.viteMetadata?.importedCss ?? []) css.add(file);
          chunk.imports.forEach(visit);
        };
        visit(page.fileName);
        const linked = (file: string) => html.includes(`/${file}"`);
        // The boot chunk (early-requests.ts) also as an async module script of its own: the entry
        // evaluates only once its whole graph is fetched and compiled (and, being deferred, after
        // the stylesheets), while an async script runs as soon as its own import-free file is
        // here. Same URL, same module instance: the entry's import of it finds it evaluated.
        const boot = chunks.find((c) => c.name === 'boot');
        if (!boot) throw new Error('preloadLandingPage: no boot chunk');
        const bootScript: HtmlTagDescriptor = {
          tag: 'script',
          attrs: { type: 'module', async: true, crossorigin: true, src: `/${boot.fileName}` },
          injectTo: 'head-prepend',
        };
        const tags: HtmlTagDescriptor[] = [
          ...[...files].filter((f) => !linked(f)).map((f) => ({ rel: 'modulepreload', href: `/${f}` })),
          ...[...css].filter((f) => !linked(f)).map((f) => ({ rel: 'preload', as: 'style', href: `/${f}` })),
        ].map((attrs) => ({ tag: 'link', attrs: { ...attrs, crossorigin: true }, injectTo: 'head' }));
        return [bootScript, ...tags];
      },
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), preloadLandingPage('/src/features/deals/DealsPage.tsx')],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        // (The first entry is not a library but must not share a chunk with one, see there.)
        manualChunks: (id: string) => vendorChunks.find(([, pattern]) => pattern.test(id))?.[0],
      },
    },
  },
  server: {
    proxy: {
      '/api': proxy,
      '/oauth2': proxy,
    },
  },
});
