import test from 'ava';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFinsamProcess } from './runCli.testSupport.js';

// A store file cut back to the end of an earlier append is a consistent hash chain: only a head
// written down shows what is gone. Each writer records the head it held when it closes
// (finsam.jsonl.head), so `finsam verify` and `finsam audit` fail on such a file and `finsam
// record` (and its dry run) refuse to write on it, and the read commands to report from it,
// until the head file is removed to accept it.

const exampleDirectory = fileURLToPath(new URL('../../../examples/norrbacken/', import.meta.url));

const costOf2026 = {
  type: 'KostnadBokförd',
  data: {
    datum: '2026-03-02',
    område: 'administrativa',
    post: 'Förbundsstyrelse och revisorer',
    belopp: '1200.00',
    text: 'Arvode mars 2026',
    betalning: { sätt: 'bank' },
  },
  metadata: { recordedBy: 'ekonom@norrbacken.example' },
  eventId: '4e6f7262-0000-4000-8000-000000000101',
};

test('finsam verify fails on a store cut back below the head its writer acknowledged, record and the read commands refuse it, and removing the head file accepts it', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-verify-lost-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const run = (...args: string[]) => runFinsamProcess(args, { cwd: directory });
  await run('init', '--namn', 'Samordningsförbundet Norrbäcken', '--forbund-id', 'norrbacken');
  await copyFile(join(exampleDirectory, 'forbund.json'), join(directory, 'forbund.json'));
  t.is((await run('record', join(exampleDirectory, 'events.jsonl'))).exitCode, 0);
  const store = join(directory, 'finsam.jsonl');
  const sizeBefore = (await stat(store)).size;
  const before = await run('verify');
  t.is(before.exitCode, 0, before.stderr);
  const eventCountBefore = Number(/^head: (\d+):/m.exec(before.stdout)![1]);
  await writeFile(join(directory, 'cost.jsonl'), `${JSON.stringify(costOf2026)}\n`);
  t.is((await run('record', 'cost.jsonl')).exitCode, 0);

  // Given the file cut back to where it was before the last record.
  await truncate(store, sizeBefore);
  const cut = await readFile(store);
  const head = await readFile(`${store}.head`);

  // When it is verified: it fails, naming the loss and the index that shows it.
  const verified = await run('verify');
  t.is(verified.exitCode, 1);
  t.is(verified.stdout, '');
  t.regex(
    verified.stderr,
    /^STORE_TAMPERED: finsam\.jsonl failed verification at line \d+ \(byte \d+\): acknowledged-events-removed: /m,
  );
  t.true(
    verified.stderr.includes(
      `the store holds ${eventCountBefore} events, fewer than the ${eventCountBefore + 1} its writer held (as finsam.jsonl.head records it)`,
    ),
    verified.stderr,
  );
  t.true(verified.stderr.includes('If that was done on purpose, remove finsam.jsonl.head'));
  t.regex(
    verified.stderr,
    /but its writer held more, as its head file records: a head this chain never reaches, which vouches for none of them\. Events were removed from the end, or replaced\.$/m,
  );

  // When it is audited: the chain check fails on the loss.
  const audited = await run('audit');
  t.is(audited.exitCode, 1);
  t.regex(
    audited.stdout,
    /the hash chain FAILED: the store holds fewer events than its writer held/,
  );

  // When an event is recorded on it in a dry run: refused as the real run is.
  const rehearsed = await run('record', '--dry-run', 'cost.jsonl');
  t.is(rehearsed.exitCode, 1);
  t.regex(rehearsed.stderr, /^STORE_TAMPERED: .*fewer than the \d+ its writer held/m);
  t.is(rehearsed.stdout, '');

  // When a SIE file is imported on it in a dry run, or it is copied: refused too, nothing made.
  const sieFile = join(
    exampleDirectory,
    '../../packages/sie/fixtures/SIE4_Exempelfil_med_underdim.SE',
  );
  const importRehearsed = await run('import', 'sie', '--dry-run', sieFile);
  t.is(importRehearsed.exitCode, 1);
  t.regex(importRehearsed.stderr, /^STORE_TAMPERED: .*fewer than the \d+ its writer held/m);
  const copied = await run('copy', '--to', 'copy.jsonl');
  t.is(copied.exitCode, 1);
  t.regex(copied.stderr, /^STORE_TAMPERED: .*fewer than the \d+ its writer held/m);
  t.false(existsSync(join(directory, 'copy.jsonl')), 'no copy made');

  // When the books are read from it: refused too, so no statement shows books short of the head.
  for (const command of [
    ['report', '--year', '2026'],
    ['verifikationer', '--year', '2026'],
    ['events'],
    ['export', 'sie', '--year', '2026', '--out', 'books.se'],
  ]) {
    const read = await run(...command);
    t.is(read.exitCode, 1, `finsam ${command.join(' ')}`);
    t.is(read.stdout, '', `finsam ${command.join(' ')}`);
    t.regex(read.stderr, /^STORE_TAMPERED: .*fewer than the \d+ its writer held/m);
    t.true(read.stderr.includes('If that was done on purpose, remove finsam.jsonl.head'));
  }
  t.false(existsSync(join(directory, 'books.se')), 'no export written');

  // When an event is recorded on it: refused, and neither the store nor its index is written.
  const recorded = await run('record', 'cost.jsonl');
  t.is(recorded.exitCode, 1);
  t.regex(recorded.stderr, /fewer than the \d+ its writer held/);
  t.deepEqual(await readFile(store), cut);
  t.deepEqual(await readFile(`${store}.head`), head);

  // When the head file is removed on purpose: the store verifies, and the cost is recorded again.
  await rm(`${store}.head`);
  const accepted = await run('verify');
  t.is(accepted.exitCode, 0, accepted.stderr);
  t.regex(
    accepted.stdout,
    new RegExp(`^ok: finsam\\.jsonl is intact: ${eventCountBefore} events`, 'm'),
  );
  const reported = await run('report', '--year', '2025');
  t.is(reported.exitCode, 0, reported.stderr);
  t.regex(reported.stdout, /Resultaträkning/);
  t.is((await run('record', 'cost.jsonl')).exitCode, 0);
  t.regex((await run('verify')).stdout, new RegExp(`^head: ${eventCountBefore + 1}:`, 'm'));
});
