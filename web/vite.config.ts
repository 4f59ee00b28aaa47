import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app. `vite` serves it for development with /graphql and /auth proxied to a running
 * gateway (HUB_GATEWAY, default the `pnpm start` one); the gateway serves the built dist itself.
 */
export default defineConfig({
  plugins: [react()],
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/graphql': { target: process.env.HUB_GATEWAY ?? 'http://127.0.0.1:4000', ws: true },
      '/auth': { target: process.env.HUB_GATEWAY ?? 'http://127.0.0.1:4000' },
    },
  },
});
