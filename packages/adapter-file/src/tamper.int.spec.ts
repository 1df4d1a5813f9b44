import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import * as E from 'fp-ts/Either';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { openFileEventStore } from './adapter.js';
import { sealLine } from './hashChain.js';
import { lockPathOf } from './lock.js';
import {
  appendOk,
  fileHash,
  lineRanges,
  openOk,
  temporaryDirectory,
} from './fileStore.testSupport.js';
import { traceMisplacedRecordLimits } from './traceMisplacedRecord.js';
import { verifyFileEventStore, type StoreHead, type VerifyReport } from './verify.js';

interface Fixture {
  readonly bytes: Buffer;
  readonly lines: Buffer[];
  /** Event id by 1-based line number (undefined for the header). */
  readonly eventIdOfLine: (lineNumber: number) => string | undefined;
  readonly head: StoreHead;
}

/** A store of 8 events in 5 appends: single events and batches, three streams. */
async function makeFixture(t: ExecutionContext): Promise<Fixture> {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'original.jsonl');
  const store = await openOk(path);
  await appendOk(store, 'a', makeTestEvents(1), 'no_stream');
  await appendOk(store, 'b', makeTestEvents(3), 'no_stream');
  await appendOk(store, 'a', makeTestEvents(2), 0);
  await appendOk(store, 'c', makeTestEvents(1));
  await appendOk(store, 'b', makeTestEvents(1), 2);
  const head = store.head();
  await store.close();
  const bytes = await readFile(path);
  const lines = lineRanges(bytes).map(({ start, end }) => bytes.subarray(start, end + 1));
  t.is(lines.length, 9);
  return {
    bytes,
    lines,
    eventIdOfLine: (lineNumber) =>
      lineNumber === 1
        ? undefined
        : (JSON.parse(lines[lineNumber - 1]!.toString('utf8')) as { eventId: string }).eventId,
    head,
  };
}

async function verifyBytes(
  t: ExecutionContext,
  bytes: Buffer,
  expectedHead?: StoreHead,
): Promise<{ report: VerifyReport; path: string }> {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'tampered.jsonl');
  await writeFile(path, bytes);
  const result = await verifyFileEventStore({
    path,
    ...(expectedHead === undefined ? {} : { expectedHead }),
  })();
  if (E.isLeft(result)) throw result.left;
  return { report: result.right, path };
}

/** What verify found, and the 200 bytes from where it found it: a failed assertion's message. */
const problemText = (report: VerifyReport, bytes: Buffer): string => {
  const offsetBytes = report.problem?.offsetBytes ?? 0;
  return `${report.problem?.kind} ${report.problem?.message} ${JSON.stringify(bytes.subarray(offsetBytes, offsetBytes + 200).toString('latin1'))}`;
};

/**
 * Asserts that verify finds the problem at the line (and event), and that opening for writing
 * refuses the file without touching it.
 */
async function assertCaught(
  t: ExecutionContext,
  bytes: Buffer,
  expected: {
    lineNumber: number;
    eventId?: string | undefined;
    kind?: string;
    position?: number;
    message?: RegExp;
  },
  expectedHead?: StoreHead,
): Promise<void> {
  const { report, path } = await verifyBytes(t, bytes, expectedHead);
  t.false(report.ok, `verify must fail (expected line ${expected.lineNumber})`);
  t.is(report.problem?.lineNumber, expected.lineNumber, report.problem?.message);
  if (expected.eventId !== undefined)
    t.is(report.problem?.eventId, expected.eventId, problemText(report, bytes));
  if (expected.kind !== undefined)
    t.is<string | undefined, string | undefined>(report.problem?.kind, expected.kind);
  if (expected.position !== undefined) t.is(report.problem?.position, expected.position);
  if (expected.message !== undefined) t.regex(report.problem?.message ?? '', expected.message);
  if (expectedHead === undefined) await assertOpenRefuses(t, path, report, expected.lineNumber);
}

/**
 * Asserts that opening the store for writing refuses it with verify's code and line, and leaves
 * the file and its lock as they were.
 */
async function assertOpenRefuses(
  t: ExecutionContext,
  path: string,
  report: VerifyReport,
  lineNumber: number,
): Promise<void> {
  const before = await fileHash(path);
  const opened = await openFileEventStore({ path, onWarning: () => undefined })();
  t.true(E.isLeft(opened), 'opening for writing refuses a tampered store');
  if (E.isLeft(opened)) {
    t.is<string | undefined, string | undefined>(opened.left.code, report.problem?.code);
    t.is(opened.left.details['lineNumber'], lineNumber);
  }
  t.is(await fileHash(path), before, 'a refused open leaves the file untouched');
  t.false(existsSync(lockPathOf(path)), 'a refused open releases its lock');
}

