import test from 'ava';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from './runCli.testSupport.js';

// The repository's launcher (`npx -y pnpm@10 -s finsam …`, packages/cli/bin/finsam.js) runs the
// build, unless a package's sources changed after its build: then it runs the sources and says
// so, since a stale build prints what the code no longer does. Run on a copy of the launcher in a
// repository of two stub packages, whose build and sources each print which one ran.

const launcher = join(repositoryRoot, 'packages/cli/bin/finsam.js');

async function stubRepository(t: { teardown: (fn: () => Promise<void>) => void }) {
  const root = await mkdtemp(join(tmpdir(), 'finsam-launcher-'));
  t.teardown(() => rm(root, { recursive: true, force: true }));
  // tsx, which runs the sources, is found from the copy as from the repository.
  await symlink(join(repositoryRoot, 'node_modules'), join(root, 'node_modules'));
  const file = async (path: string, text: string) => {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  };
  await mkdir(join(root, 'packages/cli/bin'), { recursive: true });
  await copyFile(launcher, join(root, 'packages/cli/bin/finsam.js'));
  await file('packages/cli/src/main.ts', "console.log('source');\n");
  await file('packages/cli/dist/main.js', "console.log('built');\n");
  await file('packages/core/src/index.ts', 'export const one: number = 1;\n');
  await file('packages/core/dist/index.js', 'export const one = 1;\n');
  const age = async (path: string, seconds: number) => {
    const when = new Date(Date.now() + seconds * 1000);
    await utimes(join(root, path), when, when);
  };
  for (const source of ['packages/cli/src/main.ts', 'packages/core/src/index.ts'])
    await age(source, -600);
  const run = () =>
    new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
      execFile(
        process.execPath,
        [join(root, 'packages/cli/bin/finsam.js')],
        { env: { ...process.env, FINSAM_FROM_SOURCE: '' } },
        (error, stdout, stderr) => (error ? reject(error) : resolve({ stdout, stderr })),
      ),
    );
  return { root, run, age, file };
}

test('the launcher runs the build while it is newer than every package’s sources, and the sources, saying so, once one changed', async (t) => {
  const { root, run, age, file } = await stubRepository(t);
  t.deepEqual(await run(), { stdout: 'built\n', stderr: '' });
  // A spec changed after the build changes nothing the command runs.
  await file('packages/core/src/index.unit.spec.ts', 'export {};\n');
  t.deepEqual(await run(), { stdout: 'built\n', stderr: '' });
  // An editor's lock file: a dangling symbolic link named like a source.
  await symlink('user@host.1234:1700000000', join(root, 'packages/core/src/.#index.ts'));
  t.deepEqual(await run(), { stdout: 'built\n', stderr: '' });
  await age('packages/core/src/index.ts', 600);
  const stale = await run();
  t.is(stale.stdout, 'source\n');
  t.regex(
    stale.stderr,
    /^finsam: the build of packages\/core is older than its sources; running the sources/,
  );
});

test('a build that left no module counts as older than its sources', async (t) => {
  const { root, run } = await stubRepository(t);
  await rm(join(root, 'packages/core/dist/index.js'));
  const stale = await run();
  t.is(stale.stdout, 'source\n');
  t.regex(stale.stderr, /the build of packages\/core is older than its sources/);
});
