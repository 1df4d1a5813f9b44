#!/usr/bin/env node
// `finsam` in this repository (the root script `npx -y pnpm@10 -s finsam …`): runs the built
// command line (`dist/main.js`, what the published package's bin is) when the packages are
// built, since compiling the sources with tsx on every start costs about two CPU seconds; without
// a build, or with FINSAM_FROM_SOURCE=1, it runs the sources through tsx in a child process (the
// `finsam-source` condition has to be given to Node when it starts). A build is not rebuilt
// here: after changing a package's source, run `npx -y pnpm@10 run build` or set
// FINSAM_FROM_SOURCE=1.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/main.js', import.meta.url);

// A package manager runs the root script in the repository's root; the user's relative paths
// (--store, --config, a file to record or import) are meant from where they ran it.
const { INIT_CWD: startedIn, npm_lifecycle_event: script } = process.env;
if (script === 'finsam' && startedIn !== undefined && existsSync(startedIn))
  process.chdir(startedIn);

if (process.env.FINSAM_FROM_SOURCE !== '1' && existsSync(fileURLToPath(built))) {
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
