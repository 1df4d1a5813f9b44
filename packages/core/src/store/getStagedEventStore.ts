import * as E from 'fp-ts/Either';
import { assert, ledgerError, toLedgerError, type LedgerError } from '../error.js';
import { decideAppend, eventFingerprint, validateAppend } from './appendRules.js';
import {
  checkpointStorageOf,
  type CheckpointingStore,
  type CheckpointStorage,
} from './CheckpointStorage.js';
import { sha256OfText } from './checkpointEnvelope.js';
import { firstAsync } from '../util/asyncIterable.js';
import { deepFreeze } from './deepFreeze.js';
import type { NewEvent, StoredEvent } from './EventEnvelope.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
} from './EventStore.js';
import { EventIdRevisions } from './EventIdRevisions.js';
import { findStoredEvent } from './findStoredEvent.js';
import { validateReadAllOptions, validateReadStreamOptions } from './readOptions.js';
import { nextStoredAt, systemClock, type StoreClock } from './storedAt.js';
import { streamEndOf } from './streamEndOf.js';

/** Options of {@link getStagedEventStore}. */
export interface StagedEventStoreOptions {
  /** The clock the staged events are stamped with; the system clock when left out. */
  readonly clock?: StoreClock;
}

/** A stream as the staged store shows it: the base's events up to the snapshot, then its own. */
interface StagedStream {
  /** How many of the stream's events the base held at the snapshot. */
  readonly baseLength: number;
  readonly staged: StoredEvent[];
  readonly stagedById: Map<string, StoredEvent>;
  /** The base's part by id, read once, when an id is first looked up in it. */
  baseIds?: Promise<EventIdRevisions>;
}

const closedError = (): LedgerError => ledgerError('STORE_CLOSED', 'The staged store is closed');

/**
 * The global position of the first staged event: far above any base's (a file store's and the
 * in-memory store's count events; EventStoreDB's are byte offsets of its log, which would need
 * 4 PiB to reach it), and still a safe integer with room for 2^52 staged events after it. The
 * base's end is not searched for: EventStoreDB reads `$all` only from a record's start.
 */
const stagedPositionsStart = 2 ** 52;

/** Limits of the staged store. */
const stagingLimits = {
  /**
   * The ids looked up one by one through the base's `revisionOfEvent`, at most, before the base's
   * stream is indexed by one read, when the base searches its records for each id
   * (`CheckpointStorage.eventIdsIndexed`, a file store read without its saved index): a search a
   * handful of times costs less than reading and decoding the stream, and many times more. A
   * base that answers through an index is asked every time.
   */
  directLookupsMax: 8,
} as const;

/** Everything one staged store keeps: the base, its streams as first read, the events staged. */
class Staging {
  closed = false;
  /** Every staged event in append order. */
  readonly all: StoredEvent[] = [];
  /** The latest stamp of the base's streams' last events read: no staged stamp is earlier. */
  lastBaseStamp: string | undefined;
  private readonly streams = new Map<string, Promise<StagedStream>>();
  /** The appends, one after the other: each awaits reads of the base, yet is atomic. */
  private appends: Promise<unknown> = Promise.resolve();
  private readonly kept = new Set<Promise<unknown>>();
  /** The ids {@link Staging.baseEvent} may still look up by searches of the base. */
  private directLookupsLeft: number = stagingLimits.directLookupsMax;
  /** Whether the base answers an id through an index: asked once. */
  private baseIndexed: Promise<boolean> | undefined;

  constructor(
    readonly base: EventStore,
    readonly clock: StoreClock,
  ) {}

  /** The stream as the staged store shows it: the base's part fixed when first asked for. */
  stream(streamId: string): Promise<StagedStream> {
    let stream = this.streams.get(streamId);
    if (stream === undefined) {
      stream = streamEndOf(this.base, streamId).then(({ length, last }) => {
        const stamp = last?.storedAt;
        if (stamp !== undefined && (this.lastBaseStamp ?? '') < stamp) this.lastBaseStamp = stamp;
        return { baseLength: length, staged: [], stagedById: new Map() };
      });
      stream.catch(() => this.streams.delete(streamId));
      this.streams.set(streamId, stream);
    }
    return stream;
  }

