import type { NewEvent } from './EventEnvelope.js';
import type { EventStore } from './EventStore.js';
import { getInMemoryEventStore } from './getInMemoryEventStore.js';

/** An in-memory store that keeps, in `handed`, every event it is handed to append, as handed. */
export function handedEventsStore(memory: EventStore = getInMemoryEventStore()): {
  readonly store: EventStore;
  readonly memory: EventStore;
  readonly handed: NewEvent[];
} {
  const handed: NewEvent[] = [];
  const store: EventStore = {
    ...memory,
    readStream: (streamId, options) => memory.readStream(streamId, options),
    appendToStream: (streamId, events, options) => {
      handed.push(...events);
      return memory.appendToStream(streamId, events, options);
    },
  };
  return { store, memory, handed };
}
