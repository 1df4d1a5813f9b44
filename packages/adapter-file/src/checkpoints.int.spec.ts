import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createLedger,
  replayAnnualReport,
  type CheckpointNotice,
  type EventStore,
  replayAnnualReportFromStore,
} from '@finsam-ledger/core';
import { verifyFileEventStore } from './verify.js';
import { collect, ok, openOk, temporaryDirectory } from './fileStore.testSupport.js';
import { encodeSeekIndex, loadSeekIndex, seekIndexPath } from './seekIndex.js';
import { checkpointDirectoryPath } from './fileCheckpointStorage.js';
import {
  booksMetadata as metadata,
  contributions,
  openingBalanceOf2020,
} from './contributions.testSupport.js';

// Checkpoints and the seek index on the file store: derived data that is verified before it is
// used, rebuilt when it is missing, stale or altered, and reported by verify.

const streamId = 'bokforing-cp';

const costToCorrect = {
  datum: '2020-03-01',
  område: 'operativa',
  post: 'Post',
  belopp: '777.00',
  moms: '0.00',
  text: 'Kostnad att rätta',
  betalning: { sätt: 'bank' },
} as const;

/**
 * Books over three years (2020 and 2021 closed), 1 300 events: enough for the seek index to
 * hold more than one entry of the stream. Returns the id of a 2020 booking.
 */
async function recordBooks(path: string): Promise<string> {
  const store = await openOk(path);
  const ledger = createLedger({ store, förbundId: 'cp' });
  await ok(ledger.record('IngåendeBalansRegistrerad', openingBalanceOf2020(), { metadata }));
  const { event } = await ok(ledger.record('KostnadBokförd', costToCorrect, { metadata }));
  for (const year of [2020, 2021, 2022]) {
    for (let batch = 0; batch < 4; batch += 1)
      await ok(ledger.recordAll(contributions(year, 108, batch * 108)));
    if (year < 2022) await ok(ledger.closeYear(year, `${year + 1}-02-15`, { metadata }));
  }
  await store.close();
  return event.eventId;
}

/** A store seen without its checkpoints: what a full replay and a fresh writer read. */
const plain = (store: EventStore): EventStore => ({
  appendToStream: (id, events, options) => store.appendToStream(id, events, options),
  readStream: (id, options) => store.readStream(id, options),
  readAll: (options) => store.readAll(options),
  close: () => store.close(),
});

const reportJson = ({ totals: _totals, ...report }: { totals: unknown }) => JSON.stringify(report);

test('a report through checkpoints equals a full replay; a tampered or stale checkpoint is discarded, never trusted, and verify reports it', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'books.jsonl');
  await recordBooks(path);
  const store = await openOk(path, { mode: 'read-only' });
  const full = await replayAnnualReport(store.readStream(streamId), 2022);
  const notices: CheckpointNotice[] = [];
  const observe = (notice: CheckpointNotice) => notices.push(notice);
  t.is(
    reportJson(await replayAnnualReportFromStore(store, streamId, 2022, { observe })),
    reportJson(full),
  );
  const saved = await readdir(checkpointDirectoryPath(path));
  t.true(saved.includes(`annual-report.v7.${streamId}.2021.json`), saved.join(', '));

  notices.length = 0;
  t.is(
    reportJson(await replayAnnualReportFromStore(store, streamId, 2022, { observe })),
    reportJson(full),
  );
  t.like(notices[0], { kind: 'used', year: 2021 });

  // An altered figure: the digest no longer matches, the checkpoint is discarded and rebuilt.
  const name = `annual-report.v7.${streamId}.2021.json`;
  const file = join(checkpointDirectoryPath(path), name);
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace('"1930","', '"1930","9'), 'utf8');
  notices.length = 0;
  t.is(
    reportJson(await replayAnnualReportFromStore(store, streamId, 2022, { observe })),
    reportJson(full),
  );
  t.like(notices[0], { kind: 'discarded', name, reason: 'digest-mismatch' });
  t.true(notices.some((notice) => notice.kind === 'saved' && notice.name === name));

  // Another store's checkpoint under the same name: its chain hash is not this store's.
  const otherPath = join(directory, 'other.jsonl');
  await recordBooks(otherPath);
  const other = await openOk(otherPath, { mode: 'read-only' });
  await replayAnnualReportFromStore(other, streamId, 2022);
  await other.close();
  await writeFile(file, await readFile(join(checkpointDirectoryPath(otherPath), name), 'utf8'));
  const verified = await ok(verifyFileEventStore({ path }));
  t.true(verified.ok);
  t.like(
    verified.derived?.checkpoints.find((checkpoint) => checkpoint.name === name),
    { status: 'discarded' },
  );
  t.regex(
    verified.derived?.checkpoints.find((checkpoint) => checkpoint.name === name)?.reason ?? '',
    /stale: the store's chain hash at revision \d+ of bokforing-cp is/,
  );
  t.false((await readdir(checkpointDirectoryPath(path))).includes(name), 'verify removed it');
  notices.length = 0;
  t.is(
    reportJson(await replayAnnualReportFromStore(store, streamId, 2022, { observe })),
    reportJson(full),
  );
  t.like(notices[0], { kind: 'used', year: 2020 }, 'folded from the checkpoint before it');
  await store.close();
});

