import type { UserConfig } from 'vite';

/**
 * The build of an entry point that runs on Node (or Electron's Node): main and the preview host,
 * the reference server, the benchmarks. Packages stay external and load from node_modules.
 */
export function nodeBuild(outDir: string, input: Record<string, string>): UserConfig {
  return {
    build: {
      ssr: true,
      target: 'node22',
      outDir,
      emptyOutDir: true,
      sourcemap: true,
      minify: false,
      rollupOptions: {
        input,
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  };
}
