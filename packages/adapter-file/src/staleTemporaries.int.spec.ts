import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { checkpointDirectoryPath } from './fileCheckpointStorage.js';
import { abandonedTemporaryAgeMs, staleTemporaryAgeMsMin } from './staleTemporaries.js';
import { appendOk, collect, openOk, temporaryDirectory } from './fileStore.testSupport.js';

// A derived file (the seek index, the event-id index, the head file, a checkpoint) is written to
// TARGET.PID.N.tmp and renamed. A process killed between the two leaves the temporary for good:
// as large as the index, at each crash. A writer's open, under the lock, removes those older than
// a save takes whose process no longer runs (or older than a day), and leaves a fresh one (its
// pid may be another container's), a running process's and every other file alone.

/** The pid of a process that has run and exited: none runs under it now. */
function pidOfAnEndedProcess(): number {
  const ended = spawnSync(process.execPath, ['-e', '']);
  return ended.pid;
}

/** Writes `partial` to `path`, last modified `ageMs` ago. */
async function temporaryOfAge(path: string, ageMs: number): Promise<void> {
  await writeFile(path, 'partial');
  const modified = new Date(Date.now() - ageMs);
  await utimes(path, modified, modified);
}

/** A closed store of one batch of two events. */
async function storeOfTwoEvents(path: string): Promise<void> {
  const store = await openOk(path);
  await appendOk(store, 'stream-0', makeTestEvents(2));
  await store.close();
}

test("a writer's open removes the temporaries a killed save left beside the store and among its checkpoints, and keeps a fresh one, a running process's and every other file", async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  await storeOfTwoEvents(path);
  const ended = pidOfAnEndedProcess();
  const checkpoints = checkpointDirectoryPath(path);
  await mkdir(checkpoints, { recursive: true });
  const pastASave = staleTemporaryAgeMsMin + 60_000;
  const stale = [
    `${path}.index.${ended}.1.tmp`,
    `${path}.ids.${ended}.2.tmp`,
    `${path}.head.${ended}.3.tmp`,
    join(checkpoints, `annual-report-2025.json.${ended}.4.tmp`),
  ];
  for (const file of stale) await temporaryOfAge(file, pastASave);
  // Older than a day: abandoned, even with a process running under its pid now.
  const abandoned = `${path}.ids.${process.ppid}.9.tmp`;
  await temporaryOfAge(abandoned, abandonedTemporaryAgeMs + 60_000);
  const kept = [
    `${path}.ids.${process.pid}.5.tmp`, // this process's own save
    `${path}.index.${process.ppid}.6.tmp`, // a running process's (a reader saving an index)
    join(directory, `other.jsonl.ids.${ended}.7.tmp`), // another store's
    `${path}.notes.${ended}.8.tmp`, // not a derived file of the store
    `${path}.ids.backup`,
    join(checkpoints, 'annual-report-2025.json.bak'),
  ];
  for (const file of kept) await temporaryOfAge(file, pastASave);
  // A save under way whose pid means nothing here (a reader in another container): too fresh.
  const fresh = `${path}.index.${ended}.10.tmp`;
  await temporaryOfAge(fresh, 0);

  // A reader takes no lock and removes nothing.
  const reader = await openOk(path, { mode: 'read-only' });
  await reader.close();
  for (const file of [...stale, abandoned]) t.true(existsSync(file), `a reader left ${file}`);

  const writer = await openOk(path);

  for (const file of [...stale, abandoned]) t.false(existsSync(file), `${file} removed`);
  for (const file of [...kept, fresh]) t.true(existsSync(file), `${file} kept`);
  await appendOk(writer, 'stream-0', makeTestEvents(1));
  t.is((await collect(writer.readAll())).length, 3);
  await writer.close();
  t.deepEqual(
    (await readdir(directory)).filter((name) => name.endsWith('.tmp')).sort(),
    [
      `other.jsonl.ids.${ended}.7.tmp`,
      `store.jsonl.ids.${process.pid}.5.tmp`,
      `store.jsonl.index.${ended}.10.tmp`,
      `store.jsonl.index.${process.ppid}.6.tmp`,
      `store.jsonl.notes.${ended}.8.tmp`,
    ].sort(),
  );
});

test("a writer opened through a symlink removes a killed save's temporary of the head file beside the store's real path", async (t) => {
  const directory = await temporaryDirectory(t);
  await mkdir(join(directory, 'real'));
  const realPath = join(directory, 'real', 'store.jsonl');
  await storeOfTwoEvents(realPath);
  const link = join(directory, 'link.jsonl');
  await symlink(realPath, link);
  const ended = pidOfAnEndedProcess();
  const staleHead = `${realPath}.head.${ended}.1.tmp`;
  await temporaryOfAge(staleHead, staleTemporaryAgeMsMin + 60_000);

  const writer = await openOk(link);
  await writer.close();

  t.false(existsSync(staleHead));
  t.true(existsSync(`${realPath}.head`), 'the head file itself is kept');
});
