import { defineConfig } from 'vite';

// The reference visitation server runs on Node; packages stay external and load from node_modules.
// Built before the visitor page, which lands inside its output folder.
export default defineConfig({
  build: {
    ssr: true,
    target: 'node22',
    outDir: 'out/server',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rollupOptions: {
      input: { index: 'server/index.ts' },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
