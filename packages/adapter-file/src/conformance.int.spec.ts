import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import * as E from 'fp-ts/Either';
import type { EventStore } from '@finsam-ledger/core';
import { registerEventStoreConformance } from '@finsam-ledger/core/testing';
import { openFileEventStore, type FileEventStore } from './index.js';

// One temporary directory for the whole file; every case gets its own store file in it.
let directory: string | undefined;
let storeCounter = 0;

test.before(async () => {
  directory = await mkdtemp(join(tmpdir(), 'finsam-file-conformance-'));
});
test.after.always(async () => {
  if (directory !== undefined) await rm(directory, { recursive: true, force: true });
});

async function openOrFail(path: string): Promise<FileEventStore> {
  const opened = await openFileEventStore({
    path,
    onWarning: (warning) => {
      throw new Error(`unexpected warning: ${warning.message}`);
    },
  })();
  if (E.isLeft(opened)) throw opened.left;
  return opened.right;
}

registerEventStoreConformance(
  (name, run) =>
    test.serial(name, async (t) => {
      await run();
      t.pass();
    }),
  {
    create: async () => {
      storeCounter += 1;
      return openOrFail(join(directory!, `store-${storeCounter}.jsonl`));
    },
    reopen: async (store: EventStore) => {
      const path = (store as FileEventStore).path;
      await store.close();
      return openOrFail(path);
    },
  },
);
