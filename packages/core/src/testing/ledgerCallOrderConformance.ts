import assert from 'node:assert/strict';
import * as E from 'fp-ts/Either';
import { createLedger, type EventToRecord, type Ledger } from '../facade/createLedger.js';
import { newEventId } from '../privacy/newEventId.js';
import type { EventStore } from '../store/EventStore.js';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import type { ConformanceCase, ConformanceSubject } from './eventStoreConformance.js';

/**
 * Conformance case of a ledger whose `record` and `recordAll` calls are started in one tick, none
 * awaited before the next: they must be decided, numbered and stored in the order they were
 * started, whichever of the two each is, as the same calls awaited one at a time; a call the rules
 * refuse in the middle writes nothing and changes nothing for the calls around it.
 */

const metadata = { recordedAt: '2020-12-31T12:00:00.000Z', recordedBy: 'conformance-suite' };

const fee = (text: string): EventToRecord => ({
  type: 'FinansiellKostnadBokförd',
  data: { datum: '2020-05-31', belopp: '60.00', text },
  options: { metadata, eventId: newEventId() },
});

const openingBalance: EventToRecord = {
  type: 'IngåendeBalansRegistrerad',
  data: {
    datum: '2020-01-01',
    text: 'IB',
    kassaOchBank: '1000.00',
    momsfordran: '0.00',
    balanseratResultat: '1000.00',
    öppnaPoster: [],
  },
  options: { metadata, eventId: newEventId() },
};

/** A payment of a leverantörsskuld that was never booked: the rules refuse it. */
const unknownDebtPaid: EventToRecord = {
  type: 'LeverantörsskuldBetald',
  data: { datum: '2020-06-01', postId: 'LF-saknas', belopp: '1.00' },
  options: { metadata, eventId: newEventId() },
};

/** A cost of 2020 accrued (upplupen) as `postId`. */
const accrued = (postId: string): EventToRecord => ({
  type: 'KostnadBokförd',
  data: {
    datum: '2020-12-31',
    område: 'administrativa',
    post: 'Styrelse',
    belopp: '500.00',
    text: `Upplupen ${postId}`,
    betalning: { sätt: 'upplupen', postId },
  },
  options: { metadata, eventId: newEventId() },
});

/**
 * A call: one event through `record`, a batch through `recordAll`, or a command that reads the
 * books first (a correction of an event by id, a reversal of an accrual, a year close), or a
 * read of the write side's state.
 */
type Call =
  | { readonly one: EventToRecord }
  | { readonly all: readonly EventToRecord[] }
  | { readonly correct: string }
  | { readonly reverse: string }
  | { readonly close: number }
  | { readonly state: true };

const options = { metadata };

const taskOf = (ledger: Ledger, call: Exclude<Call, { state: true }>) => {
  if ('one' in call) return ledger.record(call.one.type, call.one.data as never, call.one.options);
  if ('all' in call) return ledger.recordAll(call.all);
  if ('correct' in call) return ledger.correct(call.correct, '2020-12-30', 'Fel', options);
  if ('reverse' in call) return ledger.reverseAccrual(call.reverse, '2021-01-31', options);
  return ledger.closeYear(call.close, '2021-02-15', options);
};

/**
 * Starts the call (runs its task) and gives what it settles to, without what `record` adds; for
 * `state()`, the years closed and the correctable events' types.
 */
function start(ledger: Ledger, call: Call) {
  if ('state' in call)
    return ledger
      .state()()
      .then((result) =>
        E.isLeft(result)
          ? { code: result.left.code }
          : {
              closedYears: [...result.right.closedYears],
              // By type: a command's own event has an id of its own in each ledger.
              correctableEvents: [...result.right.correctableEvents.values()].map(
                (entry) => entry.type,
              ),
            },
      );
  const task = taskOf(ledger, call);
  return task().then((result) =>
    E.isLeft(result)
      ? { code: result.left.code }
      : {
          nextExpectedRevision: result.right.nextExpectedRevision,
          alreadyStored: result.right.alreadyStored,
        },
  );
}