test('a wrong seek index is found when a read lands elsewhere, never trusted, and rebuilt; verify reports it', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'books.jsonl');
  await recordBooks(path);
  const reader = await openOk(path, { mode: 'read-only' });
  const expected = (await collect(reader.readStream(streamId))).slice(1200);
  await reader.close();
  const index = await loadSeekIndex(
    path,
    reader.storeId,
    JSON.parse((await readFile(path, 'utf8')).split('\n')[0]!).hash,
  );
  if (typeof index === 'string') return t.fail(`the writer left no index: ${index}`);
  const entries = index.entries.get(streamId)!;
  t.true(entries.length >= 2, `${entries.length} entries`);
  // A well-formed index (its digest recomputed) whose second entry points one record too far.
  const [first, second] = entries as [(typeof entries)[0], (typeof entries)[0]];
  entries[1] = { ...second, offsetBytes: second.offsetBytes + 1 };
  t.true(first.revision === 0);
  await writeFile(seekIndexPath(path), encodeSeekIndex(index), 'utf8');

  const tampered = await ok(verifyFileEventStore({ path }));
  t.is(tampered.derived?.index, 'wrong');
  t.true(tampered.derived?.indexRebuilt);
  t.is((await ok(verifyFileEventStore({ path }))).derived?.index, 'ok');

  await writeFile(seekIndexPath(path), encodeSeekIndex(index), 'utf8');
  const again = await openOk(path, { mode: 'read-only' });
  const read = await collect(again.readStream(streamId, { fromRevision: 1200 }));
  t.deepEqual(read, expected, 'the read from revision 1200 is the right one');
  await again.close();
  t.is((await ok(verifyFileEventStore({ path }))).derived?.index, 'ok', 'the reader rebuilt it');
});

test('a writer resumes from the decider checkpoint of the last closed year and corrects a booking of a closed year, found by id', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'books.jsonl');
  const correctedId = await recordBooks(path);
  t.true(
    (await readdir(checkpointDirectoryPath(path))).includes(
      `bookkeeping-decider.v2.${streamId}.2021.json`,
    ),
  );
  const store = await openOk(path);
  const firstReads: number[] = [];
  const observed: EventStore = {
    ...plain(store),
    readStream: (id, options) => {
      firstReads.push(options?.fromRevision ?? 0);
      return store.readStream(id, options);
    },
  };
  const ledger = createLedger({
    store: Object.assign(observed, { checkpoints: store.checkpoints }),
    förbundId: 'cp',
  });
  const state = await ok(ledger.state());
  t.true(firstReads[0]! > 800, `the writer read from revision ${firstReads[0]}`);
  t.true(state.closedYears.has(2021));
  // A retry of a booking from before the checkpoint is still recognised as stored.
  const retried = await ok(
    ledger.record('KostnadBokförd', costToCorrect, { metadata, eventId: correctedId }),
  );
  t.true(retried.alreadyStored);
  await ok(ledger.correct(correctedId, '2022-06-01', 'Fel kostnad', { metadata }));
  const folded = await ok(createLedger({ store: plain(store), förbundId: 'cp' }).state());
  const resumed = await ok(ledger.state());
  t.is(resumed.balances.get('1930')?.toString(), folded.balances.get('1930')?.toString());
  t.is(resumed.yearResults.get(2022)?.toString(), folded.yearResults.get(2022)?.toString());
  t.true(resumed.correctedEventIds.has(correctedId));
  await store.close();
});

