import { defineConfig } from 'vite';

/** Where `motorcade dev` runs: the gateway (APIs and the realtime WebSocket) and the edge (metrics). */
const gateway = process.env.MOTORCADE_GATEWAY ?? 'http://127.0.0.1:3000';
const edge = process.env.MOTORCADE_EDGE ?? 'http://127.0.0.1:4566';
const apis = ['users', 'clients', 'devices', 'vehicles', 'tracking', 'items', 'allocation'];

// `npm run build -w web` writes web/dist, which `motorcade dev` serves at the gateway's root.
// `npm run dev -w web` serves the sources with hot reload and forwards the APIs to the gateway.
export default defineConfig({
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      ...Object.fromEntries(apis.map((api) => [`/${api}`, { target: gateway, changeOrigin: false }])),
      '/_motorcade': { target: edge },
      '/realtime': { target: gateway.replace(/^http/, 'ws'), ws: true },
    },
  },
});
