// Built files go to web/dist (or JAMLIK_WEB_OUT_DIR when the CMake build asks for another folder);
// `jamlik serve` serves them. During development `npm run dev` proxies /api to a running server.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: process.env.JAMLIK_WEB_OUT_DIR || 'dist',
    emptyOutDir: true,
    // No source maps in what the server serves: they would hand out the full source.
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/api': process.env.JAMLIK_API || 'http://127.0.0.1:8080',
      '/healthz': process.env.JAMLIK_API || 'http://127.0.0.1:8080',
    },
  },
});
