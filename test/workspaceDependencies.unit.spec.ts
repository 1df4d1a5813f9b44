import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The workspace's packages depend on each other without a cycle (pnpm warns about one on
 * every install), and core, which every adapter depends on, imports none of them, not even
 * in a spec: a spec's import would need a devDependency, and that would be the cycle.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const packagesDirectory = join(root, 'packages');

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const manifests: Manifest[] = readdirSync(packagesDirectory).map(
  (name) =>
    JSON.parse(readFileSync(join(packagesDirectory, name, 'package.json'), 'utf8')) as Manifest,
);

const workspaceDependencies = (manifest: Manifest): string[] =>
  Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter((name) =>
    manifests.some((other) => other.name === name),
  );

test('the packages depend on each other without a cycle, devDependencies included', (t) => {
  const byName = new Map(manifests.map((manifest) => [manifest.name, manifest]));
  const reaches = (from: string, target: string, seen = new Set<string>()): boolean =>
    workspaceDependencies(byName.get(from)!).some(
      (next) =>
        next === target || (!seen.has(next) && (seen.add(next), reaches(next, target, seen))),
    );
  for (const manifest of manifests) t.false(reaches(manifest.name, manifest.name), manifest.name);
  t.deepEqual(workspaceDependencies(byName.get('@finsam-ledger/core')!), []);
});

test('no file of core imports another package of the workspace', (t) => {
  const sourceFiles = (
    readdirSync(join(packagesDirectory, 'core', 'src'), {
      recursive: true,
    }) as string[]
  ).filter((path) => path.endsWith('.ts'));
  t.true(sourceFiles.length > 100, 'the walk finds core');
  const offending = sourceFiles.filter((path) =>
    /from '@finsam-ledger\/(?!core)/.test(
      readFileSync(join(packagesDirectory, 'core', 'src', path), 'utf8'),
    ),
  );
  t.deepEqual(offending, []);
});
