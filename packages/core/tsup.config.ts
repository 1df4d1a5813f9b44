import { defineConfig } from 'tsup';
import { sharedTsupOptions } from '../../tsup.shared.js';

export default defineConfig(
  sharedTsupOptions({
    index: 'src/index.ts',
    'store/index': 'src/store/index.ts',
    'testing/index': 'src/testing/index.ts',
  }),
);