  /**
   * The event `eventId` of the base's part of `streamId`, when it holds it. Looked up through the
   * base's `revisionOfEvent` when it has one and answers through an index (a file store's writer,
   * or a reader beside a sound saved index), or, when it searches its file's bytes instead, for
   * the first few ids; after them, or without `revisionOfEvent`, the stream is read once into an
   * {@link EventIdRevisions}, so that a check of many appends (a file recorded line by line)
   * reads the base once, not once an append.
   */
  async baseEvent(streamId: string, eventId: string): Promise<StoredEvent | undefined> {
    const stream = await this.stream(streamId);
    if (stream.baseLength === 0) return undefined;
    if (stream.baseIds === undefined && (await this.looksUpInBase())) {
      const found = await findStoredEvent(this.base, streamId, eventId);
      return found !== undefined && found.streamRevision < stream.baseLength ? found : undefined;
    }
    if (stream.baseIds === undefined) {
      const indexed = EventIdRevisions.of(this.base, streamId, stream.baseLength);
      indexed.catch(() => (stream.baseIds = undefined));
      stream.baseIds = indexed;
    }
    return this.baseEventAt(streamId, eventId, (await stream.baseIds).candidates(eventId));
  }

  /**
   * The revision of `eventId` in the base's part of `streamId`. A base that answers through an
   * index is asked for the revision alone: reading the event too (a walk from the nearest seek
   * entry of a file store) is left to the caller, `findStoredEvent(s)`, which reads what it found
   * anyway and checks that the revision holds the id. Otherwise as {@link baseEvent} finds it.
   */
  async baseRevisionOf(streamId: string, eventId: string): Promise<number | undefined> {
    const stream = await this.stream(streamId);
    if (stream.baseLength === 0) return undefined;
    const storage = checkpointStorageOf(this.base);
    if (storage?.revisionOfEvent !== undefined && (await this.baseIsIndexed(storage))) {
      const revision = await storage.revisionOfEvent(streamId, eventId);
      return revision !== undefined && revision < stream.baseLength ? revision : undefined;
    }
    return (await this.baseEvent(streamId, eventId))?.streamRevision;
  }

  /** True when the next id is looked up through the base's `revisionOfEvent`. */
  private async looksUpInBase(): Promise<boolean> {
    const storage = checkpointStorageOf(this.base);
    if (storage?.revisionOfEvent === undefined) return false;
    if (await this.baseIsIndexed(storage)) return true;
    if (this.directLookupsLeft === 0) return false;
    this.directLookupsLeft -= 1;
    return true;
  }

  /** Whether the base's `revisionOfEvent` answers through an index: asked once. */
  private baseIsIndexed(storage: CheckpointStorage): Promise<boolean> {
    this.baseIndexed ??= (storage.eventIdsIndexed?.() ?? Promise.resolve(false)).catch(() => false);
    return this.baseIndexed;
  }

  /** The event `eventId` of the base, at one of the revisions `candidates`. */
  private async baseEventAt(
    streamId: string,
    eventId: string,
    candidates: readonly number[],
  ): Promise<StoredEvent | undefined> {
    for (const revision of candidates) {
      const read = this.base.readStream(streamId, { fromRevision: revision, maxCount: 1 });
      const event = await firstAsync(read);
      if (event?.eventId === eventId) return event;
    }
    return undefined;
  }

  /** Runs `append` after every append before it has ended. */
  inTurn<Result>(append: () => Promise<Result>): Promise<Result> {
    const turn = this.appends.then(append);
    this.appends = turn.catch(() => undefined);
    return turn;
  }

  keep(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.kept.delete(tracked));
    this.kept.add(tracked);
  }

  async settle(): Promise<void> {
    await this.appends;
    while (this.kept.size > 0) await Promise.allSettled([...this.kept]);
  }
}

