import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import {
  assert,
  decideAppend,
  eventFingerprint,
  ledgerError,
  validateAppend,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type LedgerError,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
} from '@finsam-ledger/core';

interface StreamState {
  readonly events: StoredEvent[];
  readonly fingerprintByEventId: Map<string, string>;
}

/**
 * An {@link EventStore} that keeps everything in this process's memory: for tests, for
 * embedding, and as the reference behaviour of the conformance suite. Nothing survives the
 * process. Appends are atomic because they run to completion without yielding.
 */
export function getInMemoryEventStore(): EventStore {
  const streams = new Map<string, StreamState>();
  const all: StoredEvent[] = [];
  let closed = false;

  const closedError = (): LedgerError =>
    ledgerError('STORE_CLOSED', 'The in-memory store is closed');

  function appendNow(
    streamId: unknown,
    events: readonly NewEvent[],
    options: AppendOptions | undefined,
  ): E.Either<LedgerError, AppendResult> {
    if (closed) return E.left(closedError());
    const valid = validateAppend(streamId, events, options?.expectedRevision);
    if (E.isLeft(valid)) return valid;
    const { streamId: id, expectedRevision } = valid.right;
    const stream = streams.get(id);
    const current = stream === undefined ? undefined : stream.events.length - 1;
    const decision = decideAppend(id, valid.right.events, expectedRevision, current, (eventId) =>
      stream?.fingerprintByEventId.get(eventId),
    );
    if (E.isLeft(decision)) return decision;
    if (decision.right.action === 'already-stored') return E.right(decision.right.result);

    const target = stream ?? { events: [], fingerprintByEventId: new Map<string, string>() };
    // Copy before storing, so that a caller mutating its objects later cannot change history.
    const copies = valid.right.events.map((event, index): StoredEvent =>
      deepFreeze({
        ...structuredClone({
          eventId: event.eventId,
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: event.data,
          metadata: event.metadata,
        }),
        streamId: id,
        streamRevision: target.events.length + index,
        globalPosition: all.length + index,
      }),
    );
    for (const copy of copies) {
      target.events.push(copy);
      target.fingerprintByEventId.set(copy.eventId, eventFingerprint(copy));
      all.push(copy);
    }
    streams.set(id, target);
    const next = target.events.length - 1;
    assert(next === (current ?? -1) + copies.length, 'revisions continue without gaps');
    return E.right({ nextExpectedRevision: next, alreadyStored: false });
  }

  return {
    appendToStream: (streamId, events, options) =>
      TE.fromIOEither(() => appendNow(streamId, events, options)),

    async *readStream(streamId: string, options: ReadStreamOptions = {}) {
      if (closed) throw closedError();
      const events = streams.get(streamId)?.events ?? [];
      const from = options.fromRevision ?? 0;
      const end =
        options.maxCount === undefined
          ? events.length
          : Math.min(events.length, from + options.maxCount);
      for (let revision = from; revision < end; revision += 1) yield events[revision]!;
    },

    async *readAll(options: ReadAllOptions = {}) {
      if (closed) throw closedError();
      const from = Math.max(0, options.fromPosition ?? 0);
      const end =
        options.maxCount === undefined ? Number.POSITIVE_INFINITY : from + options.maxCount;
      // Positions are the array index here, so the loop reads events appended while iterating too.
      for (let position = from; position < all.length && position < end; position += 1)
        yield all[position]!;
    },

    async close() {
      closed = true;
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
