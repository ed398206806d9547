import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The visitor page, served by the reference server under /visitor/ (and at / and /visit/<code>).
// Built after the server, into a folder of the server's output.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/visitor/',
  build: {
    outDir: fileURLToPath(new URL('../../out/server/visitor', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
  },
});
