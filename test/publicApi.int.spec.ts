import test from 'ava';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { listExports, readGroups, renderApiDoc } from '../scripts/listExports.js';

const root = fileURLToPath(new URL('..', import.meta.url));

// CI builds before testing; a developer's tree may not have dist/ yet, so build core if missing.
test.before(() => {
  if (!existsSync(`${root}packages/core/dist/index.d.ts`))
    execFileSync('npx', ['tsup'], { cwd: `${root}packages/core`, stdio: 'ignore' });
});

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
