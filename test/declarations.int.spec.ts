import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assertBuilt } from './assertBuilt.testSupport.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = [
  'core',
  'adapter-memory',
  'adapter-file',
  'adapter-eventstoredb',
  'sie',
  'xlsx',
  'hledger',
  'html',
];

// The test command builds every package before ava starts (`pnpm test`); a build here, by each
// spec file that needs one, raced the others' builds of the same package on a fresh clone.
test.before(() => assertBuilt(packages.map((name) => `packages/${name}/dist/index.d.ts`)));

const declarationFiles = (directory: string): string[] =>
  readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.d\.c?ts$/.test(entry.name))
    .map((entry) => `${entry.parentPath}/${entry.name}`);

/** Names core's source exports that hold a letter outside ASCII (Område, ÅrsarbetarePerOmråde). */
const nonAsciiExportedNames = (): string[] => {
  const source = execFileSync(
    'git',
    [
      'grep',
      '-h',
      '-E',
      '^export (type|interface|const|function|class) ',
      '--',
      'packages/core/src/*.ts',
    ],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  const names = [...source.matchAll(/^export \w+ ([^\s<(:=]+)/gm)].map((match) => match[1]!);
  return [...new Set(names.filter((name) => /\P{ASCII}/u.test(name)))];
};

test('the built .d.ts keep Swedish names: Område, not Omr_de', (t) => {
  const files = packages.flatMap((name) => declarationFiles(`${root}packages/${name}/dist`));
  t.true(files.length >= packages.length * 2, 'ESM and CommonJS declarations of every package');
  const text = files.map((file) => readFileSync(file, 'utf8')).join('\n');
  t.regex(text, /\bOmråde\b/u);
  t.notRegex(text, /\bOmr_de\b/);
  const names = nonAsciiExportedNames();
  t.true(names.includes('Område') && names.length > 10, `found ${names.length} names`);
  for (const name of names) {
    // Rollup's chunk imports made such names legal ASCII identifiers by replacing each
    // letter outside ASCII with `_` (its makeLegal); none may appear in the declarations.
    const mangled = name.replace(/[^\w$]/g, '_');
    t.false(new RegExp(`(^|[^\\p{L}\\w$])${mangled}([^\\p{L}\\w$]|$)`, 'u').test(text), mangled);
  }
});

test('a consumer type-checks against the built declarations, from ESM and from CommonJS', (t) => {
  // Inside the root node_modules, so that @finsam-ledger/* resolve as an installed package.
  const directory = `${root}node_modules/.cache/finsam-declarations-check`;
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  const consumer = [
    "import type { Område } from '@finsam-ledger/core';",
    "import { områden, Money } from '@finsam-ledger/core';",
    "import { registerEventStoreConformance } from '@finsam-ledger/core/testing';",
    "import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';",
    'const first: Område = områden[0];',
    "const amount: Money = Money.from('1.50');",
    'export const used = [first, amount, registerEventStoreConformance, getInMemoryEventStore];',
    "// @ts-expect-error: an Område is one of the chart's areas, not any string.",
    "export const wrong: Område = 'no such område';",
  ].join('\n');
  writeFileSync(`${directory}/consumer.mts`, consumer);
  writeFileSync(`${directory}/consumer.cts`, consumer);
  const tsc = `${root}node_modules/typescript/bin/tsc`;
  const options = ['--noEmit', '--strict', '--skipLibCheck', 'false', '--types', 'node'];
  const run = (...extra: string[]) =>
    execFileSync(
      process.execPath,
      [tsc, ...options, ...extra, `${directory}/consumer.mts`, `${directory}/consumer.cts`],
      {
        cwd: directory,
        encoding: 'utf8',
      },
    );
  t.notThrows(() => run('--module', 'nodenext', '--moduleResolution', 'nodenext'));
});
