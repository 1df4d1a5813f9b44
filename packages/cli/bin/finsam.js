#!/usr/bin/env node
// `finsam` in this repository (the root script `npx -y pnpm@10 -s finsam …`): runs the built
// command line (`dist/main.js`, what the published package's bin is) when the packages are
// built, since compiling the sources with tsx on every start costs about two CPU seconds; without
// a build, or with FINSAM_FROM_SOURCE=1, it runs the sources through tsx in a child process (the
// `finsam-source` condition has to be given to Node when it starts). A build is not rebuilt
// here: after changing a package's source, run `npx -y pnpm@10 run build` or set
// FINSAM_FROM_SOURCE=1. A build older than any package's sources is not run: the sources are, with
// a note on stderr, since a stale build prints what the code no longer does.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/main.js', import.meta.url);

/**
 * The newest modification time (ms) of the non-test TypeScript files under `directory`. Only
 * regular files count: an editor's lock file is a dangling symbolic link named like a source.
 */
function newestSourceMs(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(path));
    else if (
      entry.isFile() &&
      entry.name.endsWith('.ts') &&
      !/\.(spec|testSupport|testScenario)\.ts$/.test(entry.name)
    )
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The first built package whose sources changed after its build, or undefined. */
function staleBuild() {
  const packages = fileURLToPath(new URL('../../', import.meta.url));
  for (const name of readdirSync(packages)) {
    const dist = join(packages, name, 'dist');
    const source = join(packages, name, 'src');
    if (!existsSync(dist) || !existsSync(source)) continue;
    const builtFiles = readdirSync(dist).filter((file) => file.endsWith('.js'));
    // A build that left no module (a failed one emptied it) is older than any source.
    const builtMs =
      builtFiles.length === 0
        ? 0
        : Math.min(...builtFiles.map((file) => statSync(join(dist, file)).mtimeMs));
    if (newestSourceMs(source) > builtMs) return name;
  }
  return undefined;
}

// A package manager runs the root script in the repository's root; the user's relative paths
// (--store, --config, a file to record or import) are meant from where they ran it.
const { INIT_CWD: startedIn, npm_lifecycle_event: script } = process.env;
if (script === 'finsam' && startedIn !== undefined && existsSync(startedIn))
  process.chdir(startedIn);

const fromSource = process.env.FINSAM_FROM_SOURCE === '1';
const stale = !fromSource && existsSync(fileURLToPath(built)) ? staleBuild() : undefined;
if (stale !== undefined)
  process.stderr.write(
    `finsam: the build of packages/${stale} is older than its sources; running the sources (run npx -y pnpm@10 run -r build to start fast again).\n`,
  );
if (!fromSource && stale === undefined && existsSync(fileURLToPath(built))) {
  await import(built.href);
} else {
  const source = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    [
      '--import',
      import.meta.resolve('tsx'),
      '--conditions=finsam-source',
      source,
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  // Ctrl-C reaches the child from the terminal itself; the launcher only waits for its end. A
  // SIGTERM sent to the launcher alone is passed on.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => {
    if (signal !== null) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
}
