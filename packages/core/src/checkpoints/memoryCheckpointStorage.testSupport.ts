import { eventFingerprint } from '../store/appendRules.js';
import type { EventStore } from '../store/EventStore.js';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import type { CheckpointingStore, CheckpointStorage } from '../store/CheckpointStorage.js';
import { sha256OfText } from '../store/checkpointEnvelope.js';

/** An in-memory store with checkpoint storage, for core's tests. */
export interface CheckpointingMemoryStore extends EventStore, CheckpointingStore {
  /** The checkpoints' texts by name: a test alters or removes them here. */
  readonly files: Map<string, string>;
  /** Resolves once no checkpoint operation is in flight (saves are not awaited by writers). */
  idle(): Promise<void>;
  /** The same store without its checkpoints: what a full replay reads. */
  readonly plain: EventStore;
}

/**
 * An in-memory store that keeps checkpoints in a Map, with a chain hash over the events'
 * fingerprints (SHA-256 of the previous hash and the event), as a file store's chain would.
 */
export function checkpointingMemoryStore(): CheckpointingMemoryStore {
  const store = getInMemoryEventStore();
  const { checkpoints, files, idle } = memoryCheckpointStorage(store);
  return {
    appendToStream: store.appendToStream,
    readStream: store.readStream,
    readAll: store.readAll,
    close: store.close,
    checkpoints,
    files,
    plain: store,
    idle,
  };
}

/**
 * Checkpoint storage in a Map for `store` (any store: one that fails appends on purpose, say),
 * its chain hash read from the store's stream; `idle` as {@link CheckpointingMemoryStore.idle}.
 */
export function memoryCheckpointStorage(store: EventStore) {
  const files = new Map<string, string>();
  let inFlight = 0;
  const tracked =
    <Args extends unknown[], Result>(work: (...args: Args) => Promise<Result>) =>
    async (...args: Args): Promise<Result> => {
      inFlight += 1;
      try {
        return await work(...args);
      } finally {
        inFlight -= 1;
      }
    };
  const checkpoints: CheckpointStorage = {
    chainHashAt: tracked(async (streamId: string, revision: number) => {
      let hash = '';
      let count = 0;
      for await (const event of store.readStream(streamId, { maxCount: revision + 1 })) {
        hash = await sha256OfText(hash + eventFingerprint(event));
        count += 1;
      }
      return count === revision + 1 ? hash : undefined;
    }),
    list: tracked(async () => [...files.keys()]),
    read: tracked(async (name: string) => files.get(name)),
    write: tracked(async (name: string, content: string) => {
      files.set(name, content);
    }),
    remove: tracked(async (name: string) => {
      files.delete(name);
    }),
  };
  return {
    checkpoints,
    files,
    async idle() {
      // A save hashes its text between reading the chain hash and writing: idle is when no
      // operation has been in flight for a while, not only at this instant.
      for (let quietTurns = 0; quietTurns < 5; quietTurns += inFlight === 0 ? 1 : -quietTurns)
        await new Promise((resolve) => setTimeout(resolve, 2));
    },
  };
}
