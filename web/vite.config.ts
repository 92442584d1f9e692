// @vitejs/plugin-react is hoisted next to the root's newer Vite and typed against it; `vitest/config`
// re-exports that same Vite's defineConfig, so the plugin's types line up with the config's.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// In development the API runs on :3000 (npm start) and the dev server forwards to it. The Host header is
// passed through unchanged: the server refuses cookie-less writes whose Origin differs from its own.
const apiTarget = process.env.VORONKA_API_URL ?? 'http://localhost:3000';
const proxy = { target: apiTarget, changeOrigin: false };

const vendorChunks: [string, RegExp][] = [
  ['mantine', /node_modules\/@mantine\//],
  ['react', /node_modules\/(react|react-dom|react-router|scheduler)\//],
  ['data', /node_modules\/(@tanstack|i18next|react-i18next)\//],
];

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
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
