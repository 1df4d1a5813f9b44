import anyTest, { type TestFn } from 'ava';
import { createHash } from 'node:crypto';
import {
  appendFile,
  copyFile,
  mkdtemp,
  readFile,
  rm,
  stat,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot, runFinsamProcess } from './runCli.testSupport.js';

// What `finsam audit` says of a copy of the Roslagen store that was damaged, cut short or
// padded, or checked against an earlier head: each run as a child process on a copy in a fresh
// temporary directory, as an auditor runs it. Serial: each test starts Node processes.
const test = anyTest.serial as TestFn;

const roslagenStore = join(repositoryRoot, 'examples/roslagen/data/roslagen.finsam.jsonl');
const roslagenConfig = join(repositoryRoot, 'examples/roslagen/forbund.json');

async function copyOfRoslagen(t: { teardown: (fn: () => Promise<void>) => void }) {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-audit-damage-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const store = join(directory, 'roslagen.finsam.jsonl');
  await copyFile(roslagenStore, store);
  return store;
}

const finsam = (store: string, ...args: string[]) =>
  runFinsamProcess(['--store', store, '--config', roslagenConfig, ...args]);

const digestOf = async (path: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

/** Rewrites the store's lines (1-based, the header is line 1). */
async function editLines(store: string, edit: (lines: string[]) => void): Promise<void> {
  const lines = (await readFile(store, 'utf8')).split('\n');
  edit(lines);
  await writeFile(store, lines.join('\n'));
}

test('an amount changed in a record fails the audit with a chain finding that says what is damaged and what is intact, and writes nothing to the store', async (t) => {
  const store = await copyOfRoslagen(t);
  await editLines(store, (lines) => {
    lines[1748] = lines[1748]!.replace('"belopp":"192650.00"', '"belopp":"192651.00"');
  });
  const before = await digestOf(store);
  const run = await finsam(store, 'audit');
  t.is(run.exitCode, 1, run.stderr);
  t.is(run.stderr, '');
  t.regex(run.stdout, /^FAILED: .* fails the audit with 1 finding:$/m);
  t.regex(
    run.stdout,
    /^ {2}- chain checksum-mismatch at \(position 1747, 34218331-6524-44da-834d-a10202d244d6\): the line's checksum does not match its bytes .* \(line 1749\)\. The 1747 events of the appends before the one it belongs to are intact; their head is 1747:17984ef61f4204b1129ea3be45bb83d88910c464afac883814eb42e5f46a27d3\.$/m,
  );
  t.regex(run.stdout, /^ {2}the hash chain FAILED after 1747 events, all intact$/m);
  t.regex(
    run.stdout,
    /re-run in order over the 1747 intact events only \(nothing after the damage was read\): bokforing-roslagen 736 events, deltagare-roslagen 1011 events/,
  );
  t.regex(
    run.stdout,
    /invariants checked for 2020, 2021, 2022 \(2022 only as far as the intact events reach\):/,
  );
  t.is(await digestOf(store), before, 'the audit writes nothing to the store');
});

test('a removed record fails the audit with a chain finding, and the events before it are still audited', async (t) => {
  const store = await copyOfRoslagen(t);
  await editLines(store, (lines) => lines.splice(500, 1));
  const before = await digestOf(store);
  const run = await finsam(store, 'audit');
  t.is(run.exitCode, 1, run.stderr);
  t.is(run.stderr, '');
  t.regex(
    run.stdout,
    /^ {2}- chain position-mismatch at deltagare-roslagen@404 \(position 499, DeltagareInskriven 85906d10-2a6c-44b4-b386-aaf750ec49ab\): the record \(DeltagareInskriven, deltagare-roslagen@404\) has position 500 where position 499 belongs: no line of the file holds position 499: the record \(deltagare-roslagen@403, by the revisions its stream skips\) was removed \(line 501\)\. The 499 events of the appends before the one it belongs to are intact; their head is 499:3ef8c72ab6b0ff1437e8d0766ee6308a2a27e26f9abbeab383020df20431f8b5\.$/m,
  );
  t.regex(run.stdout, /over the 499 intact events only/);
  t.notRegex(run.stdout, /^ok:/m);
  t.is(await digestOf(store), before, 'the audit writes nothing to the store');
});

test('a booking moved further on fails the audit with a chain finding naming the line it now stands at', async (t) => {
  const store = await copyOfRoslagen(t);
  // Line 314 holds position 312, a LeverantörsskuldBetald of the books; it is put after line 320.
  await editLines(store, (lines) => {
    const [moved] = lines.splice(313, 1);
    lines.splice(319, 0, moved!);
  });
  const run = await finsam(store, 'audit');
  t.is(run.exitCode, 1, run.stderr);
  t.regex(
    run.stdout,
    /^ {2}- chain position-mismatch at deltagare-roslagen@302 \(position 312, DeltagareInskriven c311bcf8-dc54-4d9c-b2e7-dc6912f5a145\): the record \(DeltagareInskriven, deltagare-roslagen@302\) has position 313 where position 312 belongs: the record with position 312 is at line 320, further on: records were moved \(line 314\)\./m,
  );
});

test('a damaged header fails the audit with a chain finding, not a bare store error', async (t) => {
  const store = await copyOfRoslagen(t);
  await editLines(store, (lines) => {
    lines[0] = lines[0]!.replace('"storeId":"', '"storeId":"x');
  });
  const run = await finsam(store, 'audit');
  t.is(run.exitCode, 1, run.stderr);
  t.is(run.stderr, '');
  t.regex(
    run.stdout,
    /^ {2}- chain header-damaged: the header's checksum does not match its bytes \(line 1\)\. The damage is in the header, so no event is vouched for/m,
  );
  t.regex(run.stdout, /^ {2}the hash chain FAILED at the header$/m);
});

test('a torn tail passes the audit with a warning naming the event the file lost', async (t) => {
  const store = await copyOfRoslagen(t);
  const { size } = await stat(store);
  await truncate(store, size - 300);
  const run = await finsam(store, 'audit');
  t.is(run.exitCode, 0, run.stdout);
  t.regex(run.stdout, /^ok: .* passes the audit\./);
  t.regex(run.stdout, /hash chain intact over 1750 events/);
  t.regex(
    run.stdout,
    /^warning \(not a failure\): chain torn-tail at \(position 1750\): the file ends in an append that never completed \(an unfinished line of \d+ bytes, from line 1752, byte \d+\) after 1750 events in complete appends: the events of that append, from position 1750 on, are not in the store, so the audit did not see them\. .*never acknowledged.*--expected-head/m,
  );
  const verify = await finsam(store, 'verify');
  t.regex(verify.stdout, /from position 1750 on/);
});

test('zeros after the last record pass the audit with a warning that bytes follow the records', async (t) => {
  const store = await copyOfRoslagen(t);
  await appendFile(store, Buffer.alloc(4096));
  const run = await finsam(store, 'audit');
  t.is(run.exitCode, 0, run.stdout);
  t.regex(run.stdout, /^ok: .* passes the audit\./);
  t.regex(
    run.stdout,
    /^warning \(not a failure\): chain unused-tail: 4096 bytes of zeros follow the last record, from byte \d+: /m,
  );
  t.regex(run.stdout, /^No event's recordedAt/m, 'not "No warnings" beside a warning');
});

test('an expected head earlier than the store head passes, and says the later events are not vouched for', async (t) => {
  const store = await copyOfRoslagen(t);
  const head = '1747:17984ef61f4204b1129ea3be45bb83d88910c464afac883814eb42e5f46a27d3';
  const later =
    /the expected head vouches for the first 1747 events, not for the 4 events stored after it/;
  const verify = await finsam(store, 'verify', '--expected-head', head);
  t.is(verify.exitCode, 0, verify.stderr);
  t.regex(verify.stdout, later);
  const run = await finsam(store, 'audit', '--expected-head', head);
  t.is(run.exitCode, 0, run.stdout);
  t.regex(run.stdout, /^ok: .* passes the audit\./);
  t.regex(run.stdout, later);
  const full = await finsam(store, 'audit', '--expected-head', await headOf(store));
  t.notRegex(full.stdout, /not vouched|not for the/);
});

/** A head as `finsam verify` prints it. */
async function headOf(store: string): Promise<string> {
  const verified = await finsam(store, 'verify');
  const head = /^head: (\S+)$/m.exec(verified.stdout)?.[1];
  if (head === undefined) throw new Error(`no head in: ${verified.stdout}${verified.stderr}`);
  return head;
}
