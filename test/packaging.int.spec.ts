import test from 'ava';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assertBuilt } from './assertBuilt.testSupport.js';

const root = fileURLToPath(new URL('..', import.meta.url));
// Every published library package of the workspace: not private, no command-line program (the
// cli is tested as users run it). Read from packages/, so a new package is checked from its
// first commit.
const packages = readdirSync(`${root}/packages`).filter((name) => {
  const manifestPath = `${root}/packages/${name}/package.json`;
  if (!existsSync(manifestPath)) return false;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    private?: boolean;
    bin?: unknown;
  };
  return manifest.private !== true && manifest.bin === undefined;
});

test('the packaging checks cover every published library package, the HTML report among them', (t) => {
  t.deepEqual([...packages].sort(), [
    'adapter-eventstoredb',
    'adapter-file',
    'adapter-memory',
    'core',
    'hledger',
    'html',
    'sie',
    'xlsx',
  ]);
});

// The test command builds every package before ava starts (`pnpm test`); a build here, by each
// spec file that needs one, raced the others' builds of the same package on a fresh clone.
test.before(() =>
  assertBuilt([
    ...packages.map((name) => `packages/${name}/dist/index.js`),
    'packages/cli/dist/main.js',
  ]),
);

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

test('the core store entry point loads from CommonJS and ESM; the root entry leaves its helpers out', (t) => {
  const probe = (loader: string): string =>
    execFileSync(process.execPath, ['--input-type=module', '-e', loader], {
      cwd: `${root}/examples/roslagen`,
      encoding: 'utf8',
    }).trim();
  const cjs = execFileSync(
    process.execPath,
    ['-e', "console.log(typeof require('@finsam-ledger/core/store').validateAppend)"],
    { cwd: `${root}/examples/roslagen`, encoding: 'utf8' },
  );
  t.is(cjs.trim(), 'function');
  const esm = probe(
    "const store = await import('@finsam-ledger/core/store');" +
      "const core = await import('@finsam-ledger/core');" +
      'console.log([typeof store.classifyBatch, typeof core.classifyBatch,' +
      ' typeof core.createBookkeepingDecider, typeof core.createLedger].join(" "))',
  );
  t.is(esm, 'function undefined undefined function');
});

test("an error made by the CommonJS build is a LedgerError to the ESM build's guards", (t) => {
  // An application that imports one package and requires another loads both builds of core:
  // the guards recognise either's errors, since they check a global brand, not the class.
  const loader =
    "import { createRequire } from 'node:module';" +
    "import { isLedgerError, isInvalidInputError } from '@finsam-ledger/core';" +
    "const memory = createRequire(import.meta.url)('@finsam-ledger/adapter-memory');" +
    'const store = memory.getInMemoryEventStore();' +
    "const refused = await store.appendToStream('bad stream id!', [], { expectedRevision: 'any' })();" +
    "const cjsCore = createRequire(import.meta.url)('@finsam-ledger/core');" +
    "const esmMade = new (await import('@finsam-ledger/core')).LedgerError('STORE_CLOSED', 'x');" +
    'console.log([refused.left.code, isLedgerError(refused.left),' +
    " isLedgerError(refused.left, 'INVALID_STREAM_ID'), isInvalidInputError(refused.left)," +
    " cjsCore.isLedgerError(esmMade, 'STORE_CLOSED'), isLedgerError(new Error('x'))].join(' '))";
  const printed = execFileSync(process.execPath, ['--input-type=module', '-e', loader], {
    cwd: `${root}/examples/roslagen`,
    encoding: 'utf8',
  }).trim();
  t.is(printed, 'INVALID_STREAM_ID true true true true false');
});

/** The paths `npm pack` would put in the tarball of a package (dry run: nothing is written). */
function tarballPaths(name: string): string[] {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: `${root}/packages/${name}`,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const [packed] = JSON.parse(output) as { files: { path: string }[] }[];
  return packed!.files.map((file) => file.path);
}

// Specs, ava snapshots (`*.snap` and the `*.md` report beside a spec), test scenarios and
// test support are for this repository's tests only.
const testOnly = /\.spec\.ts$|\.spec\.ts\.md$|\.snap$|\.testScenario\.ts$|\.testSupport\.ts$/;

for (const name of packages) {
  test(`the tarball of @finsam-ledger/${name} holds LICENSE, README and the build, and no test file`, (t) => {
    const paths = tarballPaths(name);
    t.true(paths.includes('LICENSE'), 'LICENSE');
    t.true(paths.includes('README.md'), 'README.md');
    t.true(paths.includes('dist/index.js'), 'dist/index.js');
    t.true(paths.includes('src/index.ts'), 'src/index.ts');
    t.deepEqual(
      paths.filter((path) => testOnly.test(path)),
      [],
    );
  });
}

test('the test-only file patterns match the files they are meant for', (t) => {
  for (const path of [
    'src/store/copyEvents.unit.spec.ts',
    'src/bookkeeping/createLedger.unit.spec.ts.md',
    'src/bookkeeping/createLedger.unit.spec.ts.snap',
    'src/bookkeeping/ledgerSteps.testScenario.ts',
    'src/fileStore.testSupport.ts',
  ])
    t.true(testOnly.test(path), path);
  t.false(testOnly.test('src/testing/eventStoreConformance.ts'));
});

test('the tarball of @finsam-ledger/cli holds LICENSE, README and the build, and no test file or fixture', (t) => {
  const paths = tarballPaths('cli');
  for (const path of ['LICENSE', 'README.md', 'dist/main.js', 'src/main.ts'])
    t.true(paths.includes(path), path);
  t.deepEqual(
    paths.filter((path) => testOnly.test(path) || path.startsWith('src/fixtures/')),
    [],
  );
});
