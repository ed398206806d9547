import { defineConfig } from 'vite';
import { nodeBuild } from './vite.node-build.ts';

export default defineConfig(
  nodeBuild('out/main', { index: 'src/main/index.ts', preview: 'src/main/preview/index.ts' }),
);
