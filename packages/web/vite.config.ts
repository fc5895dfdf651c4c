import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * src/boot.ts as an entry of its own, loaded first by index.html: it starts the session and page requests
 * (src/api/early-requests.ts). In index.html beside main.tsx it would be bundled into the application's
 * entry and run only after React and Ant Design are evaluated, which is what it is there to overtake.
 */
function bootFirst(): Plugin {
  return {
    name: 'xiaoneng-boot-first',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const boot =
          ctx.bundle === undefined
            ? undefined
            : Object.values(ctx.bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'boot');
        if (ctx.bundle !== undefined && boot === undefined) throw new Error('the build has no boot entry');
        return [
          {
            tag: 'script',
            attrs: {
              type: 'module',
              crossorigin: true,
              src: boot === undefined ? '/src/boot.ts' : `/${boot.fileName}`,
            },
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}

// Served by the server from dist/ (packages/server/src/http/web-assets.ts); `npm run dev -w @xiaoneng/web`
// proxies /api to a server started with `npm start`.
export default defineConfig({
  plugins: [react(), bootFirst()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd and echarts are large by nature; they are split into their own chunks and echarts loads only
    // with the pages that chart.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        boot: fileURLToPath(new URL('src/boot.ts', import.meta.url)),
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