test('a checkpoint save makes its directory when it is missing, and when the directory cannot be made it fails with the mkdir that could not, leaving no file behind', async (t) => {
  const directory = await temporaryDirectory(t);
  const madePath = join(directory, 'made.jsonl');
  const made = await openOk(madePath);
  await made.checkpoints!.write('first.json', '{"a":1}');
  t.deepEqual(await readdir(checkpointDirectoryPath(madePath)), ['first.json']);
  t.is(await made.checkpoints!.read('first.json'), '{"a":1}');
  await made.close();

  // A file where the checkpoints' directory should be: the save names the directory it could
  // not make, not a temporary file inside it that never existed.
  const blockedPath = join(directory, 'blocked.jsonl');
  const blocked = await openOk(blockedPath);
  await writeFile(checkpointDirectoryPath(blockedPath), 'not a directory');
  const error = await t.throwsAsync(blocked.checkpoints!.write('first.json', '{"a":1}'));
  const { code, syscall, path } = error as NodeJS.ErrnoException;
  t.is(code, 'EEXIST');
  t.is(syscall, 'mkdir');
  t.is(path, checkpointDirectoryPath(blockedPath));
  t.is(await readFile(checkpointDirectoryPath(blockedPath), 'utf8'), 'not a directory');
  await blocked.close();
  t.deepEqual(
    (await readdir(directory)).filter((name) => name.endsWith('.tmp')),
    [],
  );
});

/**
 * Run in a child process whose files may not grow beyond 8 KiB (`ulimit -f`, as a full disk would
 * stop them): opens the store, saves a small checkpoint, then one of 64 KiB, and prints how the
 * second save failed. Node ignores SIGXFSZ, so the write fails with EFBIG after its first 8 KiB.
 */
const saveBeyondFileSizeLimit = `
const [moduleUrl, storePath] = process.argv.slice(2);
const { openFileEventStore } = await import(moduleUrl);
const opened = await openFileEventStore({ path: storePath })();
if (opened._tag !== 'Right') throw new Error(opened.left.message);
const store = opened.right;
await store.checkpoints.write('first.json', '{"a":1}');
try {
  await store.checkpoints.write('second.json', JSON.stringify({ b: 'x'.repeat(65536) }));
  console.log(JSON.stringify({ saved: true }));
} catch (error) {
  console.log(JSON.stringify({ code: error.code, syscall: error.syscall }));
}
await store.close();
`;

test('a checkpoint save whose write is cut short (a file size limit, as a full disk) rejects with the write and leaves no partial temporary file', async (t) => {
  const directory = await temporaryDirectory(t);
  const script = join(directory, 'save.mjs');
  await writeFile(script, saveBeyondFileSizeLimit);
  const path = join(directory, 'store.jsonl');
  const moduleUrl = new URL('./index.ts', import.meta.url).href;
  const output = execFileSync(
    'bash',
    [
      '-c',
      'ulimit -f 8 && exec "$@"',
      'bash',
      process.execPath,
      ...process.execArgv,
      script,
      moduleUrl,
      path,
    ],
    // No tsx cache: under the limit its files would be cut short too, in a cache every other
    // process of the run shares.
    { encoding: 'utf8', env: { ...process.env, TSX_DISABLE_CACHE: '1' } },
  );
  t.deepEqual(JSON.parse(output), { code: 'EFBIG', syscall: 'write' });
  t.deepEqual(await readdir(checkpointDirectoryPath(path)), ['first.json']);
  // The store is still whole: the next open reads it, and the checkpoint saved before.
  const store = await openOk(path);
  t.is(await store.checkpoints!.read('first.json'), '{"a":1}');
  t.is(await store.checkpoints!.read('second.json'), undefined);
  await store.close();
});

test('a checkpoint save whose rename fails rejects with the rename and leaves no temporary file in the directory', async (t) => {
  const path = join(await temporaryDirectory(t), 'store.jsonl');
  const store = await openOk(path);
  await store.checkpoints!.write('first.json', '{"a":1}');
  // A directory (not empty) where the checkpoint's file should be: the rename over it fails.
  const checkpoints = checkpointDirectoryPath(path);
  await mkdir(join(checkpoints, 'second.json', 'inside'), { recursive: true });
  const error = await t.throwsAsync(store.checkpoints!.write('second.json', '{"b":2}'));
  t.is((error as NodeJS.ErrnoException).syscall, 'rename');
  t.deepEqual((await readdir(checkpoints)).sort(), ['first.json', 'second.json']);
  await store.close();
});
