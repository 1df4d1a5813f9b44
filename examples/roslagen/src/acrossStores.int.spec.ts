import test from 'ava';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileEventStore } from '@finsam-ledger/adapter-file';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import { getEventStoreDBEventStore } from '@finsam-ledger/adapter-eventstoredb';
import { startEventStoreDBEmulator } from '@finsam-ledger/eventstoredb-emulator';
import {
  bookkeepingStreamId,
  mainStatements,
  replayBookkeeping,
  type EventStore,
} from '@finsam-ledger/core';
import { copyEvents } from '@finsam-ledger/core/store';
import { openRoslagenFileStore, roslagenFörbundId } from './roslagenStore.js';

const statementsJson = async (store: EventStore): Promise<string> => {
  const { totals } = await replayBookkeeping(
    store.readStream(bookkeepingStreamId(roslagenFörbundId)),
  );
  return JSON.stringify(mainStatements(totals, 2020));
};

async function fileStore() {
  const opened = await openRoslagenFileStore();
  if (opened._tag === 'Left') throw opened.left;
  return opened.right;
}

test('file → memory → a new file: every event copied with its id, twice changes nothing, same statements', async (t) => {
  const source = await fileStore();
  const directory = await mkdtemp(join(tmpdir(), 'finsam-copy-'));
  try {
    const memory = getInMemoryEventStore();
    const first = await copyEvents(source, memory);
    t.is(first._tag, 'Right');
    if (first._tag === 'Right') t.is(first.right.writtenCount, first.right.readCount);
    const again = await copyEvents(source, memory);
    t.true(
      again._tag === 'Right' &&
        again.right.writtenCount === 0 &&
        again.right.alreadyStoredCount === again.right.readCount,
    );
    const opened = await openFileEventStore({ path: join(directory, 'kopia.finsam.jsonl') })();
    if (opened._tag === 'Left') return t.fail(opened.left.message);
    const copy = opened.right;
    t.is((await copyEvents(memory, copy))._tag, 'Right');
    const expected = await statementsJson(source);
    t.is(await statementsJson(memory), expected);
    t.is(await statementsJson(copy), expected);
    await copy.close();
  } finally {
    await source.close();
    await rm(directory, { recursive: true, force: true });
  }
});

test('file → EventStoreDB (emulator, real client over gRPC): replayed from there, the statements are the same', async (t) => {
  const connectionString = process.env['FINSAM_ESDB_CONNECTION_STRING'];
  const emulator = connectionString === undefined ? await startEventStoreDBEmulator() : undefined;
  const esdb = getEventStoreDBEventStore({
    connectionString: connectionString ?? emulator!.connectionString,
    streamPrefix: `finsam-test-${globalThis.crypto.randomUUID().slice(0, 8)}.`,
  });
  const source = await fileStore();
  try {
    const copied = await copyEvents(source, esdb);
    if (copied._tag === 'Left') return t.fail(`${copied.left.code}: ${copied.left.message}`);
    t.is(copied.right.writtenCount, copied.right.readCount);
    t.is(await statementsJson(esdb), await statementsJson(source));
    const again = await copyEvents(source, esdb);
    t.true(
      again._tag === 'Right' && again.right.writtenCount === 0,
      'copying twice books nothing twice',
    );
  } finally {
    await source.close();
    await esdb.close();
    await emulator?.stop();
  }
});
