import { createHash } from 'node:crypto';
import * as E from 'fp-ts/Either';
import {
  bookkeepingCatalog,
  type BookkeepingEvent,
  type BookkeepingEventType,
} from '../bookkeeping/bookkeepingCatalog.js';
import { createBookkeepingDecider } from '../bookkeeping/bookkeepingDecider.js';
import type { BookkeepingState } from '../bookkeeping/BookkeepingState.js';
import { defaultChart } from '../bookkeeping/ChartOfAccounts.js';
import { ledgerError, type LedgerError } from '../error.js';
import type { EventInput } from '../facade/EventInput.js';
import type { NewEvent } from '../store/EventEnvelope.js';
import type { AppendOptions, AppendResult, EventStore } from '../store/EventStore.js';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { bookkeepingEvent } from '../testing/bookkeepingFixtures.js';
import {
  createEventRecorder,
  type EventRecorder,
  type RecorderCheckpoints,
} from './EventRecorder.js';

/** The books' stream of these tests. */
export const booksStreamId = 'bokforing-test';

/** An append the store holds until the test says what becomes of it. */
export interface HeldAppend {
  readonly events: readonly NewEvent[];
  readonly options: AppendOptions | undefined;
  /** Stores it (the in-memory store decides, as it would have). */
  store(): void;
  /** Answers with `error`; nothing is stored. */
  refuse(error: LedgerError): void;
  /** Throws `thrown`; nothing is stored. */
  fail(thrown: unknown): void;
}

/**
 * An in-memory store whose appends wait until the test releases them, one by one, in any order
 * and at any time: the recorder's appends then settle out of step with its calls. It counts the
 * appends it holds at once.
 */
export function heldStore(inner: EventStore = getInMemoryEventStore()) {
  const held: HeldAppend[] = [];
  const waiting: ((append: HeldAppend) => void)[] = [];
  let heldNow = 0;
  let heldMax = 0;
  let made = 0;
  const store: EventStore = {
    readStream: (streamId, options) => inner.readStream(streamId, options),
    readAll: (options) => inner.readAll(options),
    close: () => inner.close(),
    appendToStream: (streamId, events, options) => () =>
      new Promise<E.Either<LedgerError, AppendResult>>((resolve, reject) => {
        heldNow += 1;
        made += 1;
        heldMax = Math.max(heldMax, heldNow);
        const settled = () => (heldNow -= 1);
        const append: HeldAppend = {
          events,
          options,
          store: () => {
            settled();
            resolve(inner.appendToStream(streamId, events, options)());
          },
          refuse: (error) => {
            settled();
            resolve(E.left(error));
          },
          fail: (thrown) => {
            settled();
            reject(thrown);
          },
        };
        const taker = waiting.shift();
        if (taker === undefined) held.push(append);
        else taker(append);
      }),
  };
  return {
    store,
    inner,
    /** The next append the recorder makes, once it makes it. */
    nextAppend: (): Promise<HeldAppend> => {
      const first = held.shift();
      if (first !== undefined) return Promise.resolve(first);
      return new Promise((resolve) => waiting.push(resolve));
    },
    /** How many appends the store held at once, at most. */
    heldMax: () => heldMax,
    /** How many appends the recorder made. */
    appendsMade: () => made,
    /** How many appends the store holds now. */
    heldNow: () => heldNow,
  };
}

/**
 * A recorder of the books with the bookkeeping rules (as `createLedger` has them, without
 * checkpoints unless given); `decided` gets the id of each event the rules check, in order.
 */
export function booksRecorder(
  store: EventStore,
  decided?: string[],
  checkpoints?: RecorderCheckpoints<BookkeepingState, BookkeepingEvent>,
): EventRecorder<BookkeepingState, BookkeepingEvent> {
  const decider = createBookkeepingDecider(defaultChart);
  return createEventRecorder({
    store,
    streamId: booksStreamId,
    catalog: bookkeepingCatalog,
    ...(checkpoints === undefined ? {} : { checkpoints }),
    decider: {
      ...decider,
      decide: (state, event) => {
        decided?.push(nameOf(event.eventId));
        return decider.decide(state, event);
      },
    },
  });
}

const names = new Map<string, string>();

/** The event id (a UUID, as the catalog demands) a test names `name`. */
export function eventIdOf(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  const eventId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  names.set(eventId, name);
  return eventId;
}

/** The name a test gave the event id. */
export const nameOf = (eventId: string): string => names.get(eventId) ?? eventId;

const event = <Type extends BookkeepingEventType>(
  type: Type,
  data: EventInput<Type>,
  name: string,
) => bookkeepingEvent(type, data, eventIdOf(name));

/** The opening balance of 2021: 100 000 kr in the bank. */
export const openingBalance = (eventId: string) =>
  event(
    'IngåendeBalansRegistrerad',
    {
      datum: '2021-01-01',
      text: 'IB',
      kassaOchBank: '100000.00',
      momsfordran: '0.00',
      balanseratResultat: '100000.00',
      öppnaPoster: [],
    },
    eventId,
  );

/** A cost of 1 250 kr with moms, paid from the bank or owed as `postId`. */
export const cost = (eventId: string, datum: string, postId?: string) =>
  event(
    'KostnadBokförd',
    {
      datum,
      område: 'operativa',
      post: 'MIA vidare',
      belopp: '1000.00',
      moms: '250.00',
      text: `Kostnad ${eventId}`,
      betalning: postId === undefined ? { sätt: 'bank' } : { sätt: 'leverantörsskuld', postId },
    },
    eventId,
  );

