import test, { type ExecutionContext } from 'ava';
import { appendFile, copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFinsamProcess } from './runCli.testSupport.js';

// `finsam verify` checks the files derived from the store, the seek index and the checkpoints,
// and reports what it found wrong and put right; the store file itself stays as it was.

const exampleDirectory = fileURLToPath(new URL('../../../examples/norrbacken/', import.meta.url));

/** A fresh directory with Norrbäcken's books recorded by `finsam init` and `finsam record`. */
async function norrbackenBooks(t: ExecutionContext, prefix: string) {
  const directory = await mkdtemp(join(tmpdir(), prefix));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const run = (...args: string[]) => runFinsamProcess(args, { cwd: directory });
  await run('init', '--namn', 'Samordningsförbundet Norrbäcken', '--forbund-id', 'norrbacken');
  await rm(join(directory, 'forbund.json'));
  await copyFile(join(exampleDirectory, 'forbund.json'), join(directory, 'forbund.json'));
  t.is((await run('record', join(exampleDirectory, 'events.jsonl'))).exitCode, 0);
  return { directory, run };
}

test('finsam verify reports a tampered checkpoint and a wrong seek index, discards the one and rebuilds the other', async (t) => {
  const { directory, run } = await norrbackenBooks(t, 'finsam-verify-derived-');
  const report = await run('report', '--year', '2025', '--format', 'json', '--section', 'ekonomi');
  t.is(report.exitCode, 0, report.stderr);

  const clean = await run('verify');
  t.is(clean.exitCode, 0, clean.stderr);
  t.regex(clean.stdout, /^index: ok \(the seek index matches the records\)$/m);
  t.regex(clean.stdout, /^event-id index: ok \(it matches the records up to its head\)$/m);
  t.regex(clean.stdout, /^checkpoint annual-report\.v7\.bokforing-norrbacken\.2024\.json: ok$/m);

  const checkpoints = join(directory, 'finsam.jsonl.checkpoints');
  const name = 'annual-report.v7.bokforing-norrbacken.2024.json';
  const text = await readFile(join(checkpoints, name), 'utf8');
  await writeFile(
    join(checkpoints, name),
    text.replace('"closedYears":[2024', '"closedYears":[2023'),
  );
  const index = await readFile(join(directory, 'finsam.jsonl.index'), 'utf8');
  await writeFile(
    join(directory, 'finsam.jsonl.index'),
    index.replace('"digest":"', '"digest":"0'),
  );
  const eventIds = await readFile(join(directory, 'finsam.jsonl.ids'));
  eventIds[eventIds.length - 20] = eventIds[eventIds.length - 20]! ^ 0x01;
  await writeFile(join(directory, 'finsam.jsonl.ids'), eventIds);
  const storeBefore = await readFile(join(directory, 'finsam.jsonl'));

  const verified = await run('verify');
  t.is(verified.exitCode, 0, 'the store itself is intact');
  t.regex(verified.stdout, /^index: wrong, not trusted; rebuilt from the records$/m);
  t.regex(verified.stdout, /^event-id index: wrong, not trusted; rebuilt from the records$/m);
  t.regex(
    verified.stdout,
    /^checkpoint annual-report\.v7\.bokforing-norrbacken\.2024\.json: discarded \(its digest does not match its content .*\); it is rebuilt from the events when next needed$/m,
  );
  t.false((await readdir(checkpoints)).includes(name));
  t.deepEqual(await readFile(join(directory, 'finsam.jsonl')), storeBefore);
  const reverified = await run('verify');
  t.regex(reverified.stdout, /^index: ok/m);
  t.regex(reverified.stdout, /^event-id index: ok/m);

  // The report of 2025 is the same without the discarded checkpoint. The checkpoints are
  // derived data: with every one of them gone, the next report folds from the first event and
  // saves the one that was discarded again.
  const again = await run('report', '--year', '2025', '--format', 'json', '--section', 'ekonomi');
  t.is(again.stdout, report.stdout);
  await rm(checkpoints, { recursive: true, force: true });
  const earlier = await run('report', '--year', '2024', '--format', 'json', '--section', 'ekonomi');
  t.is(earlier.exitCode, 0, earlier.stderr);
  t.true((await readdir(checkpoints)).includes(name));
});

test('finsam verify says how many bytes of zeros follow the last record, and leaves them (issue 15, preallocateBytes)', async (t) => {
  const { directory, run } = await norrbackenBooks(t, 'finsam-verify-zeros-');
  const clean = await run('verify');
  const events = /is intact: (\d+) events/.exec(clean.stdout)?.[1];
  t.truthy(events, clean.stdout);
  t.notRegex(clean.stdout, /zeros/);
  // What a writer opened with preallocateBytes leaves when it is killed: zeros after the records.
  await appendFile(join(directory, 'finsam.jsonl'), Buffer.alloc(5000));
  const storeBefore = await readFile(join(directory, 'finsam.jsonl'));
  const verified = await run('verify');
  t.is(verified.exitCode, 0, verified.stderr);
  t.regex(
    verified.stdout,
    new RegExp(
      `is intact: ${events} events, .* 5000 bytes of zeros after the last record .* will be cut off by the next writer\\.$`,
      'm',
    ),
  );
  t.deepEqual(await readFile(join(directory, 'finsam.jsonl')), storeBefore);
});
