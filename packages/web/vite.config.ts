import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the server from dist/ (packages/server/src/http/web-assets.ts); `npm run dev -w @xiaoneng/web`
// proxies /api to a server started with `npm start`.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd and echarts are large by nature; they are split into their own chunks and echarts loads only
    // with the pages that chart.
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
