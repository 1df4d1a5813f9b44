/**
 * The fold the ledger's writer runs in its store's close after a bulk load (see
 * `withReportCheckpointsAtClose`), timed alone: the annual report's fold to the latest year and
 * the participant register's, on a store written by `append-batches-*` (writeJobs.ts) or
 * `generate` (jobs.ts), after its readers' checkpoints are deleted. Prints one JSON line with the
 * CPU seconds and microseconds per event.
 *
 *   node --import tsx --conditions=finsam-source bench/annualReport/closeFold.ts write DIR 40000
 *   node --import tsx --conditions=finsam-source bench/annualReport/closeFold.ts fold STORE [ROOT]
 *
 * `write` keeps the store it writes (DIR/close-fold.finsam.jsonl). `ROOT` is the checkout whose
 * code folds (default: this one), so that two versions can be compared on the same store.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticHistory } from './syntheticHistory.js';

const cpuSecondsNow = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

type FoldReadersCheckpoints = (
  store: unknown,
  storage: unknown,
  options: Record<string, unknown>,
) => Promise<void>;

const defaultRoot = resolve(fileURLToPath(import.meta.url), '../../..');

async function modulesOf(root: string) {
  const core = (await import(
    join(root, 'packages/core/src/index.ts')
  )) as typeof import('@finsam-ledger/core');
  const adapter = (await import(
    join(root, 'packages/adapter-file/src/index.ts')
  )) as typeof import('@finsam-ledger/adapter-file');
  const participants = (await import(
    join(root, 'packages/core/src/participants/foldParticipantHistories.ts')
  )) as typeof import('../../packages/core/src/participants/foldParticipantHistories.js');
  // What the writer's close runs: one walk for both folds where the code has it, else the two
  // folds one after the other (the code before it).
  const atClose = (await import(
    join(root, 'packages/core/src/facade/reportCheckpointsAtClose.ts')
  )) as { foldReadersCheckpoints?: FoldReadersCheckpoints };
  const { checkpointStorageOf } = (await import(
    join(root, 'packages/core/src/store/CheckpointStorage.ts')
  )) as typeof import('../../packages/core/src/store/CheckpointStorage.js');
  return {
    core,
    adapter,
    participants,
    checkpointStorageOf,
    foldReadersCheckpoints: atClose.foldReadersCheckpoints,
  };
}

async function write(directory: string, count: number): Promise<void> {
  const { core, adapter } = await modulesOf(defaultRoot);
  const path = join(directory, 'close-fold.finsam.jsonl');
  for (const suffix of ['', '.lock', '.index', '.ids', '.head'])
    await rm(`${path}${suffix}`, { force: true });
  await rm(`${path}.checkpoints`, { recursive: true, force: true });
  const opened = await adapter.openFileEventStore({ path, onWarning: () => undefined })();
  if (opened._tag === 'Left') throw opened.left;
  const ledger = core.createLedger({ store: opened.right, förbundId: 'bench' });
  for (const batch of syntheticHistory(count, 100)) {
    const result = await ledger.recordAll(batch.map((entry) => entry.event))();
    if (result._tag === 'Left') throw result.left;
  }
  await opened.right.close();
  console.log(JSON.stringify({ written: path, events: count }));
}

async function countEvents(store: { readAll(): AsyncIterable<unknown> }): Promise<number> {
  let count = 0;
  for await (const _ of store.readAll()) count += 1;
  return count;
}

async function fold(path: string, root: string): Promise<void> {
  const modules = await modulesOf(root);
  const { core, adapter } = modules;
  await rm(`${path}.checkpoints`, { recursive: true, force: true });
  const opened = await adapter.openFileEventStore({ path, onWarning: () => undefined })();
  if (opened._tag === 'Left') throw opened.left;
  const store = opened.right;
  const notices: string[] = [];
  const observe = (notice: { kind: string }) => notices.push(notice.kind);
  const cpuStarted = cpuSecondsNow();
  const started = performance.now();
  const streamId = core.bookkeepingStreamId('bench');
  const participantSource = {
    participantStreamId: core.participantStreamId('bench'),
    booksStreamId: streamId,
    observe,
  };
  if (modules.foldReadersCheckpoints === undefined) {
    await core.foldAnnualReport(store, streamId, 9998, { observe });
    await modules.participants.foldParticipantHistories(store, participantSource);
  } else
    await modules.foldReadersCheckpoints(store, modules.checkpointStorageOf(store), {
      streamId,
      chart: core.defaultChart,
      participants: participantSource,
      observe,
    });
  const cpuSeconds = cpuSecondsNow() - cpuStarted;
  const seconds = (performance.now() - started) / 1000;
  // The store's walk alone (every line read, checked and decoded), for comparison.
  const walkStarted = cpuSecondsNow();
  const events = await countEvents(store);
  const walkCpuSeconds = cpuSecondsNow() - walkStarted;
  await store.close();
  console.log(
    JSON.stringify({
      root,
      events,
      seconds,
      cpuSeconds,
      cpuMicrosecondsPerEvent: (cpuSeconds / events) * 1e6,
      walkCpuMicrosecondsPerEvent: (walkCpuSeconds / events) * 1e6,
      saved: notices.filter((kind) => kind === 'saved').length,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

const [job, first, second] = process.argv.slice(2);
if (job === 'write') await write(first!, Number(second));
else if (job === 'fold')
  await fold(resolve(first!), second === undefined ? defaultRoot : resolve(second));
else throw new Error(`unknown job ${job}`);
