import test from 'ava';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The test-only files that are not specs, from git: docs/decisions.md ("Test-only files and
 * tarballs") names them `*.testScenario.ts` and `*.testSupport.ts`.
 */
const testOnlyFiles = (): string[] =>
  execFileSync(
    'git',
    [
      'ls-files',
      '--cached',
      '--others',
      '--exclude-standard',
      '*.testSupport.ts',
      '*.testScenario.ts',
    ],
    { cwd: root, encoding: 'utf8' },
  )
    .split('\n')
    .filter((path) => path !== '');

/** The paths dependency-cruiser leaves out of the graph (.dependency-cruiser.cjs). */
const dependencyCruiserExcludes = (): RegExp[] => {
  const require = createRequire(import.meta.url);
  const configuration = require('../.dependency-cruiser.cjs') as {
    options: { exclude: { path: string[] } };
  };
  return configuration.options.exclude.path.map((pattern) => new RegExp(pattern));
};

test('ESLint lints every test support and scenario file as a test', async (t) => {
  const files = testOnlyFiles();
  t.true(
    files.some((file) => file.endsWith('.testSupport.ts')),
    `found ${files.length} files`,
  );
  const eslint = new ESLint({ cwd: root });
  for (const file of files) {
    const config = (await eslint.calculateConfigForFile(file)) as {
      rules: Record<string, unknown[]>;
    };
    // A test may run to 150 lines and throw a plain Error; library code may do neither.
    t.deepEqual(
      config.rules['max-lines-per-function']?.[1],
      { max: 150, skipBlankLines: true, skipComments: true, IIFEs: true },
      file,
    );
    t.is(config.rules['no-restricted-syntax'], undefined, file);
  }
});

test('dependency-cruiser leaves every test support and scenario file out of the graph', (t) => {
  const excludes = dependencyCruiserExcludes();
  const included = testOnlyFiles().filter(
    (file) => !excludes.some((pattern) => pattern.test(file)),
  );
  t.deepEqual(included, []);
});
