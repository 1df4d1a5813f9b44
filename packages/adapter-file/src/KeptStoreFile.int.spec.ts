import { readdirSync, readlinkSync, realpathSync } from 'node:fs';
import {
  appendFile,
  copyFile,
  open,
  readFile,
  rename,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { followStream, isLedgerError, type StoredEvent } from '@finsam-ledger/core';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { KeptStoreFile } from './KeptStoreFile.js';
import {
  appendOk,
  collect,
  lineRanges,
  openOk,
  temporaryDirectory,
} from './fileStore.testSupport.js';

// A store keeps its file open for reading while it is open (KeptStoreFile): a live reader's read
// of the tail after each append is one read, with no open and close. These tests hold it to what
// a read that opened the path did: it sees what is appended, serves a truncated file's complete
// batches, refuses another store put in its place, and leaves no descriptor open after close.
// The descriptors are counted in Linux's /proc/self/fd, as the project's CI runs, one test at a
// time (ava runs a file's tests concurrently otherwise).

/**
 * This process's open descriptors, and where each points; without libuv's inotify descriptor,
 * which the first watch of a file opens for the rest of the process.
 */
const openDescriptors = (): Map<string, string> => {
  const descriptors = new Map<string, string>();
  for (const name of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${name}`);
      if (target !== 'anon_inode:inotify') descriptors.set(name, target);
    } catch {
      // The descriptor readdir itself used is gone by now.
    }
  }
  return descriptors;
};

/** The descriptors open on `path`, or on a file that was at `path` and has been replaced. */
const descriptorsOn = (path: string): string[] =>
  [...openDescriptors()]
    .filter(([, target]) => target === path || target === `${path} (deleted)`)
    .map(([descriptor, target]) => `${descriptor} ${target}`);

/** The descriptors open on any file in `directory`: the store, its index files, its lock. */
const descriptorsUnder = (directory: string): string[] => {
  const real = realpathSync(directory);
  return [...openDescriptors()]
    .filter(([, target]) => target.startsWith(`${real}/`))
    .map(([descriptor, target]) => `${descriptor} ${target}`);
};

const revisions = (events: readonly StoredEvent[]): number[] =>
  events.map((event) => event.streamRevision);

/** A store of `batches` appends of one event each to stream `s`, and a reader that read them. */
async function followedStore(t: Parameters<typeof temporaryDirectory>[0], batches: number) {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  const writer = await openOk(path);
  for (let batch = 0; batch < batches; batch += 1) await appendOk(writer, 's', makeTestEvents(1));
  const reader = await openOk(path, { mode: 'read-only' });
  t.deepEqual(revisions(await collect(reader.readStream('s'))), [
    ...Array.from({ length: batches }, (_, index) => index),
  ]);
  return { directory, path, writer, reader };
}

test.serial(
  'a followed read-only store sees each appended event through one descriptor kept open, and close releases it',
  async (t) => {
    const directory = await temporaryDirectory(t);
    const path = join(directory, 'store.jsonl');
    const writer = await openOk(path);
    await appendOk(writer, 's', makeTestEvents(2));
    const writerDescriptors = new Set(descriptorsOn(path));
    const readerDescriptorsNow = (): string[] =>
      descriptorsOn(path).filter((descriptor) => !writerDescriptors.has(descriptor));
    const reader = await openOk(path, { mode: 'read-only' });
    // The header's read opened it: that descriptor is kept.
    const kept = readerDescriptorsNow();
    t.is(kept.length, 1, kept.join(', '));

    const following = new AbortController();
    const seen: number[] = [];
    const keptDuringFollow = new Set<string>();
    const follow = (async () => {
      for await (const events of followStream(reader, 's', {
        fromRevision: 0,
        signal: following.signal,
        pollIntervalMs: 50,
      })) {
        seen.push(...revisions(events));
        for (const descriptor of readerDescriptorsNow()) keptDuringFollow.add(descriptor);
        if (seen.length >= 12) following.abort();
      }
    })();
    for (let append = 0; append < 10; append += 1) {
      await appendOk(writer, 's', makeTestEvents(1));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await follow;
    t.deepEqual(
      seen,
      Array.from({ length: 12 }, (_, index) => index),
    );
    // Between reads, the reader holds the descriptor it opened for the header, and only that one.
    t.deepEqual(readerDescriptorsNow(), kept);
    t.deepEqual([...keptDuringFollow], kept, 'the same descriptor for every read');
    await writer.close();
    await reader.close();
    t.deepEqual(descriptorsOn(path), [], 'close releases the file');
    // Only descriptors in the store's directory: the process also holds descriptors of its own
    // that come and go at any time (tsx's cache directory, other test files' workers), so a
    // count of the whole process would race with them.
    t.deepEqual(
      descriptorsUnder(directory),
      [],
      'no descriptor left open on the store or its files',
    );
  },
);

test.serial(
  'a read-only store serves a truncated file as before: its complete batches, not the cut one',
  async (t) => {
    const { path, writer, reader } = await followedStore(t, 4);
    await writer.close();
    const bytes = await readFile(path);
    const ranges = lineRanges(bytes);
    // Into the last record: the fourth batch is torn.
    await truncate(path, ranges[ranges.length - 1]!.end - 10);
    t.deepEqual(revisions(await collect(reader.readStream('s'))), [0, 1, 2]);
    t.deepEqual(revisions(await collect(reader.readStream('s', { fromRevision: 3 }))), []);
    // The whole last batch cut off, then the same file grows again with the same history (the
    // batch put back, and one more): it is read again. Other records at revision 3 would be a
    // forked history, which the reader refuses (forkedHistory.int.spec.ts).
    await truncate(path, ranges[ranges.length - 1]!.start);
    await appendFile(path, bytes.subarray(ranges[ranges.length - 1]!.start));
    const again = await openOk(path);
    await appendOk(again, 's', makeTestEvents(1), 3);
    await again.close();
    t.deepEqual(revisions(await collect(reader.readStream('s', { fromRevision: 3 }))), [3, 4]);
    await reader.close();
    t.deepEqual(descriptorsOn(path), []);
  },
);

test.serial(
  'a read-only store refuses another store put in its place, renamed over it or written into it, as a read that opened the path did',
  async (t) => {
    const { directory, path, writer, reader } = await followedStore(t, 3);
    await writer.close();
    const otherPath = join(directory, 'other.jsonl');
    const other = await openOk(otherPath);
    for (let batch = 0; batch < 5; batch += 1) await appendOk(other, 's', makeTestEvents(1));
    await other.close();

    // Renamed over the store: the path names another file, whose chain does not continue this one.
    await copyFile(otherPath, `${otherPath}.copy`);
    await rename(`${otherPath}.copy`, path);
    for (const fromRevision of [3, 0]) {
      const error = await t.throwsAsync(collect(reader.readStream('s', { fromRevision })));
      t.true(isLedgerError(error, 'STORE_TAMPERED'), String(error));
    }
    t.deepEqual(
      descriptorsOn(path),
      descriptorsOn(path).filter((descriptor) => !descriptor.endsWith('(deleted)')),
      'the replaced file is closed',
    );
    // Written into the same file.
    await writeFile(path, await readFile(otherPath));
    const error = await t.throwsAsync(collect(reader.readStream('s', { fromRevision: 3 })));
    t.true(isLedgerError(error, 'STORE_TAMPERED'), String(error));
    await reader.close();
    t.deepEqual(descriptorsOn(path), []);
  },
);

test.serial(
  'a read-only store reads a grown copy of itself renamed over it, as a read that opened the path did',
  async (t) => {
    const { directory, path, writer, reader } = await followedStore(t, 3);
    await writer.close();
    const copyPath = join(directory, 'copy.jsonl');
    await copyFile(path, copyPath);
    const copy = await openOk(copyPath);
    await appendOk(copy, 's', makeTestEvents(1), 2);
    await copy.close();
    await rename(copyPath, path);
    t.deepEqual(revisions(await collect(reader.readStream('s', { fromRevision: 3 }))), [3]);
    t.is(descriptorsOn(path).length, 1, 'the replaced file is closed, the new one kept');
    await reader.close();
    t.deepEqual(descriptorsOn(path), []);
  },
);

test.serial(
  'closing a store during a read ends the read with STORE_CLOSED and releases the file when it ends',
  async (t) => {
    const { path, writer, reader } = await followedStore(t, 0);
    // Batches of 100: a read yields a batch at a time.
    for (let batch = 0; batch < 5; batch += 1) await appendOk(writer, 's', makeTestEvents(100));
    await writer.close();
    const events = reader.readStream('s')[Symbol.asyncIterator]();
    t.false((await events.next()).done);
    await reader.close();
    const error = await t.throwsAsync(async () => {
      for (let next = await events.next(); next.done !== true; next = await events.next());
    });
    t.true(isLedgerError(error, 'STORE_CLOSED'), String(error));
    t.deepEqual(descriptorsOn(path), []);
  },
);

test.serial(
  'close releases the file at once when a read was left unfinished (an iterator never run to its end or returned)',
  async (t) => {
    const { directory, path, writer, reader } = await followedStore(t, 0);
    for (let batch = 0; batch < 5; batch += 1) await appendOk(writer, 's', makeTestEvents(100));
    await writer.close();
    const otherReader = await openOk(path);
    const readerEvents = reader.readAll()[Symbol.asyncIterator]();
    const writerEvents = otherReader.readStream('s')[Symbol.asyncIterator]();
    t.false((await readerEvents.next()).done);
    t.false((await writerEvents.next()).done);
    // A read of another file renamed over the store, while the first read still holds the old one.
    const copyPath = join(directory, 'copy.jsonl');
    await copyFile(path, copyPath);
    await rename(copyPath, path);
    const copyEvents = reader.readStream('s')[Symbol.asyncIterator]();
    t.false((await copyEvents.next()).done);
    // The reader's two files, and the writer's own handle besides the one it reads through.
    t.is(descriptorsOn(path).length, 4, descriptorsOn(path).join(', '));

    await reader.close();
    await otherReader.close();
    t.deepEqual(descriptorsOn(path), [], 'close releases every descriptor, read or not');
    t.deepEqual(descriptorsUnder(directory), []);
    // The unfinished reads end with STORE_CLOSED at their next read of the file.
    for (const events of [readerEvents, writerEvents, copyEvents]) {
      const error = await t.throwsAsync(async () => {
        for (let next = await events.next(); next.done !== true; next = await events.next());
      });
      t.true(isLedgerError(error, 'STORE_CLOSED'), String(error));
    }
  },
);

test.serial(
  'a lease asked for as the file is closed fails with STORE_CLOSED: no closed handle is lent',
  async (t) => {
    const { path, writer, reader } = await followedStore(t, 1);
    await writer.close();
    await reader.close();
    // Opened at the first lease (a writer's), and kept from the start (a reader's header handle).
    const keptFiles = [new KeptStoreFile(path), new KeptStoreFile(path, await open(path, 'r'))];
    for (const kept of keptFiles) {
      const leasing = kept.lease();
      await kept.close();
      const error = await t.throwsAsync(leasing);
      t.true(isLedgerError(error, 'STORE_CLOSED'), String(error));
    }
    t.deepEqual(descriptorsOn(path), []);
  },
);