/**
 * An {@link EventStore} that reads through to `base` and keeps its own appends in this process's
 * memory, never writing to `base`: the events of a dry run, checked by the same rules as a real
 * append and read back by the ledger as if stored, at the cost of the events staged only. Each
 * of the base's streams is seen as it was when the staged store first read it (another writer's
 * later appends to it are not seen); staged events continue its revisions, and their global
 * positions start at 2^52, after any base's. Checkpoints, when `base` keeps them, are read from
 * it and saved in memory only, so a ledger on the staged store starts from the base's year-close
 * checkpoints instead of replaying the whole history. Closing it leaves `base` open.
 *
 * ```ts
 * const staged = getStagedEventStore(fileStore);
 * const checked = await createLedger({ store: staged, förbundId: 'roslagen' }).recordAll(events)();
 * // fileStore holds what it held before; `checked` says whether the rules take the events
 * ```
 */
export function getStagedEventStore(
  base: EventStore,
  options: StagedEventStoreOptions = {},
): EventStore & Partial<CheckpointingStore> {
  const staging = new Staging(base, options.clock ?? systemClock);
  const storage = checkpointStorageOf(base);
  return {
    // A read of the base that fails is the append's failure, as a store's own read would be.
    appendToStream: (streamId, events, appendOptions) => () =>
      staging.inTurn(() =>
        appendStaged(staging, streamId, events, appendOptions).catch((thrown: unknown) =>
          E.left(toLedgerError(thrown)),
        ),
      ),
    readStream: (streamId, readOptions = {}) => readStaged(staging, streamId, readOptions),
    readAll: (readOptions = {}) => readAllStaged(staging, readOptions),
    // Closed first, then settled: background work on it (a fold of the readers' checkpoints
    // after a close) would only save into memory that is dropped, so it stops at its next call.
    async close() {
      staging.closed = true;
      await staging.settle();
    },
    ...(storage === undefined ? {} : { checkpoints: stagedCheckpoints(staging, storage) }),
  };
}

async function appendStaged(
  staging: Staging,
  streamId: unknown,
  events: readonly NewEvent[],
  options: AppendOptions | undefined,
): Promise<E.Either<LedgerError, AppendResult>> {
  if (staging.closed) return E.left(closedError());
  const valid = validateAppend(streamId, events, options?.expectedRevision);
  if (E.isLeft(valid)) return valid;
  const { streamId: id, expectedRevision, events: copies } = valid.right;
  const stream = await staging.stream(id);
  const stored = await storedFingerprints(staging, stream, id, copies);
  const length = stream.baseLength + stream.staged.length;
  const current = length === 0 ? undefined : length - 1;
  const decision = decideAppend(id, copies, expectedRevision, current, (eventId) =>
    stored.get(eventId),
  );
  if (E.isLeft(decision)) return decision;
  if (decision.right.action === 'already-stored') return E.right(decision.right.result);
  const previousStamp = staging.all[staging.all.length - 1]?.storedAt ?? staging.lastBaseStamp;
  // One stamp for the whole batch, as the in-memory store: it is staged at one moment.
  const storedAt = nextStoredAt(staging.clock, previousStamp);
  for (const event of copies) {
    const staged: StoredEvent = Object.freeze({
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: deepFreeze(event.data),
      metadata: deepFreeze(event.metadata),
      streamId: id,
      streamRevision: stream.baseLength + stream.staged.length,
      globalPosition: stagedPositionsStart + staging.all.length,
      storedAt,
    });
    stream.staged.push(staged);
    stream.stagedById.set(staged.eventId, staged);
    staging.all.push(staged);
  }
  const next = stream.baseLength + stream.staged.length - 1;
  assert(next === (current ?? -1) + copies.length, 'revisions continue without gaps');
  return E.right({ nextExpectedRevision: next, alreadyStored: false });
}

/**
 * The fingerprints of the events among `events` the stream holds already, by id: staged ones
 * from memory, the base's looked up in it (only those stored before the snapshot count).
 */
