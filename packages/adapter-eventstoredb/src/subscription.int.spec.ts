import test, { type ExecutionContext } from 'ava';
import { EventStoreDBClient } from '@eventstore/db-client';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import {
  createLedger,
  followStream,
  rowOf,
  watchAnnualReport,
  type AnnualReport,
  type StoredEvent,
} from '@finsam-ledger/core';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import {
  startEventStoreDBEmulator,
  type EventStoreDBEmulator,
  type EventStoreDBEmulatorOptions,
} from '@finsam-ledger/eventstoredb-emulator';
import * as E from 'fp-ts/Either';
import {
  getEventStoreDBEventStore,
  type EventStoreDBClientLike,
  type EventStoreDBEventStore,
  type RetryEvent,
} from './index.js';
import { clientLabel, clientPackages, type ClientPackage } from './clientPackages.testSupport.js';

/**
 * The EventStoreDB store's live read (`subscribeToStream`, through the client's catch-up
 * subscription) against the emulator, with each client package: events come in revision order,
 * each once, across the boundary between catching up and going live and across a lost
 * connection, which is subscribed again after the last revision delivered. Every wait is on a
 * signal (an event delivered, a subscription confirmed or ended by the emulator), never on a
 * clock.
 */

interface Harness {
  readonly emulator: EventStoreDBEmulator;
  readonly store: EventStoreDBEventStore;
  readonly retries: RetryEvent[];
  /** The `fromRevision` of every subscription the store asked the client for, in order. */
  readonly subscribedFrom: string[];
}

async function harness(
  t: ExecutionContext,
  clientPackage: ClientPackage,
  emulatorOptions: EventStoreDBEmulatorOptions = {},
): Promise<Harness> {
  const emulator = await startEventStoreDBEmulator(emulatorOptions);
  const client: EventStoreDBClientLike =
    clientPackage === '@eventstore/db-client'
      ? EventStoreDBClient.connectionString(emulator.connectionString)
      : KurrentDBClient.connectionString(
          emulator.connectionString.replace(/^esdb:\/\//, 'kurrentdb://'),
        );
  const subscribedFrom: string[] = [];
  const recording: EventStoreDBClientLike = {
    appendToStream: (...args) => client.appendToStream(...args),
    readStream: (...args) => client.readStream(...args),
    readAll: (...args) => client.readAll(...args),
    subscribeToStream: (streamName, options) => {
      subscribedFrom.push(String(options?.fromRevision));
      return client.subscribeToStream(streamName, options);
    },
    dispose: () => client.dispose(),
  };
  const retries: RetryEvent[] = [];
  const store = getEventStoreDBEventStore({
    client: recording,
    deadlineMs: 60_000,
    retry: { attemptsMax: 3, backoffMsInitial: 5, backoffMsMax: 20 },
    onRetry: (event) => retries.push(event),
  });
  t.teardown(async () => {
    await store.close();
    await client.dispose();
    await emulator.stop();
  });
  return { emulator, store, retries, subscribedFrom };
}

async function append(store: EventStoreDBEventStore, streamId: string, count: number) {
  const appended = await store.appendToStream(streamId, makeTestEvents(count))();
  if (E.isLeft(appended)) throw appended.left;
}

/** Reads a live iteration's batches until it has delivered `count` events in all. */
async function take(
  batches: AsyncIterator<readonly StoredEvent[]>,
  count: number,
): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  while (events.length < count) {
    const next = await batches.next();
    if (next.done === true) throw new Error(`the subscription ended after ${events.length}`);
    events.push(...next.value);
  }
  return events;
}

/** A subscription's batches, as an iterator. */
const subscribe = (
  store: EventStoreDBEventStore,
  streamId: string,
  fromRevision: number,
  signal: AbortSignal,
  pollIntervalMs: number,
): AsyncIterator<readonly StoredEvent[]> => {
  const batches = store.subscribeToStream(streamId, { fromRevision, signal, pollIntervalMs });
  return batches[Symbol.asyncIterator]();
};

const revisionsOf = (events: readonly StoredEvent[]): number[] =>
  events.map((event) => event.streamRevision);
const range = (from: number, count: number): number[] =>
  Array.from({ length: count }, (_unused, index) => from + index);

function subscriptionTest(name: string, run: (t: ExecutionContext, h: Harness) => Promise<void>) {
  for (const clientPackage of clientPackages)
    test(`[${clientLabel(clientPackage)}] subscription: ${name}`, async (t) =>
      run(t, await harness(t, clientPackage)));
}

subscriptionTest(
  'events stored before, during and after the catch-up arrive in order, none lost or doubled',
  async (t, { emulator, store, subscribedFrom }) => {
    await append(store, 'live', 600);
    const stop = new AbortController();
    const batches = subscribe(store, 'live', 250, stop.signal, 60_000);
    // Appends race the catch-up: ten batches sent while the first events are still coming.
    const first = take(batches, 10);
    const appends = Promise.all(range(0, 10).map(() => append(store, 'live', 7)));
    const delivered = [...(await first)];
    await appends;
    delivered.push(...(await take(batches, 350 + 70 - delivered.length)));
    t.deepEqual(revisionsOf(delivered), range(250, 420));
    // After the catch-up, a live append arrives on the same subscription.
    await append(store, 'live', 3);
    t.deepEqual(revisionsOf(await take(batches, 3)), [670, 671, 672]);
    t.deepEqual(subscribedFrom, ['249'], 'one subscription, after the revision before 250');
    stop.abort();
    t.true((await batches.next()).done);
    await emulator.whenSubscriptionsEnded(1);
    t.is(emulator.openSubscriptionCount(), 0, 'the server saw the subscription end');
  },
);

