import assert from 'node:assert/strict';
import * as E from 'fp-ts/Either';
import type { LedgerError } from '../error.js';
import { newEventId } from '../privacy/newEventId.js';
import type { NewEvent, StoredEvent } from '../store/EventEnvelope.js';
import type { AppendResult, EventStore, ExpectedRevision } from '../store/EventStore.js';
import { catalogHandOffConformanceCases } from './catalogHandOffConformance.js';
import { ledgerCallOrderConformanceCases } from './ledgerCallOrderConformance.js';
import { ledgerInFlightConformanceCases } from './ledgerInFlightConformance.js';

/**
 * The conformance suite every {@link EventStore} adapter must pass. It is framework-free
 * (plain `node:assert`), so an adapter written with any test runner can use it:
 *
 * ```ts
 * import test from 'ava';
 * import { registerEventStoreConformance } from '@finsam-ledger/core/testing';
 * registerEventStoreConformance((name, run) => test(name, async (t) => { await run(); t.pass(); }),
 * {
 *   create: async () => getMyStore(),
 * });
 * ```
 */

/** How the suite gets stores. */
export interface ConformanceSubject {
  /** A new, empty store. Called once per case. */
  create(): Promise<EventStore>;
  /**
   * For durable stores: close `store` and open the same storage again. When given, the
   * suite also checks that acknowledged events survive a reopen.
   */
  reopen?(store: EventStore): Promise<EventStore>;
}

/** One case of the suite. */
export interface ConformanceCase {
  readonly name: string;
  run(subject: ConformanceSubject): Promise<void>;
}

let eventCounter = 0;

/** Makes a valid event for tests; pass fields to override. */
export function makeTestEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  eventCounter += 1;
  return {
    eventId: newEventId(),
    type: 'TestHändelse',
    schemaVersion: 1,
    data: {
      sequence: eventCounter,
      amount: '363333.00',
      text: 'Medlemsbidrag från Täby kommun – kv 1 (åäö)',
      nested: { list: [1, true, null, 'två'] },
    },
    metadata: { recordedAt: '2020-03-31T12:00:00.000Z', recordedBy: 'conformance-suite' },
    ...overrides,
  };
}

/** Makes `count` valid events. */
export const makeTestEvents = (count: number): NewEvent[] =>
  Array.from({ length: count }, () => makeTestEvent());

const uniqueStream = (label: string): string =>
  `conformance-${label}-${globalThis.crypto.randomUUID().slice(0, 8)}`;

