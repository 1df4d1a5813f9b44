import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import * as E from 'fp-ts/Either';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { openFileEventStore } from './adapter.js';
import { lockPathOf, type FileStoreWarning } from './lock.js';
import {
  appendOk,
  childScriptOfFile,
  collect,
  fileHash,
  openOk,
  startChild,
  temporaryDirectory,
} from './fileStore.testSupport.js';

const childScript = childScriptOfFile(test);

test.serial(
  'a second open for writing in the same process is refused with STORE_LOCKED naming this pid; close releases the lock',
  async (t) => {
    const path = join(await temporaryDirectory(t), 'store.jsonl');
    const first = await openOk(path);
    const second = await openFileEventStore({ path })();
    t.true(E.isLeft(second));
    if (E.isLeft(second)) {
      t.is(second.left.code, 'STORE_LOCKED');
      t.is(second.left.details['pid'], process.pid);
      t.regex(second.left.message, new RegExp(String(process.pid)));
    }
    await appendOk(first, 's', makeTestEvents(1));
    await first.close();
    t.false(existsSync(lockPathOf(path)), 'closing removes the lock file');
    const third = await openOk(path);
    t.is((await collect(third.readAll())).length, 1);
    await third.close();
  },
);

test.serial(
  'a live writer in another process keeps the store; readers are not blocked',
  async (t) => {
    const path = join(await temporaryDirectory(t), 'store.jsonl');
    const seed = await openOk(path);
    const events = makeTestEvents(3);
    await appendOk(seed, 's', events);
    await seed.close();

    const holder = startChild(childScript(), 'hold', path);
    t.teardown(() => holder.process.kill('SIGKILL'));
    await holder.waitForLine((line) => line === 'ready');
    const refused = await openFileEventStore({ path })();
    t.true(E.isLeft(refused));
    if (E.isLeft(refused)) {
      t.is(refused.left.code, 'STORE_LOCKED');
      t.is(refused.left.details['pid'], holder.process.pid);
      t.regex(refused.left.message, new RegExp(`process ${holder.process.pid}`));
    }
    const reader = await openOk(path, { mode: 'read-only' });
    t.deepEqual(
      (await collect(reader.readAll())).map((event) => event.eventId),
      events.map((event) => event.eventId),
    );
    await reader.close();

    holder.process.stdin!.end();
    t.deepEqual(await holder.exited, { code: 0, signal: null });
    t.false(existsSync(lockPathOf(path)));
    const after = await openOk(path);
    await after.close();
  },
);

test.serial(
  'the lock of a killed writer is stale and is taken over with a warning naming its pid',
  async (t) => {
    const path = join(await temporaryDirectory(t), 'store.jsonl');
    const holder = startChild(childScript(), 'hold', path);
    await holder.waitForLine((line) => line === 'ready');
    holder.process.kill('SIGKILL');
    await holder.exited;
    t.true(existsSync(lockPathOf(path)), 'a killed process leaves its lock file behind');
    const warnings: FileStoreWarning[] = [];
    const store = await openOk(path, { warnings });
    t.is(warnings.length, 1);
    t.is(warnings[0]!.code, 'STALE_LOCK_TAKEN_OVER');
    t.is(warnings[0]!.details['pid'], holder.process.pid);
    t.is(
      JSON.parse(await readFile(lockPathOf(path), 'utf8')).pid,
      process.pid,
      'the lock now names this process',
    );
    await appendOk(store, 's', makeTestEvents(1));
    await store.close();
  },
);

test.serial(
  'issue 14 item 3: two processes racing to open for writing: exactly one wins, the other is refused naming the winner',
  async (t) => {
    const directory = await temporaryDirectory(t);
    const childScriptPath = childScript();
    for (let round = 0; round < 5; round += 1) {
      const path = join(directory, `race-${round}.jsonl`);
      const children = [
        startChild(childScriptPath, 'hold', path),
        startChild(childScriptPath, 'hold', path),
      ];
      t.teardown(() => children.forEach((child) => child.process.kill('SIGKILL')));
      const outcomes = await Promise.all(
        children.map((child) =>
          child.waitForLine((line) => line === 'ready' || line.startsWith('refused')),
        ),
      );
      const winners = outcomes.filter((line) => line === 'ready');
      t.is(winners.length, 1, `round ${round}: ${outcomes.join(' / ')}`);
      const winner = children[outcomes.indexOf('ready')]!;
      const loserLine = outcomes.find((line) => line !== 'ready')!;
      t.is(loserLine, `refused STORE_LOCKED ${winner.process.pid}`);
      for (const child of children) child.process.stdin!.end();
      await Promise.all(children.map((child) => child.exited));
    }
  },
);

test('a lock held on another host is refused and left alone', async (t) => {
  const path = join(await temporaryDirectory(t), 'store.jsonl');
  const lock = JSON.stringify({
    pid: 1,
    hostname: 'another-machine.example',
    acquiredAt: '2026-01-01T00:00:00.000Z',
  });
  await writeFile(lockPathOf(path), lock);
  const refused = await openFileEventStore({ path })();
  t.true(
    E.isLeft(refused) &&
      refused.left.code === 'STORE_LOCKED' &&
      refused.left.details['hostname'] === 'another-machine.example',
  );
  t.is(await readFile(lockPathOf(path), 'utf8'), lock);
  t.false(existsSync(path), 'nothing was created');
});

// Before issue 14 item 3 an empty lock file could be a lock being written right now, and
// was refused. The record is now renamed into place complete and only while the OS lock is
// held, so an unreadable record belongs to no live writer: it is replaced with a warning.
test('an unreadable lock record with no OS lock behind it is taken over with a warning', async (t) => {
  const path = join(await temporaryDirectory(t), 'store.jsonl');
  await writeFile(lockPathOf(path), '');
  const warnings: FileStoreWarning[] = [];
  const store = await openOk(path, { warnings });
  t.deepEqual(
    warnings.map((warning) => warning.code),
    ['STALE_LOCK_TAKEN_OVER'],
  );
  t.is(JSON.parse(await readFile(lockPathOf(path), 'utf8')).pid, process.pid);
  await store.close();
});

test('two appends with the same expected revision in one process: exactly one wins, and only it is on disk', async (t) => {
  const path = join(await temporaryDirectory(t), 'store.jsonl');
  const store = await openOk(path);
  await appendOk(store, 's', makeTestEvents(1), 'no_stream');
  const left = makeTestEvents(2);
  const right = makeTestEvents(3);
  const results = await Promise.all([
    store.appendToStream('s', left, { expectedRevision: 0 })(),
    store.appendToStream('s', right, { expectedRevision: 0 })(),
  ]);
  t.is(results.filter(E.isRight).length, 1);
  const loser = results.find(E.isLeft);
  t.is(loser?.left.code, 'CONCURRENCY_CONFLICT');
  const before = await fileHash(path);
  await store.close();
  t.is(await fileHash(path), before);
  const reopened = await openOk(path, { mode: 'read-only' });
  const stored = (await collect(reopened.readStream('s'))).map((event) => event.eventId);
  const winner = E.isRight(results[0]!) ? left : right;
  t.deepEqual(
    stored.slice(1),
    winner.map((event) => event.eventId),
  );
  await reopened.close();
});
