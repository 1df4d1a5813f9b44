import { spawnSync } from 'node:child_process';
import { link, readdir, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import * as E from 'fp-ts/Either';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { openFileEventStore } from './adapter.js';
import { fileSystemSeam } from './fileSystemSeam.js';
import { lockPathOf } from './lock.js';
import { verifyFileEventStore } from './verify.js';
import {
  appendOk,
  childScriptOfFile,
  collect,
  openOk,
  startChild,
  temporaryDirectory,
  type Child,
} from './fileStore.testSupport.js';

// The racing test's scale: FINSAM_FAULT_SCALE=full runs the figures (10 processes,
// 200 rounds); CI runs the same race with fewer rounds.
const fullScale = process.env['FINSAM_FAULT_SCALE'] === 'full';
const racersCount = 10;
const raceRounds = fullScale ? 200 : 20;

const childScript = childScriptOfFile(test);

/** The `index`-th line a serving child prints (0-based), once it is there. */
async function lineAt(child: Child, index: number): Promise<string> {
  await child.waitForLine(() => child.lines().length > index, 120_000);
  return child.lines()[index]!;
}

test.serial(
  'issue 14 item 1: a symlink or a hard link to an open store gives no second writer, in this process or another',
  async (t) => {
    const directory = await temporaryDirectory(t);
    const path = join(directory, 'store.jsonl');
    const symlinkPath = join(directory, 'alias.jsonl');
    const hardLinkPath = join(directory, 'hard.jsonl');
    const store = await openOk(path);
    await appendOk(store, 's', makeTestEvents(1));
    await symlink(path, symlinkPath);
    await link(path, hardLinkPath);
    for (const alias of [symlinkPath, hardLinkPath]) {
      const second = await openFileEventStore({ path: alias })();
      t.is(E.isLeft(second) ? second.left.code : 'opened', 'STORE_LOCKED', alias);
    }
    const viaSymlink = await openFileEventStore({ path: symlinkPath })();
    t.is(E.isLeft(viaSymlink) ? viaSymlink.left.details['pid'] : undefined, process.pid);
    for (const alias of [symlinkPath, hardLinkPath]) {
      const other = startChild(childScript(), 'hold', alias);
      t.teardown(() => other.process.kill('SIGKILL'));
      t.regex(
        await other.waitForLine((line) => line.startsWith('refused') || line === 'ready'),
        /^refused STORE_LOCKED/,
      );
    }
    await appendOk(store, 's', makeTestEvents(1));
    await store.close();
    const report = await verifyFileEventStore({ path })();
    t.true(E.isRight(report) && report.right.ok && report.right.eventCount === 2);
  },
);

test.serial(
  `issue 14 item 2: ${racersCount} processes race on a stale lock for ${raceRounds} rounds; exactly one writes each time`,
  async (t) => {
    // The full scale outlasts ava's two minutes on a loaded machine: about 3 s a round at worst.
    t.timeout(60_000 + raceRounds * 3_000);
    const directory = await temporaryDirectory(t);
    // A pid that is certainly not running: a process that has exited.
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;
    const racers = Array.from({ length: racersCount }, () => startChild(childScript(), 'serve'));
    t.teardown(() => racers.forEach((racer) => racer.process.kill('SIGKILL')));
    const linesRead = racers.map(() => 0);
    const next = async (racerIndex: number): Promise<string> => {
      const index = linesRead[racerIndex]!;
      linesRead[racerIndex] = index + 1;
      return lineAt(racers[racerIndex]!, index);
    };
    for (let round = 0; round < raceRounds; round += 1) {
      const path = join(directory, `race-${round}.jsonl`);
      if (round % 2 === 0) await (await openOk(path)).close();
      const stale = { pid: deadPid, hostname: hostname() };
      await writeFile(lockPathOf(path), JSON.stringify({ ...stale, acquiredAt: 'then' }));
      racers.forEach((racer) => racer.process.stdin!.write(`open ${path}\n`));
      const outcomes = await Promise.all(racers.map((_, index) => next(index)));
      const winnerIndex = outcomes.indexOf('ready');
      t.is(outcomes.filter((line) => line === 'ready').length, 1, `round ${round}: ${outcomes}`);
      const winnerPid = racers[winnerIndex]!.process.pid;
      for (const [index, line] of outcomes.entries()) {
        if (index !== winnerIndex)
          t.is(line, `refused STORE_LOCKED ${winnerPid}`, `round ${round}`);
      }
      racers[winnerIndex]!.process.stdin!.write('append\nclose\n');
      t.regex(await next(winnerIndex), /^ack /);
      t.is(await next(winnerIndex), 'closed');
      const report = await verifyFileEventStore({ path })();
      t.true(E.isRight(report) && report.right.ok && report.right.eventCount === 1);
    }
    t.log(
      `${raceRounds} rounds of ${racersCount} processes: one writer and ${racersCount - 1} refusals naming it in each`,
    );
  },
);

test.serial(
  'issue 14 item 3: an opener refused while the winner is still writing its lock record names the winner',
  async (t) => {
    const path = join(await temporaryDirectory(t), 'store.jsonl');
    await (await openOk(path)).close();
    const original = fileSystemSeam.writeAll;
    let letWinnerWrite: () => void = () => undefined;
    const winnerMayWrite = new Promise<void>((resolve) => (letWinnerWrite = resolve));
    let winnerWriting: () => void = () => undefined;
    const winnerIsWriting = new Promise<void>((resolve) => (winnerWriting = resolve));
    fileSystemSeam.writeAll = async (file, bytes) => {
      winnerWriting();
      await winnerMayWrite;
      return original(file, bytes);
    };
    t.teardown(() => (fileSystemSeam.writeAll = original));
    const winner = openFileEventStore({ path, onWarning: () => undefined })();
    await winnerIsWriting;
    const loser = openFileEventStore({ path })();
    letWinnerWrite();
    const [won, lost] = await Promise.all([winner, loser]);
    t.true(E.isRight(won));
    t.is(E.isLeft(lost) ? lost.left.code : 'opened', 'STORE_LOCKED');
    t.is(E.isLeft(lost) ? lost.left.details['pid'] : undefined, process.pid);
    if (E.isRight(won)) await won.right.close();
  },
);

test.serial(
  'issue 14 item 5: a full disk (ENOSPC) while opening or creating a store leaves nothing behind',
  async (t) => {
    const directory = await temporaryDirectory(t);
    const existing = join(directory, 'existing.jsonl');
    const seed = await openOk(existing);
    await appendOk(seed, 's', makeTestEvents(2));
    await seed.close();
    // The store and what it keeps beside it (its seek index) before the disk fills.
    const before = await readdir(directory);
    t.true(before.includes('existing.jsonl'));
    const original = fileSystemSeam.writeAll;
    fileSystemSeam.writeAll = async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    t.teardown(() => (fileSystemSeam.writeAll = original));
    const opened = await openFileEventStore({ path: existing })();
    t.is(E.isLeft(opened) ? opened.left.code : 'opened', 'IO_ERROR');
    t.is(E.isLeft(opened) ? opened.left.details['errno'] : undefined, 'ENOSPC');
    const created = await openFileEventStore({ path: join(directory, 'new.jsonl') })();
    t.is(E.isLeft(created) ? created.left.code : 'opened', 'IO_ERROR');
    // No lock, no half-created store, nothing else: the failed attempts left nothing behind.
    t.deepEqual(await readdir(directory), before);
    fileSystemSeam.writeAll = original;
    // Space is back: the store opens at once, no lock left to wait out.
    const reopened = await openOk(existing);
    t.is((await collect(reopened.readAll())).length, 2);
    await reopened.close();
  },
);