/** A payment of `belopp` of the payable `postId`. */
export const paid = (eventId: string, datum: string, postId: string, belopp: string) =>
  event('LeverantörsskuldBetald', { datum, postId, belopp }, eventId);

/** What a call settled to, as a test compares it. */
export const outcome = (result: E.Either<LedgerError, AppendResult>) =>
  E.isLeft(result) ? { code: result.left.code } : result.right;

/** Every stored event of the books as a test compares it: id, type, data and its numbers. */
export async function storedBooks(store: EventStore) {
  const stored: unknown[] = [];
  for await (const found of store.readStream(booksStreamId))
    stored.push({
      eventId: nameOf(found.eventId),
      type: found.type,
      data: found.data,
      numbers: found.metadata['verifikationsnummer'],
    });
  return stored;
}

/** The write-side state a recorder that never saw any of the calls catches up to. */
export async function freshState(store: EventStore): Promise<BookkeepingState> {
  const state = await booksRecorder(store).state()();
  if (E.isLeft(state)) throw state.left;
  return state.right;
}

/** What a store does to an append. */
export type AppendFault = 'refuse' | 'throw' | 'conflict' | 'foreign-write';

/** The script of a {@link scriptedStore}. */
export interface StoreScript {
  /**
   * Every batch the calls may append, so that the store tells which batches an append holds. It
   * may grow while the calls run: a batch made from what the calls before it left.
   */
  readonly batches: readonly (readonly BookkeepingEvent[])[];
  /** What the store does to the first append of exactly the batch whose first event has `name`. */
  readonly faultOf?: (name: string) => AppendFault | undefined;
  /**
   * What it does to each append of several batches, in turn (none once they are used up); one
   * that holds a batch whose own fault is still to come fails in any case (`refuse` if nothing
   * else), and the batch's own fault is kept for its append alone.
   */
  readonly togetherFaults?: readonly (AppendFault | undefined)[];
  /** Turns of the event loop each append waits before it goes on. */
  readonly delayTurns?: () => number;
  /**
   * The date of the cost another writer records before the batch whose first event has `name`
   * (`foreign-write`): a date in a year that is open then. 2021-06-30 if not given.
   */
  readonly foreignDatum?: (name: string) => string;
}

/**
 * An in-memory store that does the script's faults: to the first append of each batch alone (the
 * same whether the calls run one at a time or in flight together) and to each append that holds
 * several batches (only the recorder's calls in flight make those). A foreign write records a cost
 * through another recorder just before the append goes on, so it meets a stream another writer
 * moved.
 */
export function scriptedStore(script: StoreScript) {
  const inner = getInMemoryEventStore();
  const foreign = booksRecorder(inner);
  const batchOfEvent = new Map<string, number>();
  let batchesIndexed = 0;
  // The batches added since the last append are indexed first: the list may grow as calls run.
  const batchOf = (eventId: string): number | undefined => {
    for (; batchesIndexed < script.batches.length; batchesIndexed += 1)
      for (const made of script.batches[batchesIndexed]!)
        if (!batchOfEvent.has(made.eventId)) batchOfEvent.set(made.eventId, batchesIndexed);
    return batchOfEvent.get(eventId);
  };
  const faulted = new Set<number>();
  let togetherAppends = 0;
  let foreignWrites = 0;
  const pending = (batch: number) =>
    !faulted.has(batch) &&
    script.faultOf?.(nameOf(script.batches[batch]?.[0]?.eventId ?? '')) !== undefined;
  const faultOf = (events: readonly NewEvent[]): AppendFault | undefined => {
    const batches = new Set(events.map((made) => batchOf(made.eventId) ?? -1));
    if (batches.size > 1) {
      const scripted = script.togetherFaults?.[togetherAppends++];
      // A batch whose first append is to fail fails whatever append holds it, without a trace;
      // its own fault is kept for its append alone.
      return [...batches].some(pending) ? (scripted ?? 'refuse') : scripted;
    }
    const batch = batchOf(events[0]?.eventId ?? '') ?? -1;
    if (faulted.has(batch)) return undefined;
    faulted.add(batch);
    return script.faultOf?.(nameOf(events[0]?.eventId ?? ''));
  };
  const store: EventStore = {
    readStream: (streamId, options) => inner.readStream(streamId, options),
    readAll: (options) => inner.readAll(options),
    close: () => inner.close(),
    appendToStream: (streamId, events, options) => async () => {
      for (let turn = 0; turn < (script.delayTurns?.() ?? 0); turn += 1)
        await new Promise<void>((resolve) => setImmediate(resolve));
      const fault = faultOf(events);
      if (fault === 'refuse') return E.left(ledgerError('IO_ERROR', 'the disk is full'));
      if (fault === 'throw') throw new Error('the write crashed');
      if (fault === 'conflict')
        return E.left(ledgerError('CONCURRENCY_CONFLICT', 'another writer got there first'));
      if (fault === 'foreign-write') {
        foreignWrites += 1;
        const datum = script.foreignDatum?.(nameOf(events[0]?.eventId ?? '')) ?? '2021-06-30';
        const recorded = await foreign.record([cost(`foreign-${foreignWrites}`, datum)])();
        if (E.isLeft(recorded)) throw recorded.left;
      }
      return inner.appendToStream(streamId, events, options)();
    },
  };
  /** How many appends held several batches. */
  return Object.assign(store, { appendsTogether: () => togetherAppends });
}
