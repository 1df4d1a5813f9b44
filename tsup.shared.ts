import type { Options } from 'tsup';

/** The build every package shares: ESM + CommonJS + .d.ts, for Node 20. */
export const sharedTsupOptions = (entry: Record<string, string>): Options => ({
  entry,
  format: ['esm', 'cjs'],
  experimentalDts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // fp-ts 2 and io-ts 2 have no `exports` map: `import 'fp-ts/Either'` works for bundlers
  // and CommonJS but not for Node's ES module loader. The ESM output is therefore rewritten
  // to their explicit files (`fp-ts/lib/Either.js`), which Node resolves everywhere.
  async onSuccess() {
    const { readdir, readFile, writeFile } = await import('node:fs/promises');
    const rewrite = async (directory: string): Promise<void> => {
      for (const entry of await readdir(directory, { withFileTypes: true })) {
        const path = `${directory}/${entry.name}`;
        if (entry.isDirectory()) await rewrite(path);
        else if (entry.name.endsWith('.js')) {
          const text = await readFile(path, 'utf8');
          const fixed = text.replace(/from "(fp-ts|io-ts)\/([A-Za-z]+)"/g, 'from "$1/lib/$2.js"');
          if (fixed !== text) await writeFile(path, fixed);
        }
      }
    };
    await rewrite('dist');
  },
});