async function storedFingerprints(
  staging: Staging,
  stream: StagedStream,
  streamId: string,
  events: readonly NewEvent[],
): Promise<Map<string, string>> {
  const fingerprints = new Map<string, string>();
  for (const { eventId } of events) {
    const stored = stream.stagedById.get(eventId) ?? (await staging.baseEvent(streamId, eventId));
    if (stored !== undefined) fingerprints.set(eventId, eventFingerprint(stored));
  }
  return fingerprints;
}

async function* readStaged(
  staging: Staging,
  streamId: string,
  options: ReadStreamOptions,
): AsyncIterable<StoredEvent> {
  if (staging.closed) throw closedError();
  validateReadStreamOptions(options);
  const stream = await staging.stream(streamId);
  const from = options.fromRevision ?? 0;
  let left = options.maxCount ?? Number.POSITIVE_INFINITY;
  if (from < stream.baseLength && left > 0) {
    const maxCount = Math.min(left, stream.baseLength - from);
    for await (const event of staging.base.readStream(streamId, { fromRevision: from, maxCount })) {
      yield event;
      left -= 1;
    }
  }
  // Read by index, so that events staged while iterating are read too.
  for (let index = Math.max(0, from - stream.baseLength); left > 0; index += 1) {
    const event = stream.staged[index];
    if (event === undefined) return;
    yield event;
    left -= 1;
  }
}

async function* readAllStaged(
  staging: Staging,
  options: ReadAllOptions,
): AsyncIterable<StoredEvent> {
  if (staging.closed) throw closedError();
  validateReadAllOptions(options);
  const from = options.fromPosition ?? 0;
  let left = options.maxCount ?? Number.POSITIVE_INFINITY;
  if (left === 0) return;
  if (from < stagedPositionsStart) {
    for await (const event of staging.base.readAll({ fromPosition: from })) {
      assert(event.globalPosition < stagedPositionsStart, 'base positions lie below staged ones');
      // Each stream as the staged store shows it: up to its length when first asked for.
      if (event.streamRevision >= (await staging.stream(event.streamId)).baseLength) continue;
      yield event;
      left -= 1;
      if (left === 0) return;
    }
  }
  for (let index = Math.max(0, from - stagedPositionsStart); left > 0; index += 1) {
    const event = staging.all[index];
    if (event === undefined) return;
    yield event;
    left -= 1;
  }
}

/**
 * The base's checkpoint storage as the staged store shows it: the base's checkpoints are read,
 * saves and removals are kept in memory, and a staged event's chain hash is one of its own
 * (a digest of its place and id), so that a checkpoint saved at a staged event is never taken
 * for one of the base's.
 */
function stagedCheckpoints(staging: Staging, storage: CheckpointStorage): CheckpointStorage {
  const written = new Map<string, string>();
  const removed = new Set<string>();
  return {
    async chainHashAt(streamId, revision) {
      const stream = await staging.stream(streamId);
      if (revision < stream.baseLength) return storage.chainHashAt(streamId, revision);
      const event = stream.staged[revision - stream.baseLength];
      if (event === undefined) return undefined;
      return sha256OfText(`staged ${streamId} ${revision} ${event.eventId}`);
    },
    async revisionOfEvent(streamId, eventId) {
      const stream = await staging.stream(streamId);
      const staged = stream.stagedById.get(eventId);
      return staged?.streamRevision ?? staging.baseRevisionOf(streamId, eventId);
    },
    // The staged events are found in memory, the base's as the base finds them.
    eventIdsIndexed: async () => (await storage.eventIdsIndexed?.()) ?? false,
    async list() {
      const names = (await storage.list()).filter((name) => !removed.has(name));
      return [...new Set([...names, ...written.keys()])];
    },
    async read(name) {
      if (written.has(name)) return written.get(name);
      return removed.has(name) ? undefined : storage.read(name);
    },
    async write(name, content) {
      written.set(name, content);
      removed.delete(name);
    },
    async remove(name) {
      written.delete(name);
      removed.add(name);
    },
    keepOpenFor: (work) => staging.keep(work),
  };
}