async function collect(iterable: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

async function append(
  store: EventStore,
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision = 'any',
): Promise<E.Either<LedgerError, AppendResult>> {
  return store.appendToStream(streamId, events, { expectedRevision })();
}

async function appendOkWithoutOptions(store: EventStore, streamId: string): Promise<AppendResult> {
  const result = await store.appendToStream(streamId, makeTestEvents(1))();
  if (E.isLeft(result))
    assert.fail(`append to ${streamId} failed: ${result.left.code} ${result.left.message}`);
  return result.right;
}

async function appendOk(
  store: EventStore,
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision = 'any',
): Promise<AppendResult> {
  const result = await append(store, streamId, events, expectedRevision);
  if (E.isLeft(result))
    assert.fail(`append to ${streamId} failed: ${result.left.code} ${result.left.message}`);
  return result.right;
}

function assertLeft(result: E.Either<LedgerError, unknown>, code: string): LedgerError {
  if (E.isRight(result)) assert.fail(`expected ${code}, but the append succeeded`);
  assert.equal(
    result.left.code,
    code,
    `expected ${code}, got ${result.left.code}: ${result.left.message}`,
  );
  return result.left;
}

function assertSameEvents(actual: readonly StoredEvent[], expected: readonly NewEvent[]): void {
  assert.equal(actual.length, expected.length, 'event count');
  actual.forEach((stored, index) => {
    const wanted = expected[index]!;
    assert.deepEqual(
      {
        eventId: stored.eventId,
        type: stored.type,
        schemaVersion: stored.schemaVersion,
        data: stored.data,
        metadata: stored.metadata,
      },
      {
        eventId: wanted.eventId,
        type: wanted.type,
        schemaVersion: wanted.schemaVersion,
        data: wanted.data,
        metadata: wanted.metadata,
      },
      `event ${index} round-trips unchanged`,
    );
  });
}

async function snapshot(store: EventStore): Promise<string[]> {
  return (await collect(store.readAll())).map(
    (event) => `${event.streamId}#${event.streamRevision}:${event.eventId}`,
  );
}

const badEvents: ReadonlyArray<readonly [string, () => unknown]> = [
  ['an eventId that is not a UUID', () => makeTestEvent({ eventId: 'not-a-uuid' })],
  [
    'an upper-case UUID',
    () => makeTestEvent({ eventId: globalThis.crypto.randomUUID().toUpperCase() }),
  ],
  ['an empty type', () => makeTestEvent({ type: '' })],
  ['schemaVersion 0', () => makeTestEvent({ schemaVersion: 0 })],
  ['a fractional schemaVersion', () => makeTestEvent({ schemaVersion: 1.5 })],
  ['data that is an array', () => makeTestEvent({ data: [1, 2] })],
  ['data that is a string', () => makeTestEvent({ data: '{}' })],
  ['NaN in data', () => makeTestEvent({ data: { amount: Number.NaN } })],
  ['Infinity in data', () => makeTestEvent({ data: { amount: Number.POSITIVE_INFINITY } })],
  ['-0 in data', () => makeTestEvent({ data: { count: -0 } })],
  ['undefined in data', () => makeTestEvent({ data: { amount: undefined } })],
  ['a function in data', () => makeTestEvent({ data: { amount: () => 1 } })],
  ['a bigint in data', () => makeTestEvent({ data: { amount: 1n } })],
  ['a Date in data', () => makeTestEvent({ data: { when: new Date(0) } })],
  ['metadata without recordedAt', () => ({ ...makeTestEvent(), metadata: { recordedBy: 'x' } })],
  [
    'recordedAt that is not an instant',
    () => makeTestEvent({ metadata: { recordedAt: '2020-13-45', recordedBy: 'x' } }),
  ],
  [
    'an unknown metadata key',
    () =>
      makeTestEvent({
        metadata: {
          recordedAt: '2020-03-31T12:00:00.000Z',
          recordedBy: 'x',
          personnummer: '19121212-1212',
        } as never,
      }),
  ],
  ['an unknown envelope key', () => ({ ...makeTestEvent(), extra: true })],
  ['null', () => null],
  [
    'recordedAt on 30 February',
    () => makeTestEvent({ metadata: { recordedAt: '2023-02-30T00:00:00.000Z', recordedBy: 'x' } }),
  ],
  [
    'recordedAt at 24:00',
    () => makeTestEvent({ metadata: { recordedAt: '2023-01-01T24:00:00.000Z', recordedBy: 'x' } }),
  ],
  [
    'recordedBy with NUL',
    () =>
      makeTestEvent({
        metadata: { recordedAt: '2020-03-31T12:00:00.000Z', recordedBy: 'x\u0000' },
      }),
  ],
  [
    'recordedBy with a right-to-left override',
    () =>
      makeTestEvent({
        metadata: { recordedAt: '2020-03-31T12:00:00.000Z', recordedBy: 'x\u202ey' },
      }),
  ],
  ...notPlainJsonData(),
];

/**
 * Data a store must refuse because it is not plain JSON: what `JSON.stringify` would write
 * differs from what was validated, or reading it throws (issue 14 item 10).
 */
function notPlainJsonData(): ReadonlyArray<readonly [string, () => unknown]> {
  const withThrowingGetter = () => {
    const data = { text: 'Resa' };
    Object.defineProperty(data, 'belopp', {
      enumerable: true,
      get() {
        throw new RangeError('no amount here');
      },
    });
    return makeTestEvent({ data });
  };
  const withGetter = () => {
    const data = {};
    Object.defineProperty(data, 'belopp', { enumerable: true, get: () => '100.00' });
    return makeTestEvent({ data });
  };
  const withHiddenToJson = () => {
    const data = { text: 'Resa' };
    Object.defineProperty(data, 'toJSON', { enumerable: false, value: () => ({ other: true }) });
    return makeTestEvent({ data });
  };
  const throwingProxy = () =>
    makeTestEvent({
      data: new Proxy(
        { text: 'Resa' },
        {
          getOwnPropertyDescriptor() {
            throw new TypeError('revoked');
          },
        },
      ),
    });
  return [
    ['data with a getter that throws', withThrowingGetter],
    ['data with a getter', withGetter],
    ['data with a non-enumerable toJSON', withHiddenToJson],
    ['data with a symbol key', () => makeTestEvent({ data: { [Symbol('x')]: 1, text: 'Resa' } })],
    ['data with an array hole', () => makeTestEvent({ data: { list: arrayWithHole() } })],
    ['data that is a Map', () => makeTestEvent({ data: new Map() as never })],
    ['data behind a proxy that throws', throwingProxy],
  ];
}

/** The cases of the suite. */
export const eventStoreConformanceCases: readonly ConformanceCase[] = [
  {
    name: 'appends to a new stream and reads the events back unchanged, with revisions from 0',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('roundtrip');
      const events = makeTestEvents(3);
      const result = await appendOk(store, stream, events, 'no_stream');
      assert.deepEqual(result, { nextExpectedRevision: 2, alreadyStored: false });
      const read = await collect(store.readStream(stream));
      assertSameEvents(read, events);
      assert.deepEqual(
        read.map((event) => event.streamRevision),
        [0, 1, 2],
      );
      assert.ok(read.every((event) => event.streamId === stream));
      await store.close();
    },
  },
  {
    name: 'keeps the order of successive appends and continues revisions without gaps',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('order');
      const first = makeTestEvents(2);
      const second = makeTestEvents(3);
      await appendOk(store, stream, first, 'no_stream');
      const result = await appendOk(store, stream, second, 1);
      assert.equal(result.nextExpectedRevision, 4);
      const read = await collect(store.readStream(stream));
      assertSameEvents(read, [...first, ...second]);
      assert.deepEqual(
        read.map((event) => event.streamRevision),
        [0, 1, 2, 3, 4],
      );
      await store.close();
    },
  },
  {
    name: "refuses 'no_stream' on an existing stream with CONCURRENCY_CONFLICT and writes nothing",
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('nostream');
      await appendOk(store, stream, makeTestEvents(1), 'no_stream');
      const before = await snapshot(store);
      const error = assertLeft(
        await append(store, stream, makeTestEvents(1), 'no_stream'),
        'CONCURRENCY_CONFLICT',
      );
      assert.equal(error.details['actualRevision'], 0);
      assert.deepEqual(await snapshot(store), before);
      await store.close();
    },
  },
  {
    name: 'refuses a wrong numeric expected revision and accepts the right one',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('numeric');
      await appendOk(store, stream, makeTestEvents(2), 'no_stream');
      const before = await snapshot(store);
      assertLeft(await append(store, stream, makeTestEvents(1), 0), 'CONCURRENCY_CONFLICT');
      assertLeft(await append(store, stream, makeTestEvents(1), 2), 'CONCURRENCY_CONFLICT');
      assert.deepEqual(await snapshot(store), before);
      const ok = await appendOk(store, stream, makeTestEvents(1), 1);
      assert.equal(ok.nextExpectedRevision, 2);
      await store.close();
    },
  },
  {
    name: 'refuses a numeric expected revision on a stream that does not exist',
    async run(subject) {
      const store = await subject.create();
      assertLeft(
        await append(store, uniqueStream('missing'), makeTestEvents(1), 0),
        'CONCURRENCY_CONFLICT',
      );
      assert.deepEqual(await snapshot(store), []);
      await store.close();
    },
  },
  {
    name: "checks 'stream_exists' and lets 'any' through",
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('exists');
      assertLeft(
        await append(store, stream, makeTestEvents(1), 'stream_exists'),
        'CONCURRENCY_CONFLICT',
      );
      assert.equal((await collect(store.readStream(stream))).length, 0);
      await appendOk(store, stream, makeTestEvents(1), 'any');
      await appendOk(store, stream, makeTestEvents(1), 'stream_exists');
      await appendOk(store, stream, makeTestEvents(1), 'any');
      assert.equal((await collect(store.readStream(stream))).length, 3);
      await store.close();
    },
  },
  {
    name: 'lets exactly one of two concurrent appends with the same expected revision win',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('race');
      await appendOk(store, stream, makeTestEvents(1), 'no_stream');
      const left = makeTestEvents(2);
      const right = makeTestEvents(2);
      const results = await Promise.all([
        append(store, stream, left, 0),
        append(store, stream, right, 0),
      ]);
      const winners = results.filter(E.isRight);
      const losers = results.filter(E.isLeft);
      assert.equal(winners.length, 1, 'exactly one append wins');
      assert.equal(losers.length, 1);
      assert.equal(losers[0]!.left.code, 'CONCURRENCY_CONFLICT');
      const read = await collect(store.readStream(stream));
      assert.equal(read.length, 3);
      const winner = results[0]!._tag === 'Right' ? left : right;
      assertSameEvents(read.slice(1), winner);
      await store.close();
    },
  },
  {
    name: 'reads a stream from a revision, and at most maxCount events',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('from');
      const events = makeTestEvents(10);
      await appendOk(store, stream, events, 'no_stream');
      assertSameEvents(
        await collect(store.readStream(stream, { fromRevision: 4 })),
        events.slice(4),
      );
      assertSameEvents(
        await collect(store.readStream(stream, { fromRevision: 4, maxCount: 3 })),
        events.slice(4, 7),
      );
      assertSameEvents(await collect(store.readStream(stream, { fromRevision: 10 })), []);
      assertSameEvents(await collect(store.readStream(stream, { maxCount: 0 })), []);
      await store.close();
    },
  },
  {
    name: 'refuses read options that are not whole numbers with VALIDATION_FAILED naming the option',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('read-options');
      await appendOk(store, stream, makeTestEvents(3), 'no_stream');
      const refusedWith = async (read: AsyncIterable<StoredEvent>, path: string) => {
        await assert.rejects(collect(read), (thrown: unknown) => {
          const error = thrown as LedgerError;
          assert.equal(error.code, 'VALIDATION_FAILED', String(error.message));
          assert.deepEqual(
            error.issues.map((issue) => issue.path),
            [path],
          );
          return true;
        });
      };
      await refusedWith(store.readStream(stream, { fromRevision: -1 }), 'options.fromRevision');
      await refusedWith(store.readStream(stream, { fromRevision: 1.5 }), 'options.fromRevision');
      await refusedWith(store.readStream(stream, { maxCount: -1 }), 'options.maxCount');
      await refusedWith(store.readAll({ fromPosition: Number.NaN }), 'options.fromPosition');
      await refusedWith(store.readAll({ maxCount: 0.5 }), 'options.maxCount');
      // What is allowed stays allowed: no limit, and a position before the first.
      assert.equal(
        (await collect(store.readStream(stream, { maxCount: Number.POSITIVE_INFINITY }))).length,
        3,
      );
      const all = await collect(store.readAll({ fromPosition: -5 }));
      assert.equal(all.filter((event) => event.streamId === stream).length, 3);
      await store.close();
    },
  },
  {
    name: 'stamps: a storedAt, where the store gives one, is an ISO-8601 UTC instant that never decreases along a stream',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('stamped');
      await appendOk(store, stream, makeTestEvents(2));
      await appendOk(store, stream, makeTestEvents(1));
      const stamps = (await collect(store.readStream(stream))).map((event) => event.storedAt);
      for (const stamp of stamps)
        if (stamp !== undefined)
          assert.match(stamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'storedAt form');
      const given = stamps.filter((stamp): stamp is string => stamp !== undefined);
      assert.deepEqual(given, [...given].sort(), 'stamps never decrease along the stream');
      await store.close();
    },
  },
  {
    name: 'reads nothing from a stream that does not exist',
    async run(subject) {
      const store = await subject.create();
      assert.deepEqual(await collect(store.readStream(uniqueStream('nothing'))), []);
      await store.close();
    },
  },
  {
    name: 'reads all events in one global order that keeps the order of appends',
    async run(subject) {
      const store = await subject.create();
      const a = uniqueStream('all-a');
      const b = uniqueStream('all-b');
      const a1 = makeTestEvents(2);
      const b1 = makeTestEvents(1);
      const a2 = makeTestEvents(2);
      await appendOk(store, a, a1);
      await appendOk(store, b, b1);
      await appendOk(store, a, a2);
      const all = await collect(store.readAll());
      const ours = all.filter((event) => event.streamId === a || event.streamId === b);
      assertSameEvents(ours, [...a1, ...b1, ...a2]);
      assert.deepEqual(
        ours.map((event) => `${event.streamId === a ? 'a' : 'b'}${event.streamRevision}`),
        ['a0', 'a1', 'b0', 'a2', 'a3'],
      );
      for (let index = 1; index < all.length; index += 1) {
        assert.ok(
          all[index]!.globalPosition > all[index - 1]!.globalPosition,
          'global positions strictly increase',
        );
      }
      const third = ours[2]!;
      const resumed = (await collect(store.readAll({ fromPosition: third.globalPosition }))).filter(
        (event) => event.streamId === a || event.streamId === b,
      );
      assertSameEvents(resumed, [...b1, ...a2]);
      const limited = await collect(
        store.readAll({ fromPosition: third.globalPosition, maxCount: 2 }),
      );
      assert.equal(limited.length, 2);
      assert.equal(limited[0]!.eventId, third.eventId);
      await store.close();
    },
  },
  {
    name: 'treats a repeated batch (same ids, same content) as an idempotent no-op, whatever the expected revision',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('idem');
      const events = makeTestEvents(3);
      await appendOk(store, stream, events, 'no_stream');
      const again = await appendOk(store, stream, events, 'no_stream');
      assert.deepEqual(again, { nextExpectedRevision: 2, alreadyStored: true });
      const single = await appendOk(store, stream, [events[1]!], 0);
      assert.equal(single.alreadyStored, true);
      const withNewMetadata = events.map((event) => ({
        ...event,
        metadata: { ...event.metadata, recordedAt: '2021-01-01T00:00:00.000Z' },
      }));
      assert.equal((await appendOk(store, stream, withNewMetadata, 'any')).alreadyStored, true);
      assertSameEvents(await collect(store.readStream(stream)), events);
      await store.close();
    },
  },
  {
    name: 'refuses a stored event id reused for different content, or a batch mixing stored and new ids, with EVENT_ID_CONFLICT',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('idconflict');
      const events = makeTestEvents(2);
      await appendOk(store, stream, events);
      const before = await snapshot(store);
      assertLeft(
        await append(store, stream, [{ ...events[0]!, data: { changed: true } }]),
        'EVENT_ID_CONFLICT',
      );
      assertLeft(
        await append(store, stream, [{ ...events[0]!, type: 'AnnanTyp' }]),
        'EVENT_ID_CONFLICT',
      );
      assertLeft(await append(store, stream, [events[1]!, makeTestEvent()]), 'EVENT_ID_CONFLICT');
      assert.deepEqual(await snapshot(store), before);
      await store.close();
    },
  },
  {
    name: 'refuses the same event id twice in one batch with INVALID_EVENT and writes nothing',
    async run(subject) {
      const store = await subject.create();
      const event = makeTestEvent();
      assertLeft(await append(store, uniqueStream('dup'), [event, { ...event }]), 'INVALID_EVENT');
      assert.deepEqual(await snapshot(store), []);
      await store.close();
    },
  },
  {
    name: 'refuses every kind of malformed event with INVALID_EVENT naming the field, and writes nothing of the batch',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('bad');
      await appendOk(store, stream, makeTestEvents(1));
      const before = await snapshot(store);
      for (const [label, make] of badEvents) {
        const error = assertLeft(
          await append(store, stream, [makeTestEvent(), make() as NewEvent], 'any'),
          'INVALID_EVENT',
        );
        assert.ok(
          error.issues.length > 0 && error.issues[0]!.path.startsWith('events[1]'),
          `${label}: the error names events[1], got ${JSON.stringify(error.issues)}`,
        );
      }
      assertLeft(await append(store, stream, []), 'INVALID_EVENT');
      const heavy = Array.from({ length: 3 }, () =>
        makeTestEvent({ data: { text: 'x'.repeat(400_000) } }),
      );
      const tooLarge = assertLeft(await append(store, stream, heavy), 'INVALID_EVENT');
      assert.equal(tooLarge.issues[0]?.rule, 'append-bytes-max');
      assertLeft(await append(store, stream, 'not an array' as never), 'INVALID_EVENT');
      assertLeft(
        await store.appendToStream(stream, makeTestEvents(1), { expectedRevision: -1 })(),
        'INVALID_EVENT',
      );
      assertLeft(
        await store.appendToStream(stream, makeTestEvents(1), { expectedRevision: 1.5 })(),
        'INVALID_EVENT',
      );
      assert.deepEqual(await snapshot(store), before);
      await store.close();
    },
  },
  {
    name: 'refuses invalid stream ids with INVALID_STREAM_ID and writes nothing',
    async run(subject) {
      const store = await subject.create();
      for (const streamId of [
        '',
        ' ',
        'has space',
        '$system',
        'x'.repeat(201),
        'tab\there',
        42 as never,
      ]) {
        assertLeft(await append(store, streamId, makeTestEvents(1)), 'INVALID_STREAM_ID');
      }
      assert.deepEqual(await snapshot(store), []);
      await store.close();
    },
  },
  {
    name: 'stores a large batch atomically and in order',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('large');
      const events = makeTestEvents(500);
      const result = await appendOk(store, stream, events, 'no_stream');
      assert.equal(result.nextExpectedRevision, 499);
      const read = await collect(store.readStream(stream));
      assertSameEvents(read, events);
      await store.close();
    },
  },
  {
    name: 'keeps decimal strings, unicode, nested JSON and every metadata member exactly as appended',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('exact');
      const event = makeTestEvent({
        type: 'KostnadBokförd',
        data: {
          beloppKr: '8994844.00',
          moms: '0.10',
          text: 'Arbetsträning Väddö hälsoträdgård – nov “ASF”',
          zero: 0,
          negative: -1.5,
          emptyList: [],
          deep: { a: { b: { c: 'ö' } } },
        },
        metadata: {
          recordedAt: '2020-12-31T23:59:59.999Z',
          recordedBy: 'Ekonom Österåker',
          correlationId: 'import-2020',
          causationId: newEventId(),
          verifikationsnummer: ['2020-412'],
          copiedFrom: { storedAt: '2021-01-04T08:15:00.000Z', globalPosition: 1748 },
        },
      });
      await appendOk(store, stream, [event]);
      assertSameEvents(await collect(store.readStream(stream)), [event]);
      await store.close();
    },
  },
  {
    name: 'issue 14 item 10: refuses an expectedRevision that is not one of the documented values (null included) with INVALID_EVENT and writes nothing',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('revision');
      await appendOk(store, stream, makeTestEvents(1));
      const before = await snapshot(store);
      for (const expectedRevision of [null, '', 'ANY', 'none', Number.NaN, {}, '0']) {
        const error = assertLeft(
          await store.appendToStream(stream, makeTestEvents(1), {
            expectedRevision: expectedRevision as never,
          })(),
          'INVALID_EVENT',
        );
        assert.equal(error.issues[0]?.path, 'expectedRevision', String(expectedRevision));
      }
      assert.deepEqual(await snapshot(store), before);
      // Leaving it out means 'any'.
      await appendOk(store, stream, makeTestEvents(1));
      assert.equal((await appendOkWithoutOptions(store, stream)).nextExpectedRevision, 2);
      await store.close();
    },
  },
  {
    name: 'issue 14 item 10: stores what it validated: data is read once, so an object answering differently on a second read cannot slip past the checks',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('readonce');
      let reads = 0;
      const data = new Proxy(
        { text: 'Resa' },
        {
          getOwnPropertyDescriptor(target, key) {
            reads += 1;
            const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
            // Every read after the first would hand over a personnummer.
            return reads > 1 && descriptor ? { ...descriptor, value: '811218-9876' } : descriptor;
          },
        },
      );
      const event = makeTestEvent({ data });
      await appendOk(store, stream, [event]);
      const [stored] = await collect(store.readStream(stream));
      assert.deepEqual(stored?.data, { text: 'Resa' });
      await store.close();
    },
  },
  {
    name: 'issue 14 item 7: refuses a personnummer in data, metadata, the event id or the stream id with PERSONNUMMER_REFUSED naming the field, and writes nothing',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('pnr');
      await appendOk(store, stream, makeTestEvents(1));
      const before = await snapshot(store);
      const cases: ReadonlyArray<readonly [string, string, NewEvent]> = [
        [
          stream,
          'events[1].data.text',
          makeTestEvent({ data: { text: 'Resa för 811218 - 9876' } }),
        ],
        [
          stream,
          'events[1].metadata.recordedBy',
          makeTestEvent({
            metadata: {
              recordedAt: '2020-03-31T12:00:00.000Z',
              recordedBy: '８１１２１８－９８７６',
            },
          }),
        ],
        [
          stream,
          'events[1].eventId',
          makeTestEvent({ eventId: '19811218-9876-4000-8000-000000000000' }),
        ],
        ['deltagare-811218-9876', 'streamId', makeTestEvent()],
      ];
      for (const [streamId, path, event] of cases) {
        const error = assertLeft(
          await append(store, streamId, [makeTestEvent(), event]),
          'PERSONNUMMER_REFUSED',
        );
        assert.deepEqual(
          error.issues.map((issue) => [issue.path, issue.rule]),
          [[path, 'no-personnummer']],
        );
        assert.ok(!error.message.includes('9876'), 'the number is not echoed');
      }
      assert.deepEqual(await snapshot(store), before);
      await store.close();
    },
  },
  {
    name: 'issue 15: refuses a personnummer deep in data, in a key, and under an own __proto__ key, naming the path, and writes nothing',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('pnr-deep');
      await appendOk(store, stream, makeTestEvents(1));
      const before = await snapshot(store);
      const cases: ReadonlyArray<readonly [string, unknown]> = [
        [
          'events[1].data.betalning.rader.1.text',
          { betalning: { rader: [{ text: 'Resa' }, { text: 'Resa för 811218-9876' }] } },
        ],
        ['events[1].data.deltagare.811218-9876', { deltagare: { '811218-9876': 'inskriven' } }],
        [
          'events[1].data.__proto__.text',
          JSON.parse('{"text":"Resa","__proto__":{"text":"Resa för 811218-9876"}}'),
        ],
      ];
      for (const [path, data] of cases) {
        const error = assertLeft(
          await append(store, stream, [makeTestEvent(), makeTestEvent({ data })]),
          'PERSONNUMMER_REFUSED',
        );
        assert.deepEqual(
          error.issues.map((issue) => [issue.path, issue.rule]),
          [[path, 'no-personnummer']],
        );
        // A key is named by its path, so only a number in a value stays out of the message.
        if (!path.includes('9876'))
          assert.ok(!error.message.includes('9876'), 'the number is not echoed');
      }
      assert.deepEqual(await snapshot(store), before);
      await store.close();
    },
  },
  {
    name: 'issue 15: what a caller does to its objects after an append resolves does not change what is stored',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('mutate');
      const event = makeTestEvent({
        data: { text: 'Resa', rader: [{ belopp: '100.00' }] },
        metadata: {
          recordedAt: '2020-03-31T12:00:00.000Z',
          recordedBy: 'Ekonom',
          verifikationsnummer: ['2020-1'],
        },
      });
      const expected = structuredClone(event);
      await appendOk(store, stream, [event]);
      const data = event.data as { text: string; rader: { belopp: string }[]; extra?: string };
      data.text = 'Ändrad';
      data.rader[0]!.belopp = '999.00';
      data.extra = 'tillagd';
      (event.metadata.verifikationsnummer as string[]).push('2020-2');
      (event as { type: string }).type = 'Annan';
      assertSameEvents(await collect(store.readStream(stream)), [expected]);
      await store.close();
    },
  },
  {
    name: 'keeps every acknowledged event across a reopen (durable stores)',
    async run(subject) {
      if (!subject.reopen) return; // Not durable by design (e.g. in-memory): nothing to reopen.
      const store = await subject.create();
      const stream = uniqueStream('durable');
      const events = makeTestEvents(5);
      await appendOk(store, stream, events.slice(0, 2), 'no_stream');
      await appendOk(store, stream, events.slice(2), 1);
      const reopened = await subject.reopen(store);
      assertSameEvents(await collect(reopened.readStream(stream)), events);
      const next = await appendOk(reopened, stream, makeTestEvents(1), 4);
      assert.equal(next.nextExpectedRevision, 5);
      assert.equal(
        (await appendOk(reopened, stream, events, 'any')).alreadyStored,
        true,
        'idempotency survives a reopen',
      );
      await reopened.close();
    },
  },
  // The hand-off between the ledger's catalog and the store (issue 15, "validate once").
  ...catalogHandOffConformanceCases,
  // A ledger's calls in flight on one stream (issue 15, durable batched appends).
  ...ledgerInFlightConformanceCases,
  // record and recordAll started in one tick (call order across both).
  ...ledgerCallOrderConformanceCases,
];

/**
 * Registers every conformance case with a test runner.
 *
 * @param register - called once per case with its name and a function that throws on failure.
 */
export function registerEventStoreConformance(
  register: (name: string, run: () => Promise<void>) => void,
  subject: ConformanceSubject,
): void {
  for (const conformanceCase of eventStoreConformanceCases) {
    register(`conformance: ${conformanceCase.name}`, () => conformanceCase.run(subject));
  }
}

/** `[1, <hole>, 3]`, built without a sparse array literal (which the linter refuses as a typo). */
function arrayWithHole(): number[] {
  const list = new Array<number>(3);
  list[0] = 1;
  list[2] = 3;
  return list;
}
