import { defineConfig } from 'tsup';
import { sharedTsupOptions } from '../../tsup.shared.js';

// A command line needs no CommonJS build: its entry uses top-level await, and Node 20.19
// loads it as ESM. The programmatic entry (`runFinsam`) is ESM as well.
export default defineConfig({
  ...sharedTsupOptions({ main: 'src/main.ts', index: 'src/index.ts' }),
  format: ['esm'],
});
