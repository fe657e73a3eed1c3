import { defineConfig } from 'vite';

// The client is built into dist/client and served by the workspace server; `npm run dev` runs
// Vite with these proxies so that API, socket.io and collab traffic reach the server on :3000.
const target = `http://localhost:${process.env.PORT ?? 3000}`;

export default defineConfig({
  root: 'client',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // No source maps in what the server serves: they would hand anyone the whole client source.
    // `npm run dev` serves the sources themselves for debugging.
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target, changeOrigin: false },
      '/socket.io': { target, ws: true, changeOrigin: false },
      '/collab': { target, ws: true, changeOrigin: false },
    },
  },
});
