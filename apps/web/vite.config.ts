import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

const backend = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Workspace packages export a `source` condition pointing at their TypeScript sources.
    conditions: ['source', ...defaultClientConditions],
  },
  server: {
    proxy: {
      '/api': backend,
      '/health': backend,
      '/metrics': backend,
    },
  },
  // Chunks find each other relative to their own URL (preloads included), so the assets can be
  // served from a CDN (ASSET_BASE_URL): only index.html names them from the site's root, and the
  // server rewrites those names at start-up.
  experimental: {
    renderBuiltUrl: (filename, { hostType }) =>
      hostType === 'html' ? `/${filename}` : { relative: true },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    rolldownOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
            },
            {
              // The libraries every page loads first in one chunk, not in a dozen small ones
              // (each compressed on its own): a smaller first load. Lazily used ones stay apart.
              name: 'vendor',
              test: /node_modules/,
              tags: ['$initial'],
            },
          ],
        },
      },
    },
  },
});
