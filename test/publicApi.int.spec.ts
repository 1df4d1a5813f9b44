import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assertBuilt } from './assertBuilt.testSupport.js';
import { readGroups } from '../scripts/apiGroups.js';
import { entryPoints, listExports } from '../scripts/listExports.js';
import { isApiDocFileName, renderApiDocs } from '../scripts/renderApiDoc.js';

const root = fileURLToPath(new URL('..', import.meta.url));

// The test command builds every package before ava starts (`pnpm test`).
test.before(() => assertBuilt(entryPoints().map(({ typesPath }) => typesPath.slice(root.length))));

test('every published package is read, each of its entry points', (t) => {
  const entries = new Set(entryPoints().map(({ entry }) => entry));
  for (const entry of [
    '@finsam-ledger/core',
    '@finsam-ledger/core/store',
    '@finsam-ledger/core/testing',
    '@finsam-ledger/adapter-eventstoredb',
    '@finsam-ledger/adapter-file',
    '@finsam-ledger/adapter-memory',
    '@finsam-ledger/cli',
    '@finsam-ledger/sie',
  ])
    t.true(entries.has(entry), `${entry} is read`);
  t.false(entries.has('@finsam-ledger/eventstoredb-emulator'), 'a private package is not');
});

test('docs/api.md and docs/api-<package>.md list exactly what the built packages export, by audience', (t) => {
  const exported = listExports();
  t.true(
    exported.some((each) => each.entry === '@finsam-ledger/sie' && each.name === 'budgetOfSieFile'),
    "a package's own export is read: sie's budgetOfSieFile",
  );
  const docs = renderApiDocs(exported, readGroups());
  t.deepEqual(
    readdirSync(`${root}docs`).filter(isApiDocFileName).sort(),
    docs.map((doc) => doc.path.slice('docs/'.length)).sort(),
    'one list per published package, and none for a package that is gone',
  );
  for (const doc of docs)
    t.is(
      readFileSync(`${root}${doc.path}`, 'utf8'),
      doc.text,
      `${doc.path} differs from the built exports: run \`pnpm run build && pnpm run docs:api\``,
    );
});
