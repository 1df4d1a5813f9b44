import test from 'ava';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assertBuilt } from './assertBuilt.testSupport.js';
import { listExports, readGroups, renderApiDoc } from '../scripts/listExports.js';

const root = fileURLToPath(new URL('..', import.meta.url));

// The test command builds every package before ava starts (`pnpm test`).
test.before(() => assertBuilt(['packages/core/dist/index.d.ts']));

test('docs/api.md lists exactly what the built @finsam-ledger/core exports, by audience', (t) => {
  const exported = listExports();
  t.true(exported.length > 0, 'the built entry points export something');
  t.true(
    exported.some((each) => each.entry === '@finsam-ledger/core/testing'),
    'the /testing entry point is read too',
  );
  const documented = readFileSync(`${root}docs/api.md`, 'utf8');
  t.is(
    documented,
    renderApiDoc(exported, readGroups()),
    'docs/api.md differs from the built exports: run `pnpm run build && pnpm run docs:api`',
  );
});
