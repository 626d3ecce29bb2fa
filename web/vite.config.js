// Vite settings for the dashboard. The C++ server serves dist/ at `/`, so the default base `/`
// is right. `npm run dev` forwards the API (HTTP and the WebSocket) to a local `sigtrader serve`;
// SIGTRADER_URL picks another one.
import { defineConfig } from 'vite';

const api_target = process.env.SIGTRADER_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // lightweight-charts is most of the bundle; one chunk is fine for a dashboard.
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: {
      '/api/v1/stream': { target: api_target, ws: true },
      '/api': { target: api_target },
    },
  },
});
