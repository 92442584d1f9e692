import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development the API runs on :3000 (npm start); the dev server forwards to it so cookies stay same-origin.
const apiTarget = process.env.VORONKA_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/oauth2': { target: apiTarget, changeOrigin: true },
    },
  },
});
