import { defineConfig } from 'vite';
import { nodeBuild } from './vite.node-build.ts';

// The benchmarks run on Node against the built kiosk and server.
export default defineConfig(
  nodeBuild('out/bench', { run: 'bench/run.ts', 'fleet-server': 'bench/fleet/server-process.ts' }),
);
