// Builds main (with the preview host), preload, renderer, the reference server and its visitor page with Vite, one config each.
import { build } from 'vite';

for (const configFile of [
  'vite.main.config.ts',
  'vite.preload.config.ts',
  'vite.renderer.config.ts',
  'vite.server.config.ts',
  'server/visitor/vite.config.ts',
]) {
  await build({ configFile, logLevel: 'warn' });
}
