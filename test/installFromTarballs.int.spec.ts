import test, { type ExecutionContext } from 'ava';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertBuilt } from './assertBuilt.testSupport.js';

// The README's "Install into your own project" as a user follows it before the packages are on
// the npm registry: pack the built packages (pnpm turns `workspace:*` into versions), install
// every tarball at once with npm into a new project, then use the library and the `finsam`
// command from there.

const root = fileURLToPath(new URL('..', import.meta.url));

const run = (
  command: string,
  args: readonly string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) =>
    execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: (error as { code?: number } | null)?.code ?? 0, stdout, stderr }),
    ),
  );

/** The report both runs print: Roslagen's 2020 as JSON, in kronor. */
const report2020 = ['--year', '2020', '--format', 'json', '--unit', 'kr'];

/**
 * A strict TypeScript consumer of every library package, checked against the installed
 * declarations with `skipLibCheck` off: every module a published `.d.ts` imports must come with
 * the packages (a type-only package left in devDependencies, or a test helper's `ava` in a
 * declaration rollup, fails here, not in the repository, where the dev dependencies are at hand).
 * Node's own types come from the repository, as a Node project has them.
 */
async function typeChecksAsInstalled(t: ExecutionContext, project: string): Promise<void> {
  await writeFile(
    join(project, 'consumer.mts'),
    [
      "import { Money, createLedger, eventIdFromKey } from '@finsam-ledger/core';",
      "import { registerEventStoreConformance } from '@finsam-ledger/core/testing';",
      "import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';",
      "import * as file from '@finsam-ledger/adapter-file';",
      "import * as eventStoreDB from '@finsam-ledger/adapter-eventstoredb';",
      "import * as sie from '@finsam-ledger/sie';",
      "import * as html from '@finsam-ledger/html';",
      "import * as xlsx from '@finsam-ledger/xlsx';",
      "import * as hledger from '@finsam-ledger/hledger';",
      "const amount: Money = Money.from('1.50');",
      "const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'test' });",
      'export const used = [amount, ledger, eventIdFromKey, registerEventStoreConformance,',
      '  file, eventStoreDB, sie, html, xlsx, hledger];',
    ].join('\n'),
  );
  await writeFile(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        types: ['node'],
        typeRoots: [join(root, 'node_modules/@types')],
      },
      files: ['consumer.mts'],
    }),
  );
  const checked = await run(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'],
    project,
  );
  t.is(checked.code, 0, checked.stdout + checked.stderr);
}

test.before(() => assertBuilt(['packages/core/dist/index.js', 'packages/cli/dist/main.js']));

test('the packed packages install with npm into a new project: the library records and reports, finsam runs', async (t) => {
  // npm fetches the third-party dependencies: slow on a loaded machine.
  t.timeout(900_000);
  const tarballs = await mkdtemp(join(tmpdir(), 'finsam-tarballs-'));
  t.teardown(() => rm(tarballs, { recursive: true, force: true }));
  const packed = await run(
    'npx',
    ['-y', 'pnpm@10', '-r', '--filter', './packages/*', 'pack', '--pack-destination', tarballs],
    root,
  );
  t.is(packed.code, 0, packed.stderr);
  // The emulator is the tests' own, never installed by a user.
  const files = (await readdir(tarballs)).filter((name) => !name.includes('emulator'));
  for (const name of ['core', 'adapter-file', 'adapter-memory', 'cli'])
    t.true(
      files.some((file) =>
        new RegExp(`^finsam-ledger-${name}-\\d+\\.\\d+\\.\\d+\\.tgz$`).test(file),
      ),
      `${name} among ${files.join(', ')}`,
    );

  const project = await mkdtemp(join(tmpdir(), 'finsam-project-'));
  t.teardown(() => rm(project, { recursive: true, force: true }));
  await writeFile(join(project, 'package.json'), '{ "name": "forbundet", "private": true }\n');
  const installed = await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      // A registry that answers slowly once is retried, not a failed test.
      '--fetch-retries=5',
      '--prefer-offline',
      ...files.map((name) => join(tarballs, name)),
    ],
    project,
  );
  t.is(installed.code, 0, installed.stderr);

  // The library, as the README's embedding example uses it.
  await writeFile(
    join(project, 'use.mjs'),
    [
      "import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';",
      "import { createLedger } from '@finsam-ledger/core';",
      "const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'test' });",
      'const opened = await ledger.record(',
      "  'IngåendeBalansRegistrerad',",
      "  { datum: '2025-01-01', text: 'IB', kassaOchBank: '1000.00', momsfordran: '0.00',",
      "    balanseratResultat: '1000.00', öppnaPoster: [] },",
      "  { metadata: { recordedAt: '2025-01-02T09:00:00.000Z', recordedBy: 'ekonom' } },",
      ')();',
      "if (opened._tag !== 'Right') throw new Error(JSON.stringify(opened.left));",
      'const report = await ledger.annualReport(2025);',
      "console.log(report.balansräkning.rows.find((row) => row.key === 'summa-tillgångar').amounts[0].toString());",
    ].join('\n'),
  );
  const used = await run('node', ['use.mjs'], project);
  t.is(used.code, 0, used.stderr);
  t.is(used.stdout, '1000.00\n');
  await typeChecksAsInstalled(t, project);

  // The command, on the Roslagen example's books copied into the project.
  await copyFile(
    join(root, 'examples/roslagen/data/roslagen.finsam.jsonl'),
    join(project, 'roslagen.finsam.jsonl'),
  );
  await copyFile(join(root, 'examples/roslagen/forbund.json'), join(project, 'forbund.json'));
  const report = await run(
    'npx',
    ['finsam', 'report', '--store', 'roslagen.finsam.jsonl', ...report2020],
    project,
  );
  t.is(report.code, 0, report.stderr);
  t.like(JSON.parse(report.stdout), { förbundId: 'roslagen', år: 2020 });
  // The same report as the repository's own build prints: the installed packages are these.
  const here = await run(
    'node',
    [
      'packages/cli/dist/main.js',
      'report',
      '--store',
      'examples/roslagen/data/roslagen.finsam.jsonl',
      '--config',
      'examples/roslagen/forbund.json',
      ...report2020,
    ],
    root,
  );
  t.is(here.code, 0, here.stderr);
  t.deepEqual(JSON.parse(report.stdout), JSON.parse(here.stdout));
  const verify = await run(
    'npx',
    ['finsam', 'verify', '--store', 'roslagen.finsam.jsonl'],
    project,
  );
  t.is(verify.code, 0, verify.stderr);
  t.regex(verify.stdout, /intact: \d+ events/);

  // A new förbund's configuration finds its JSON Schema in the installed package.
  const init = await run(
    'npx',
    ['finsam', 'init', '--namn', 'Nytt', '--forbund-id', 'nytt', '--config', 'nytt/forbund.json'],
    project,
  );
  t.is(init.code, 0, init.stderr);
  const { $schema } = JSON.parse(await readFile(join(project, 'nytt/forbund.json'), 'utf8'));
  t.is($schema, '../node_modules/@finsam-ledger/core/forbund.schema.json');
  t.like(JSON.parse(await readFile(join(project, 'nytt', $schema), 'utf8')), { type: 'object' });
});
