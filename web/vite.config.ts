import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './scripts/precompress.ts';
import { routePreload } from './scripts/route-preload.ts';
import { splitDocuments } from './scripts/split-documents.ts';

/** Libraries in chunks of their own: they change less often than the app, so a new build keeps them cached. */
const vendorChunks = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
  { name: 'graphql', test: /node_modules[\\/](graphql|graphql-ws|urql|@urql[\\/]core|wonka|@0no-co[\\/]graphql\.web)[\\/]/ },
  // Only the wall imports ECharts; its chunk is loaded with the wall's and by no other page.
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
];

/**
 * The web app. `vite` serves it for development with /graphql and /auth proxied to a running
 * gateway (HUB_GATEWAY, default the `pnpm start` one); the gateway serves the built dist itself,
 * brotli- or gzip-compressed from the copies the build writes beside each file.
 */
export default defineConfig({
  plugins: [
    splitDocuments(),
    react(),
    routePreload([{ path: /^\/(wall\/[^/]+\/?)?$/, module: 'src/dashboard/DashboardPage.tsx' }]),
    precompress(),
  ],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: { output: { codeSplitting: { groups: vendorChunks } } },
  },
  server: {
    proxy: {
      '/graphql': { target: process.env.HUB_GATEWAY ?? 'http://127.0.0.1:4000', ws: true },
      '/auth': { target: process.env.HUB_GATEWAY ?? 'http://127.0.0.1:4000' },
    },
  },
});