/** Each stored event's text and verifikationsnummer, in stream order. */
async function books(store: EventStore, ledger: Ledger) {
  const stored: unknown[] = [];
  for await (const event of store.readStream(ledger.streamId))
    stored.push([
      event.eventId,
      (event.data as { text?: unknown }).text,
      event.metadata['verifikationsnummer'],
    ]);
  return stored;
}

/**
 * The calls awaited one at a time on a ledger of an in-memory store, then all started in one
 * tick on a ledger of the subject's store: what each settled to, and both ledgers and stores.
 */
async function oneAtATimeThenInOneTick(subject: ConformanceSubject, calls: readonly Call[]) {
  const förbundId = `callorder-${newEventId().slice(0, 8)}`;
  const reference = getInMemoryEventStore();
  const oneAtATime = createLedger({ store: reference, förbundId });
  await start(oneAtATime, { one: openingBalance });
  const expected = [];
  for (const call of calls) expected.push(await start(oneAtATime, call));
  const store = await subject.create();
  const ledger = createLedger({ store, förbundId });
  await start(ledger, { one: openingBalance });
  const settled = await Promise.all(calls.map((call) => start(ledger, call)));
  return { reference, oneAtATime, expected, store, ledger, settled };
}

/** The cases. */
export const ledgerCallOrderConformanceCases: readonly ConformanceCase[] = [
  {
    name: "a ledger's record and recordAll calls started in one tick are decided, numbered and stored in call order",
    async run(subject: ConformanceSubject) {
      const calls: Call[] = [
        { one: fee('x') },
        { all: [fee('y'), fee('z')] },
        { one: unknownDebtPaid },
        { one: fee('v') },
        { all: [fee('w')] },
      ];
      const { reference, oneAtATime, expected, store, ledger, settled } =
        await oneAtATimeThenInOneTick(subject, calls);
      assert.deepEqual(settled, expected, 'every call settles as the same calls one at a time');
      assert.deepEqual(await books(store, ledger), await books(reference, oneAtATime));
      assert.deepEqual(
        (await books(store, ledger)).map((event) => (event as unknown[]).slice(1)),
        [
          ['IB', ['2020-1']],
          ['x', ['2020-2']],
          ['y', ['2020-3']],
          ['z', ['2020-4']],
          ['v', ['2020-5']],
          ['w', ['2020-6']],
        ],
        'in call order, numbered in call order, nothing of the refused call',
      );
      await store.close();
    },
  },
  {
    name: "a ledger's correction, reversal and year close started in one tick with records read the books as the calls before them left them",
    async run(subject: ConformanceSubject) {
      const corrected = fee('rättas');
      const calls: Call[] = [
        { all: [corrected, accrued('UK-1')] },
        { correct: corrected.options.eventId! },
        { one: fee('före stängning') },
        { reverse: 'UK-1' },
        { close: 2020 },
        { state: true },
        { one: fee('efter stängning') },
        { correct: corrected.options.eventId! },
        { state: true },
      ];
      const { reference, oneAtATime, expected, store, ledger, settled } =
        await oneAtATimeThenInOneTick(subject, calls);
      assert.deepEqual(
        expected.map((outcome) => ('code' in outcome ? outcome.code : 'ok')),
        ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'YEAR_CLOSED', 'EVENT_ALREADY_CORRECTED', 'ok'],
      );
      // state() started after the close sees it, and the calls before it, as one awaited does.
      assert.deepEqual(expected[5], {
        closedYears: [2020],
        correctableEvents: (expected[8] as { correctableEvents: string[] }).correctableEvents,
      });

      assert.deepEqual(settled, expected, 'every call settles as the same calls one at a time');
      const content = async (from: EventStore, of: Ledger) =>
        (await books(from, of)).map((event) => (event as unknown[]).slice(1));
      assert.deepEqual(await content(store, ledger), await content(reference, oneAtATime));
      await store.close();
    },
  },
];
