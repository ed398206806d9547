import { defineConfig } from 'vite';
import { nodeBuild } from './vite.node-build.ts';

// Built before the visitor page, which lands inside its output folder.
export default defineConfig(nodeBuild('out/server', { index: 'server/index.ts' }));
