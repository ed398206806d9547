import { defineConfig } from 'vite';

// Main and the preview host run on Node (or Electron's Node); packages stay external and load from node_modules.
export default defineConfig({
  build: {
    ssr: true,
    target: 'node22',
    outDir: 'out/main',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rollupOptions: {
      input: { index: 'src/main/index.ts', preview: 'src/main/preview/index.ts' },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