subscriptionTest(
  'a subscription to a stream that does not exist yet delivers its first events when written',
  async (t, { emulator, store, subscribedFrom }) => {
    const stop = new AbortController();
    const batches = subscribe(store, 'later', 0, stop.signal, 60_000);
    const delivered = take(batches, 4);
    await emulator.whenSubscriptionsConfirmed(1);
    await append(store, 'later', 4);
    t.deepEqual(revisionsOf(await delivered), [0, 1, 2, 3]);
    t.deepEqual(subscribedFrom, ['start']);
    stop.abort();
  },
);

subscriptionTest(
  'a connection dropped mid catch-up subscribes again after the last revision seen',
  async (t, { emulator, store, retries, subscribedFrom }) => {
    await append(store, 'dropped', 40);
    emulator.injectFault({ kind: 'dropSubscription', afterEvents: 15 });
    const stop = new AbortController();
    const batches = subscribe(store, 'dropped', 5, stop.signal, 60_000);
    t.deepEqual(revisionsOf(await take(batches, 35)), range(5, 35));
    t.deepEqual(subscribedFrom, ['4', '19'], 'subscribed again after revision 19, the last seen');
    t.is(retries.length, 1);
    t.is(retries[0]!.operation, 'subscribeToStream');
    t.is(retries[0]!.error.code, 'STORE_UNAVAILABLE');
    stop.abort();
  },
);

subscriptionTest(
  'a live subscription dropped by the server subscribes again, and the events appended in between arrive once',
  async (t, { emulator, store, subscribedFrom }) => {
    await append(store, 'flaky', 3);
    const stop = new AbortController();
    const batches = subscribe(store, 'flaky', 0, stop.signal, 60_000);
    t.deepEqual(revisionsOf(await take(batches, 3)), [0, 1, 2]);
    emulator.dropSubscriptions();
    // Written while the subscriber may have no subscription at all.
    await append(store, 'flaky', 2);
    // The iteration is lazy: asking for the next events makes it subscribe again.
    const delivered = take(batches, 4);
    await emulator.whenSubscriptionsConfirmed(2);
    await append(store, 'flaky', 2);
    t.deepEqual(revisionsOf(await delivered), [3, 4, 5, 6]);
    t.deepEqual(subscribedFrom, ['start', '2']);
    stop.abort();
  },
);

subscriptionTest(
  'followStream and watchAnnualReport go through the subscription: a live report updates with no polling',
  async (t, { emulator, store }) => {
    const ledger = createLedger({ store, förbundId: 'live' });
    const metadata = { recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: 'test' };
    const opened = await ledger.record(
      'IngåendeBalansRegistrerad',
      {
        datum: '2025-01-01',
        text: 'IB',
        kassaOchBank: '1000.00',
        momsfordran: '0',
        balanseratResultat: '1000.00',
        öppnaPoster: [],
      },
      { metadata },
    )();
    t.true(E.isRight(opened));
    const stop = new AbortController();
    // A poll interval far beyond the test: only the subscription can bring the new events.
    const reports = watchAnnualReport(store, ledger.streamId, 2025, {
      signal: stop.signal,
      pollIntervalMs: 600_000,
    })[Symbol.asyncIterator]();
    const result = (report: AnnualReport) =>
      rowOf(report.resultaträkning, 'årets-resultat').amounts[0]!.toString();
    t.is(result((await reports.next()).value as AnnualReport), '0.00');
    // The watch subscribes once asked for its next report.
    const next = reports.next();
    await emulator.whenSubscriptionsConfirmed(1);
    const recorded = await ledger.record(
      'MedlemsbidragMottaget',
      {
        datum: '2025-03-01',
        medlem: 'Staten',
        medlemskategori: 'staten',
        period: '2025',
        belopp: '250.50',
      },
      { metadata },
    )();
    t.true(E.isRight(recorded));
    const updated = (await next).value as AnnualReport;
    t.is(result(updated), '250.50');
    t.is(rowOf(updated.balansräkning, 'kassa-och-bank').amounts[0]!.toString(), '1250.50');
    stop.abort();
    t.true((await reports.next()).done);
    await emulator.whenSubscriptionsEnded(1);

    // followStream on the same store: from the start, both events, through one subscription.
    const followed = new AbortController();
    const events = followStream(store, ledger.streamId, {
      fromRevision: 0,
      signal: followed.signal,
    });
    t.deepEqual(revisionsOf(await take(events[Symbol.asyncIterator](), 2)), [0, 1]);
    followed.abort();
  },
);

for (const clientPackage of clientPackages)
  test(`[${clientLabel(clientPackage)}] subscription: a server that refuses subscriptions is read page by page instead`, async (t) => {
    const { emulator, store, subscribedFrom } = await harness(t, clientPackage, {
      subscriptions: 'refused',
    });
    await append(store, 'polled', 5);
    const stop = new AbortController();
    const batches = subscribe(store, 'polled', 2, stop.signal, 10);
    t.deepEqual(revisionsOf(await take(batches, 3)), [2, 3, 4]);
    await append(store, 'polled', 2);
    t.deepEqual(revisionsOf(await take(batches, 2)), [5, 6]);
    t.deepEqual(subscribedFrom, ['1'], 'asked once; refused, it is not asked again');
    t.is(emulator.openSubscriptionCount(), 0);
    stop.abort();
    t.true((await batches.next()).done);
  });