const reseal = (line: Buffer, change: (record: Record<string, unknown>) => void): Buffer => {
  const record = JSON.parse(line.toString('utf8')) as Record<string, unknown>;
  delete record['hash'];
  change(record);
  return sealLine(JSON.stringify(record)).bytes;
};

test('the untampered fixture verifies, and its head is the last record', async (t) => {
  const fixture = await makeFixture(t);
  const { report } = await verifyBytes(t, fixture.bytes, fixture.head);
  t.true(report.ok);
  t.is(report.eventCount, 8);
  t.deepEqual(report.head, fixture.head);
  t.is(report.tornTail, undefined);
});

test('flipping any single byte is caught at its line, with the event id, by verify and by open', async (t) => {
  const fixture = await makeFixture(t);
  const ranges = lineRanges(fixture.bytes);
  const lineOf = (offset: number): number =>
    ranges.findIndex(({ start, end }) => offset >= start && offset <= end) + 1;
  let checked = 0;
  for (let offset = 0; offset < fixture.bytes.length; offset += 1) {
    const lineNumber = lineOf(offset);
    // Every byte of the header and of the last record, and every fifth byte elsewhere.
    if (lineNumber !== 1 && lineNumber !== ranges.length && offset % 5 !== 0) continue;
    const tampered = Buffer.from(fixture.bytes);
    tampered[offset] = tampered[offset]! ^ (1 << (offset % 7));
    const originalId = fixture.eventIdOfLine(lineNumber);
    const line = fixture.lines[lineNumber - 1]!.toString('latin1');
    const idStart = ranges[lineNumber - 1]!.start + line.indexOf('"eventId":"') + 11;
    const flipInsideId = offset >= idStart && offset < idStart + 36;
    await assertCaught(t, tampered, {
      lineNumber,
      ...(flipInsideId ? {} : { eventId: originalId }),
    });
    checked += 1;
  }
  t.true(checked > 1000, `checked ${checked} positions`);
  t.log(`${checked} single-byte flips, each caught at its line by verify and by open`);
});

test('deleting a record is caught where it was, naming the missing position and record', async (t) => {
  const fixture = await makeFixture(t);
  // Line 2 is a@0, line 4 b@1 (the middle of a batch of three), line 7 a@2 (the stream's last:
  // no later record of a shows the gap, so the removed record cannot be named).
  for (const [deleted, message] of [
    [
      2,
      /^the record \(TestHändelse, b@0\) has position 1 where position 0 belongs: no line of the file holds position 0: the record \(a@0, by the revisions its stream skips\) was removed$/,
    ],
    [
      4,
      /^the record \(TestHändelse, b@2\) has position 3 where position 2 belongs: no line of the file holds position 2: the record \(b@1, by the revisions its stream skips\) was removed$/,
    ],
    [
      7,
      /^the record \(TestHändelse, c@0\) has position 6 where position 5 belongs: no line of the file holds position 5: the record was removed$/,
    ],
  ] as const) {
    const lines = fixture.lines.filter((_, index) => index !== deleted - 1);
    await assertCaught(t, Buffer.concat(lines), {
      lineNumber: deleted,
      eventId: fixture.eventIdOfLine(deleted + 1),
      kind: 'position-mismatch',
      position: deleted - 2,
      message,
    });
  }
});

test('deleting a whole append is caught as that many records removed, each named', async (t) => {
  const fixture = await makeFixture(t);
  // Lines 3 to 5 are the batch b@0 to b@2; b@3 at line 9 shows its stream's gap.
  const lines = fixture.lines.filter((_, index) => index < 2 || index > 4);
  await assertCaught(t, Buffer.concat(lines), {
    lineNumber: 3,
    eventId: fixture.eventIdOfLine(6),
    kind: 'position-mismatch',
    position: 1,
    message:
      /: no line of the file holds any of the 3 positions 1 to 3 it skips: 3 records \(b@0 to @2, by the revisions its stream skips\) were removed$/,
  });
  const { report } = await verifyBytes(t, Buffer.concat(lines));
  t.deepEqual(report.problem?.record, {
    streamId: 'a',
    streamRevision: 1,
    type: 'TestHändelse',
    position: 4,
  });
});

