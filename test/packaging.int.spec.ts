import test from 'ava';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = ['core', 'adapter-memory', 'adapter-file', 'adapter-eventstoredb', 'sie'];

// CI builds before testing; a developer's tree may not have dist/ yet, so build what is missing.
test.before(() => {
  for (const name of packages) {
    if (!existsSync(`${root}/packages/${name}/dist/index.js`))
      execFileSync('npx', ['tsup'], { cwd: `${root}/packages/${name}`, stdio: 'ignore' });
  }
});

for (const name of packages) {
  test(`@finsam-ledger/${name} builds to ESM, CommonJS and .d.ts that load without the source condition`, (t) => {
    for (const file of ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts'])
      t.true(existsSync(`${root}/packages/${name}/dist/${file}`), file);
    // Plain node, no tsx, no custom condition: what a user of the published package gets.
    const esm = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import('@finsam-ledger/${name}'); console.log(Object.keys(m).length)`,
      ],
      { cwd: `${root}/examples/roslagen`, encoding: 'utf8' },
    );
    const cjs = execFileSync(
      process.execPath,
      ['-e', `console.log(Object.keys(require('@finsam-ledger/${name}')).length)`],
      { cwd: `${root}/examples/roslagen`, encoding: 'utf8' },
    );
    t.true(Number(esm) > 0, 'ESM exports something');
    t.is(Number(esm), Number(cjs), 'ESM and CommonJS export the same names');
  });
}

test('the core testing entry point loads from CommonJS and ESM', (t) => {
  const cjs = execFileSync(
    process.execPath,
    [
      '-e',
      "console.log(typeof require('@finsam-ledger/core/testing').registerEventStoreConformance)",
    ],
    { cwd: `${root}/examples/roslagen`, encoding: 'utf8' },
  );
  t.is(cjs.trim(), 'function');
});
