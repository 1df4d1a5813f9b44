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

/** Files only this repository's tests use: left out of every tarball by the `files` lists. */
const testOnly = /\.spec\.ts$|\.testScenario\.ts$|\.testSupport\.ts$|(^|\/)fixtures\//;

/** The packages a file imports by name (not relative, not a Node built-in), from its code lines. */
function importedPackages(source: string): string[] {
  const specifiers = [
    ...source.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gm),
    ...source.matchAll(/^import\s+'([^']+)'/gm),
    ...source.matchAll(/\bimport\('([^']+)'\)/g),
  ].map((match) => match[1]!);
  return specifiers
    .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'))
    .map((specifier) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

test('a published file imports only what its package declares: never a devDependency', (t) => {
  const builtins = new Set(
    ['assert', 'buffer', 'crypto', 'events', 'fs', 'os', 'path', 'stream', 'url', 'util'].flatMap(
      (name) => [name, `${name}/promises`],
    ),
  );
  const undeclared: string[] = [];
  for (const folder of readdirSync(packagesDirectory)) {
    const manifest = JSON.parse(
      readFileSync(join(packagesDirectory, folder, 'package.json'), 'utf8'),
    ) as Manifest & { peerDependencies?: Record<string, string> };
    const declared = new Set([
      manifest.name,
      ...Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }),
    ]);
    const files = (
      readdirSync(join(packagesDirectory, folder, 'src'), { recursive: true }) as string[]
    ).filter((path) => path.endsWith('.ts') && !testOnly.test(path));
    for (const path of files) {
      const source = readFileSync(join(packagesDirectory, folder, 'src', path), 'utf8');
      for (const name of importedPackages(source))
        if (!declared.has(name) && !builtins.has(name))
          undeclared.push(`${folder}/src/${path} imports ${name}`);
    }
  }
  t.deepEqual(undeclared, []);
});
