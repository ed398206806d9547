import { defineConfig } from 'vite';

// The benchmarks run on Node against the built kiosk and server; packages stay external.
export default defineConfig({
  build: {
    ssr: true,
    target: 'node22',
    outDir: 'out/bench',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rollupOptions: {
      input: { run: 'bench/run.ts' },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