test('deleting records at the end is caught against a recorded head', async (t) => {
  const fixture = await makeFixture(t);
  // The whole last append (one event): nothing in the file hints at an unfinished append.
  await assertCaught(
    t,
    Buffer.concat(fixture.lines.slice(0, 8)),
    {
      lineNumber: 9,
      kind: 'truncated',
      message:
        /^the store holds 7 events, fewer than the 8 of the expected head: events were removed from the end, or the head is not this store's$/,
    },
    fixture.head,
  );
  // The last record of a batch, which reads as an unfinished append: a copy taken while it was
  // being written is as likely as a removal.
  const unfinishedAppend =
    /^the store holds 1 event, fewer than the 4 of the expected head: the file was copied, or its writer stopped, while its last append was being written \(2 of 3 records of a batch to .* starting at position 1 with event .*, from line 3, byte \d+\), and the head was written down after that append, events were removed from the end, or the head is not this store's$/;
  const headAfterBatch: StoreHead = {
    eventCount: 4,
    hash: (JSON.parse(fixture.lines[4]!.toString('utf8')) as { hash: string }).hash,
  };
  await assertCaught(
    t,
    Buffer.concat(fixture.lines.slice(0, 4)),
    { lineNumber: 3, kind: 'truncated', position: 1, message: unfinishedAppend },
    headAfterBatch,
  );
  // A head further on than the unfinished append could reach: removal, not an unfinished copy.
  const { report } = await verifyBytes(t, Buffer.concat(fixture.lines.slice(0, 4)), fixture.head);
  t.is(report.problem?.kind, 'truncated');
  t.regex(report.problem?.message ?? '', /fewer than the 8 of the expected head: events were/);
});

test('swapping two records is caught at the first of them', async (t) => {
  const fixture = await makeFixture(t);
  for (const [first, second] of [
    [3, 4],
    [2, 8],
    [6, 9],
  ] as const) {
    const lines = [...fixture.lines];
    lines[first - 1] = fixture.lines[second - 1]!;
    lines[second - 1] = fixture.lines[first - 1]!;
    await assertCaught(t, Buffer.concat(lines), {
      lineNumber: first,
      eventId: fixture.eventIdOfLine(second),
      kind: 'position-mismatch',
      message: new RegExp(
        `where position ${first - 2} belongs: the record with position ${first - 2} is at line ${second}, further on: records were moved$`,
      ),
    });
  }
});

test('inserting a copied or a hand-written record is caught', async (t) => {
  const fixture = await makeFixture(t);
  const copy = [...fixture.lines];
  copy.splice(3, 0, fixture.lines[2]!);
  await assertCaught(t, Buffer.concat(copy), {
    lineNumber: 4,
    eventId: fixture.eventIdOfLine(3),
    kind: 'position-mismatch',
    message: new RegExp(
      `^the record \\(TestHändelse, b@0\\) has position 1 where position 2 belongs: line 3 holds the same record \\(position 1, event ${fixture.eventIdOfLine(3)}\\): this line is a copy of it, inserted$`,
    ),
  });

  // Edited by hand, checksum left as it was.
  const edited = Buffer.from(
    fixture.lines[4]!.toString('utf8').replace('"amount":"363333.00"', '"amount":"963333.00"'),
    'utf8',
  );
  t.notDeepEqual(edited, fixture.lines[4]);
  const handWritten = [...fixture.lines];
  handWritten.splice(4, 1, edited);
  await assertCaught(t, Buffer.concat(handWritten), {
    lineNumber: 5,
    eventId: fixture.eventIdOfLine(5),
    kind: 'checksum-mismatch',
  });

  // Forged: a new record with a freshly computed checksum, linked to the record before it.
  const forgedId = globalThis.crypto.randomUUID();
  const forged = reseal(fixture.lines[4]!, (record) => {
    record['eventId'] = forgedId;
  });
  const inserted = [...fixture.lines];
  inserted.splice(4, 0, forged);
  await assertCaught(t, Buffer.concat(inserted), {
    lineNumber: 6,
    eventId: fixture.eventIdOfLine(5),
    kind: 'position-mismatch',
    message: new RegExp(
      `where position 4 belongs: line 5 holds position 3 with event ${forgedId}: two records claim the position, so one of them was inserted, or this one was moved back from further on$`,
    ),
  });
  // Verifying against a recorded head fails as well.
  const { report } = await verifyBytes(t, Buffer.concat(inserted), fixture.head);
  t.false(report.ok);
});

