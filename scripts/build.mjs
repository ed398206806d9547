// Builds main (with the preview host), preload and renderer with Vite, one config each.
import { build } from 'vite';

for (const configFile of ['vite.main.config.ts', 'vite.preload.config.ts', 'vite.renderer.config.ts']) {
  await build({ configFile, logLevel: 'warn' });
}
