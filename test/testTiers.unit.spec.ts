import test from 'ava';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tiers = /\.(unit|property|int)\.spec\.ts$/;

/** Every spec file of the repository, committed or not (but not ignored), from git. */
const specFiles = (): string[] =>
  execFileSync(
    'git',
    [
      '-c',
      'core.quotePath=false',
      'ls-files',
      '--cached',
      '--others',
      '--exclude-standard',
      '*.spec.ts',
    ],
    {
      cwd: root,
      encoding: 'utf8',
    },
  )
    .split('\n')
    .filter((path) => path !== '');

test('every spec names its tier: unit and property run in `test:unit`, int only in `test`', (t) => {
  const files = specFiles();
  t.true(files.length > 50, `found ${files.length} spec files`);
  t.deepEqual(
    files.filter((file) => !tiers.test(file)),
    [],
    'name it *.unit.spec.ts (fast, no processes or network) or *.int.spec.ts',
  );
});
