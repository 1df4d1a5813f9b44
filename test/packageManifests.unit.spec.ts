import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Every package of the workspace, the command line and the private emulator included, carries
 * what a reader of its manifest or its folder expects (issue 10): a LICENSE and a README beside
 * the manifest, the license, the Node versions it runs on and where its source lives. Read from
 * packages/, so a new package is checked from its first commit.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = readdirSync(`${root}packages`).filter((name) =>
  existsSync(`${root}packages/${name}/package.json`),
);

interface Manifest {
  readonly name?: string;
  readonly private?: boolean;
  readonly license?: string;
  readonly engines?: { readonly node?: string };
  readonly repository?: {
    readonly type?: string;
    readonly url?: string;
    readonly directory?: string;
  };
}

test('the workspace has its packages', (t) => {
  t.true(packages.length >= 10, packages.join(', '));
});

for (const name of packages) {
  test(`packages/${name} has a LICENSE, a README, and license, engines and repository in its manifest`, (t) => {
    const folder = `${root}packages/${name}`;
    const manifest = JSON.parse(readFileSync(`${folder}/package.json`, 'utf8')) as Manifest;
    t.true(existsSync(`${folder}/LICENSE`), 'LICENSE');
    t.true(existsSync(`${folder}/README.md`), 'README.md');
    t.is(manifest.name, `@finsam-ledger/${name}`);
    t.is(manifest.license, 'MIT');
    t.is(manifest.engines?.node, '>=20.19');
    t.deepEqual(manifest.repository, {
      type: 'git',
      url: 'git+https://github.com/finsam-ledger/finsam-ledger.git',
      directory: `packages/${name}`,
    });
    // What it is, how to install it (a published package), and an example.
    const readme = readFileSync(`${folder}/README.md`, 'utf8');
    t.true(readme.startsWith(`# @finsam-ledger/${name}`), 'the README is titled with the name');
    if (manifest.private !== true)
      t.true(readme.includes(`npm install @finsam-ledger/`), 'the README says how to install it');
    t.regex(readme, /```(ts|sh)\n/, 'the README has an example');
    t.is(
      readFileSync(`${folder}/LICENSE`, 'utf8'),
      readFileSync(`${root}LICENSE`, 'utf8'),
      'the repository’s license',
    );
  });
}
