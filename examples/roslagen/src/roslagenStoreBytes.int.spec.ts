import test from 'ava';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { openFileEventStore } from '@finsam-ledger/adapter-file';
import { recordRoslagenHistory, roslagenStorePath } from './roslagenStore.js';

/**
 * The file store's bytes are the format, not an implementation detail: an auditor's copy and its
 * hash chain must stay what they were whatever the writer's code does to be faster (issue 15).
 * The example's committed store was written by earlier code; recording the same history again,
 * through the ledger's catalog and rules, into a store with the committed store's header (its id
 * and creation instant) and the same clock must give the committed file byte for byte: every
 * record, every stamp and every hash of the chain.
 */
test('issue 15: recording the Roslagen history again writes the committed store byte for byte', async (t) => {
  const committed = await readFile(roslagenStorePath);
  const header = committed.subarray(0, committed.indexOf(0x0a) + 1);
  const directory = await mkdtemp(join(tmpdir(), 'finsam-roslagen-bytes-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const path = join(directory, 'roslagen.finsam.jsonl');
  await writeFile(path, header);
  let now = new Date(0);
  const opened = await openFileEventStore({ path, mode: 'read-write', clock: () => now })();
  if (E.isLeft(opened)) return t.fail(opened.left.message);
  const recorded = await recordRoslagenHistory(opened.right, (recordedAt) => {
    now = new Date(recordedAt);
  });
  await opened.right.close();
  if (E.isLeft(recorded)) return t.fail(recorded.left.message);
  const written = await readFile(path);
  t.is(written.length, committed.length);
  // The first line that differs, if any, named rather than two megabytes printed.
  const writtenLines = written.toString('utf8').split('\n');
  const committedLines = committed.toString('utf8').split('\n');
  const firstDifferent = committedLines.findIndex((line, index) => writtenLines[index] !== line);
  t.is(firstDifferent, -1, `line ${firstDifferent + 1}: ${writtenLines[firstDifferent]}`);
  t.true(written.equals(committed));
});
