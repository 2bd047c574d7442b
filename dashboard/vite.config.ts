import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

/** Where `npm run dev` forwards API and WebSocket calls (the NestJS API's default port). */
const API_TARGET = process.env.PIYASA_API_URL ?? 'http://127.0.0.1:8000';

/**
 * Every top-level path the API owns (prefix match, so '/docs' covers '/docs-json'). The dashboard
 * uses hash routing (`/#/bots`), so its routes never collide with these API paths.
 */
const API_PATHS = [
  '/api',
  '/auth',
  '/users',
  '/bots',
  '/chats',
  '/settings',
  '/control',
  '/logs',
  '/wizard',
  '/import',
  '/export',
  '/demo-bots',
  '/system',
  '/queue',
  '/healthz',
  '/docs',
];

export default defineConfig({
  base: '/',
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      ...Object.fromEntries(
        API_PATHS.map((path) => [path, { target: API_TARGET, changeOrigin: false }]),
      ),
      '/ws': { target: API_TARGET, ws: true, changeOrigin: false },
    },
  },
  test: {
    // Logic tests run in plain Node (fast); component tests opt into happy-dom per file.
    environment: 'node',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
    // The CI box is shared and slow; component tests mount real naive-ui trees.
    testTimeout: 30000,
  },
});
