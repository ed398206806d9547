// Builds main (with the preview host), preload, renderer, the reference server, its visitor page and officer console with Vite, one config each.
import { build } from 'vite';

for (const configFile of [
  'vite.main.config.ts',
  'vite.preload.config.ts',
  'vite.renderer.config.ts',
  'vite.server.config.ts',
  'server/visitor/vite.config.ts',
  'server/console/page/vite.config.ts',
]) {
  await build({ configFile, logLevel: 'warn' });
}
