import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import * as E from 'fp-ts/Either';
import type { NewEvent } from '@finsam-ledger/core';
import { makeTestEvent, makeTestEvents } from '@finsam-ledger/core/testing';
import { openFileEventStore } from './adapter.js';
import { fileStoreFormat } from './format.js';
import { sealLine } from './hashChain.js';
import { lockPathOf } from './lock.js';
import {
  appendOk,
  collect,
  fileHash,
  openOk,
  temporaryDirectory,
} from './fileStore.testSupport.js';
import { verifyFileEventStore } from './verify.js';

/**
 * Opens `path` both ways and checks that each is refused with `code`, the file byte for byte
 * untouched and no lock left.
 */
async function assertRefused(t: ExecutionContext, path: string, code: string): Promise<void> {
  const before = await fileHash(path);
  for (const mode of ['read-write', 'read-only'] as const) {
    const opened = await openFileEventStore({ path, mode, onWarning: () => undefined })();
    t.true(E.isLeft(opened), `${mode} open is refused`);
    if (E.isLeft(opened)) {
      t.is<string, string>(opened.left.code, code, opened.left.message);
      t.is(opened.left.details['lineNumber'], 1);
    }
    t.is(await fileHash(path), before, `${mode} open leaves the file untouched`);
    t.false(existsSync(lockPathOf(path)));
  }
  const report = await verifyFileEventStore({ path })();
  t.true(E.isRight(report) && !report.right.ok && report.right.problem?.code === code);
}

test('malformed events are refused with INVALID_EVENT and the file stays byte for byte the same', async (t) => {
  const path = join(await temporaryDirectory(t), 'store.jsonl');
  const store = await openOk(path);
  await appendOk(store, 's', makeTestEvents(2));
  const before = await fileHash(path);
  const bad: unknown[] = [
    makeTestEvent({ eventId: 'not-a-uuid' }),
    makeTestEvent({ data: { amount: Number.NaN } }),
    makeTestEvent({ data: { when: new Date(0) } }),
    { ...makeTestEvent(), extra: true },
    null,
  ];
  for (const event of bad) {
    const result = await store.appendToStream('s', [makeTestEvent(), event as NewEvent])();
    t.true(E.isLeft(result) && result.left.code === 'INVALID_EVENT');
  }
  t.true(E.isLeft(await store.appendToStream('has space', makeTestEvents(1))()));
  const conflict = await store.appendToStream('s', makeTestEvents(1), { expectedRevision: 5 })();
  t.true(E.isLeft(conflict) && conflict.left.code === 'CONCURRENCY_CONFLICT');
  t.is(await fileHash(path), before);
  t.is((await collect(store.readAll())).length, 2);
  await store.close();
});

test('files that are not stores are refused with NOT_A_STORE and left untouched', async (t) => {
  const directory = await temporaryDirectory(t);
  const contents: ReadonlyArray<readonly [string, Buffer]> = [
    ['empty', Buffer.alloc(0)],
    ['text', Buffer.from('Årsredovisning 2020\nSamordningsförbundet Roslagen\n')],
    ['other JSON Lines', Buffer.from('{"type":"KostnadBokförd","amount":"1.00"}\n{"type":"x"}\n')],
    [
      'another format',
      Buffer.from(`${JSON.stringify({ format: 'someone-else/store', formatVersion: 1 })}\n`),
    ],
    ['binary', Buffer.from([0x00, 0xff, 0x10, 0x0a, 0x7b])],
  ];
  for (const [name, bytes] of contents) {
    const path = join(directory, `${name.replace(/ /g, '-')}.jsonl`);
    await writeFile(path, bytes);
    await assertRefused(t, path, 'NOT_A_STORE');
  }
});

test('a store of a newer format version is refused with UNSUPPORTED_FORMAT_VERSION and left untouched', async (t) => {
  const path = join(await temporaryDirectory(t), 'future.jsonl');
  const header = sealLine(
    JSON.stringify({
      format: fileStoreFormat,
      formatVersion: 2,
      storeId: 'x',
      createdAt: '2030-01-01T00:00:00.000Z',
      compression: 'zstd',
    }),
  );
  await writeFile(
    path,
    Buffer.concat([header.bytes, Buffer.from('{"a new kind of record":true}\n')]),
  );
  await assertRefused(t, path, 'UNSUPPORTED_FORMAT_VERSION');
});

test('a store in a directory that does not exist is an IO_ERROR, and nothing is created', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'missing', 'store.jsonl');
  const opened = await openFileEventStore({ path })();
  t.true(E.isLeft(opened) && opened.left.code === 'IO_ERROR');
  const readOnly = await openFileEventStore({
    path: join(directory, 'absent.jsonl'),
    mode: 'read-only',
  })();
  t.true(E.isLeft(readOnly) && readOnly.left.code === 'IO_ERROR');
  t.false(existsSync(join(directory, 'absent.jsonl')), 'a read-only open creates nothing');
});

test('a new store file starts with a readable, versioned header', async (t) => {
  const path = join(await temporaryDirectory(t), 'new.jsonl');
  const store = await openOk(path);
  await store.close();
  const text = await readFile(path, 'utf8');
  t.regex(
    text,
    /^\{"format":"finsam-ledger\/file-store","formatVersion":1,"storeId":"[0-9a-f-]{36}","createdAt":"[^"]+","hash":"[0-9a-f]{64}"\}\n$/,
  );
});

test('a closed store refuses appends and reads with STORE_CLOSED', async (t) => {
  const path = join(await temporaryDirectory(t), 'closed.jsonl');
  const store = await openOk(path);
  await store.close();
  const appended = await store.appendToStream('s', makeTestEvents(1))();
  t.true(E.isLeft(appended) && appended.left.code === 'STORE_CLOSED');
  await t.throwsAsync(() => collect(store.readAll()), { message: /closed/ });
  const verified = await store.verify()();
  t.true(E.isLeft(verified) && verified.left.code === 'STORE_CLOSED');
});