test('appending a hand-written record is caught', async (t) => {
  const fixture = await makeFixture(t);
  const last = fixture.lines[8]!;
  const newId = globalThis.crypto.randomUUID();
  const naive = Buffer.from(
    last
      .toString('utf8')
      .replace(fixture.eventIdOfLine(9)!, newId)
      .replace('"position":7', '"position":8'),
    'utf8',
  );
  await assertCaught(t, Buffer.concat([...fixture.lines, naive]), {
    lineNumber: 10,
    eventId: newId,
    kind: 'checksum-mismatch',
  });

  // Resealed, but it claims a revision its stream does not have next.
  const lastRecord = JSON.parse(last.toString('utf8')) as { hash: string };
  const forged = reseal(last, (record) => {
    record['eventId'] = newId;
    record['position'] = 8;
    record['prev'] = lastRecord.hash;
  });
  await assertCaught(t, Buffer.concat([...fixture.lines, forged]), {
    lineNumber: 10,
    eventId: newId,
    kind: 'stream-revision-mismatch',
  });
});

test('a resealed record claiming a position far ahead is traced only so far, and said so', async (t) => {
  const fixture = await makeFixture(t);
  const lastRecord = JSON.parse(fixture.lines[8]!.toString('utf8')) as { hash: string };
  const farAhead = 1_000_000_007;
  const forged = reseal(fixture.lines[8]!, (record) => {
    record['eventId'] = globalThis.crypto.randomUUID();
    record['position'] = farAhead;
    record['prev'] = lastRecord.hash;
  });
  await assertCaught(t, Buffer.concat([...fixture.lines, forged]), {
    lineNumber: 10,
    kind: 'position-mismatch',
    position: 8,
    message: new RegExp(
      `: no line of the file holds any of the first ${traceMisplacedRecordLimits.gapPositionsTracedMax} of the ${farAhead - 8} positions 8 to ${farAhead - 1} it skips: records were removed, or this record's position was changed$`,
    ),
  });
});

test('rewriting history with recomputed checksums is caught against a recorded head', async (t) => {
  const fixture = await makeFixture(t);
  const lines = [...fixture.lines];
  let prev = (JSON.parse(lines[0]!.toString('utf8')) as { hash: string }).hash;
  for (let index = 1; index < lines.length; index += 1) {
    lines[index] = reseal(fixture.lines[index]!, (record) => {
      if (index === 3) (record['data'] as Record<string, unknown>)['amount'] = '1.00';
      record['prev'] = prev;
    });
    prev = (JSON.parse(lines[index]!.toString('utf8')) as { hash: string }).hash;
  }
  // Without a head kept elsewhere, a full rewrite is a consistent file: that is what the head is
  // for.
  t.true((await verifyBytes(t, Buffer.concat(lines))).report.ok);
  await assertCaught(
    t,
    Buffer.concat(lines),
    { lineNumber: 9, kind: 'anchor-mismatch' },
    fixture.head,
  );
  const earlyHead: StoreHead = {
    eventCount: 1,
    hash: (JSON.parse(fixture.lines[1]!.toString('utf8')) as { hash: string }).hash,
  };
  t.true(
    (await verifyBytes(t, Buffer.concat(lines), earlyHead)).report.ok,
    'the chain up to the first event is unchanged',
  );
  const headAfterChange: StoreHead = {
    eventCount: 3,
    hash: (JSON.parse(fixture.lines[3]!.toString('utf8')) as { hash: string }).hash,
  };
  await assertCaught(
    t,
    Buffer.concat(lines),
    { lineNumber: 4, kind: 'anchor-mismatch', eventId: fixture.eventIdOfLine(4) },
    headAfterChange,
  );
});

test('issue 14 item 4: bytes without a newline that are not the start of a record are tampering, not a torn tail', async (t) => {
  const fixture = await makeFixture(t);
  for (const added of ['GARBAGE', '{"position":3,', '{"position":8,"streamId":"a"X', ' ']) {
    const { report, path } = await verifyBytes(
      t,
      Buffer.concat([fixture.bytes, Buffer.from(added)]),
    );
    t.false(report.ok, added);
    t.is(report.problem?.kind, 'not-a-record-prefix', added);
    t.is(report.problem?.code, 'STORE_TAMPERED', added);
    t.is(report.problem?.lineNumber, 10, added);
    t.is(report.tornTail, undefined, added);
    const before = await fileHash(path);
    const opened = await openFileEventStore({ path, onWarning: () => undefined })();
    t.is(E.isLeft(opened) ? opened.left.code : 'opened', 'STORE_TAMPERED', added);
    t.is(await fileHash(path), before, 'a refused open leaves the file as it was');
  }
  // A true prefix of the next record is still a torn tail.
  const next = '{"position":8,"streamId":"c","streamRev';
  const { report } = await verifyBytes(t, Buffer.concat([fixture.bytes, Buffer.from(next)]));
  t.true(report.ok);
  t.is(report.tornTail?.partialLineBytes, next.length);
});
