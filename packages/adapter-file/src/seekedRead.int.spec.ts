import { copyFile, open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import * as E from 'fp-ts/Either';
import { isLedgerError, type LedgerError } from '@finsam-ledger/core';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { appendOk, lineRanges, openOk, temporaryDirectory } from './fileStore.testSupport.js';
import { openFileEventStore } from './adapter.js';
import { readHeader } from './readHeader.js';
import { loadSeekIndex, seekEntryAtOrBeforePosition, seekIndexPath } from './seekIndex.js';
import { verifyFileEventStore } from './verify.js';

// A read from a far position starts at the seek index's entry before it (the year index), not at
// the first record. These tests say what such a read checks: every line from the entry on, as a
// read from the start does (the same error at the same line, the same torn tail held back), and
// nothing before the entry, which a read from the start, opening for writing without a sound
// writer index, and verify() find.

/** Events in stream `s`: over one seek-index entry's worth, so the index has a far entry. */
const batches = 20;
const batchSize = 100;

interface Fixture {
  readonly directory: string;
  readonly path: string;
  readonly bytes: Buffer;
  /** Where the seeked read starts its walk: the far entry's line. */
  readonly entryLine: number;
  /** The position the seeked read asks for, after the entry. */
  readonly fromPosition: number;
  readonly eventCount: number;
}

async function makeFixture(t: ExecutionContext): Promise<Fixture> {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'original.jsonl');
  const writer = await openOk(path);
  for (let batch = 0; batch < batches; batch += 1) {
    await appendOk(writer, 's', makeTestEvents(batchSize));
    await appendOk(writer, 'o', makeTestEvents(2));
  }
  const eventCount = writer.head().eventCount;
  await writer.close();
  const file = await open(path, 'r');
  const header = await readHeader(file);
  await file.close();
  if (E.isLeft(header)) throw new Error(header.left.message);
  const index = await loadSeekIndex(path, writer.storeId, header.right.hash);
  if (typeof index === 'string') throw new Error(`no seek index: ${index}`);
  const fromPosition = eventCount - 300;
  const seek = seekEntryAtOrBeforePosition(index, fromPosition);
  t.true(seek !== undefined && seek.entry.position > 1000, 'the read starts at a far entry');
  return {
    directory,
    path,
    bytes: await readFile(path),
    entryLine: seek!.entry.lineNumber,
    fromPosition,
    eventCount,
  };
}

/** A copy of the store with `bytes` instead of its own, beside the original's seek index. */
async function storeWith(fixture: Fixture, name: string, bytes: Buffer): Promise<string> {
  const path = join(fixture.directory, `${name}.jsonl`);
  await writeFile(path, bytes);
  await copyFile(seekIndexPath(fixture.path), seekIndexPath(path));
  return path;
}

/** The bytes with one byte of a record's line changed: its checksum no longer matches. */
function damaged(bytes: Buffer, lineNumber: number): Buffer {
  const copy = Buffer.from(bytes);
  const line = lineRanges(bytes)[lineNumber - 1]!;
  const at = line.start + Math.floor((line.end - line.start) / 2);
  copy[at] = copy[at] === 0x41 ? 0x42 : 0x41;
  return copy;
}

/** How a read ended: the events it served, and the error code and line that stopped it. */
async function readOutcome(events: AsyncIterable<{ globalPosition: number }>) {
  const served: number[] = [];
  try {
    for await (const event of events) served.push(event.globalPosition);
    return { served, error: undefined };
  } catch (thrown) {
    const error = thrown as LedgerError;
    return { served, error: { code: error.code, lineNumber: error.details?.['lineNumber'] } };
  }
}

test('a read from a far seek entry finds damage after the entry at the line a read from the start names', async (t) => {
  const fixture = await makeFixture(t);
  // After the position read from (the header is line 1, position 0 is line 2).
  const damagedLine = fixture.fromPosition + 2 + 150;
  const path = await storeWith(fixture, 'after', damaged(fixture.bytes, damagedLine));
  const reader = await openOk(path, { mode: 'read-only' });
  const seeked = await readOutcome(reader.readAll({ fromPosition: fixture.fromPosition }));
  const full = await readOutcome(reader.readAll());
  await reader.close();
  t.deepEqual(seeked.error, { code: 'STORE_CORRUPTED', lineNumber: damagedLine });
  t.deepEqual(full.error, seeked.error);
  t.true(seeked.served.length > 0);
  // Both served the events of the complete batches before the damage, from where each began.
  t.deepEqual(
    seeked.served,
    full.served.filter((position) => position >= fixture.fromPosition),
  );
});

test('a read from a far seek entry does not see damage before the entry; a read from the start and verify do', async (t) => {
  const fixture = await makeFixture(t);
  const damagedLine = Math.floor(fixture.entryLine / 2);
  const path = await storeWith(fixture, 'before', damaged(fixture.bytes, damagedLine));
  const reader = await openOk(path, { mode: 'read-only' });
  const seeked = await readOutcome(reader.readAll({ fromPosition: fixture.fromPosition }));
  t.is(seeked.error, undefined);
  t.is(seeked.served.length, fixture.eventCount - fixture.fromPosition);
  const full = await readOutcome(reader.readAll());
  t.deepEqual(full.error, { code: 'STORE_CORRUPTED', lineNumber: damagedLine });
  await reader.close();
  const report = await verifyFileEventStore({ path })();
  if (E.isLeft(report)) return t.fail(report.left.message);
  t.false(report.right.ok);
  t.is(report.right.problem?.lineNumber, damagedLine);
  // Opening for writing checks the whole file when there is no writer's index beside it.
  const opened = await openFileEventStore({ path })();
  t.true(E.isLeft(opened) && isLedgerError(opened.left, 'STORE_CORRUPTED'));
});

test('a read from a far seek entry holds back a torn last batch as a read from the start does', async (t) => {
  const fixture = await makeFixture(t);
  const ranges = lineRanges(fixture.bytes);
  // Into the middle of the last batch: its first record whole, the next cut.
  const cut = ranges[ranges.length - 1]!.start + 10;
  const path = await storeWith(fixture, 'torn', fixture.bytes.subarray(0, cut));
  const reader = await openOk(path, { mode: 'read-only' });
  const seeked = await readOutcome(reader.readAll({ fromPosition: fixture.fromPosition }));
  const full = await readOutcome(reader.readAll());
  await reader.close();
  t.is(seeked.error, undefined);
  t.is(full.error, undefined);
  t.is(full.served.length, fixture.eventCount - 2, 'the last batch (of 2) is not served');
  t.deepEqual(
    seeked.served,
    full.served.filter((position) => position >= fixture.fromPosition),
  );
});
