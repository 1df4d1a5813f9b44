/**
 * Helpers for this package's tests (not part of the package's API).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import * as E from 'fp-ts/Either';
import type { AppendResult, ExpectedRevision, NewEvent, StoredEvent } from '@finsam-ledger/core';
import { openFileEventStore, type FileEventStore, type FileEventStoreOptions } from './adapter.js';
import type { FileStoreWarning } from './lock.js';

/** A fresh temporary directory, removed when the test ends. */
export async function temporaryDirectory(t: ExecutionContext): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-adapter-file-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

/** Opens a store and fails the test if it cannot; warnings are collected into `warnings`. */
export async function openOk(path: string, options: Partial<FileEventStoreOptions> & { warnings?: FileStoreWarning[] } = {}): Promise<FileEventStore> {
  const warnings = options.warnings;
  const opened = await openFileEventStore({
    path,
    ...(options.mode === undefined ? {} : { mode: options.mode }),
    onWarning: (warning) => {
      if (warnings === undefined) throw new Error(`unexpected warning: ${warning.code} ${warning.message}`);
      warnings.push(warning);
    },
  })();
  if (E.isLeft(opened)) throw opened.left;
  return opened.right;
}

/** Appends and fails the test if the append is refused. */
export async function appendOk(store: FileEventStore, streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision = 'any'): Promise<AppendResult> {
  const result = await store.appendToStream(streamId, events, { expectedRevision })();
  if (E.isLeft(result)) throw result.left;
  return result.right;
}

/** SHA-256 of a whole file, to prove that something left it untouched. */
export async function fileHash(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/** Collects an async iterable (only for the small stores of tests). */
export async function collect(iterable: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

/** The byte ranges of the lines of a file (without their newlines). */
export function lineRanges(bytes: Buffer): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let start = 0;
  for (let index = 0; index < bytes.length; index += 1) {
    if (bytes[index] === 0x0a) {
      ranges.push({ start, end: index });
      start = index + 1;
    }
  }
  if (start < bytes.length) ranges.push({ start, end: bytes.length });
  return ranges;
}
