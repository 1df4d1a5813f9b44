import type { LedgerError } from '../error.js';
import test from 'ava';
import * as E from 'fp-ts/Either';
import { bookkeepingCatalog, bookkeepingStreamId } from '../bookkeeping/bookkeepingCatalog.js';
import { createLedger, type Ledger } from '../facade/createLedger.js';
import { must } from '../facade/must.testSupport.js';
import { ledgerError } from '../error.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import type { EventStore } from '../store/EventStore.js';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { collectAsync } from '../util/asyncIterable.js';
import type { AuditFinding } from './AuditFinding.js';
import { auditStore } from './auditStore.js';
import { asOfInstantMs, eventsStoredBy, storeAsOf } from './storedBy.js';

const metadata = { recordedAt: '2021-01-05T08:00:00.000Z', recordedBy: 'Ekonom' };

/** A clock the test moves: each event is stored at the instant set before it. */
function steppedStore(): { store: EventStore; at: (instant: string) => void } {
  let now = new Date('2020-01-02T08:00:00.000Z');
  return {
    store: getInMemoryEventStore({ clock: () => now }),
    at: (instant) => {
      now = new Date(instant);
    },
  };
}

/** Opening balance, two incomes, a cost, and 2020 closed; stored on the days named. */
async function smallBooks(ledger: Ledger, at: (instant: string) => void) {
  at('2020-01-02T08:00:00.000Z');
  await must(
    ledger.record(
      'IngåendeBalansRegistrerad',
      {
        datum: '2020-01-01',
        text: 'IB 2020',
        kassaOchBank: '1000.00',
        momsfordran: '0',
        balanseratResultat: '1000.00',
        öppnaPoster: [],
      },
      { metadata },
    ),
  );
  for (const [index, datum] of ['2020-03-31', '2020-06-30'].entries()) {
    at(`${datum}T09:00:00.000Z`);
    await must(
      ledger.record(
        'MedlemsbidragMottaget',
        {
          datum,
          medlem: 'Region Stockholm',
          medlemskategori: 'region',
          period: `2020 kv ${index + 1}`,
          belopp: '375000.00',
        },
        { metadata },
      ),
    );
  }
  at('2021-02-01T09:00:00.000Z');
  await must(ledger.closeYear(2020, '2020-12-31', { metadata }));
}

test('verifikation numbers are stored with each event when it is recorded, continuous per year, and the journal keeps them', async (t) => {
  const { store, at } = steppedStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await smallBooks(ledger, at);
  const stored = await collectAsync(store.readStream(bookkeepingStreamId('test')));
  const numbers = stored.map((event) => event.metadata.verifikationsnummer);
  t.deepEqual(numbers.slice(0, 3), [['2020-1'], ['2020-2'], ['2020-3']]);
  const journal = await collectAsync(ledger.verifikationer());
  t.deepEqual(
    journal.map((verifikation) => `${verifikation.år}-${verifikation.löpnummer}`),
    stored.flatMap((event) => [...(event.metadata.verifikationsnummer ?? [])]),
  );
});

test('replay asserts stored numbers: a stream whose numbers do not continue is a typed VERIFIKATION_NUMBER_MISMATCH, not a renumbering', async (t) => {
  const { store, at } = steppedStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await smallBooks(ledger, at);
  const copy = getInMemoryEventStore();
  const events = await collectAsync(store.readStream(bookkeepingStreamId('test')));
  // Drop the first income: the second one's stored 2020-3 no longer follows 2020-1.
  const kept = events
    .filter((_, index) => index !== 1)
    .map(({ eventId, type, schemaVersion, data, metadata: stored }) => ({
      eventId,
      type,
      schemaVersion,
      data,
      metadata: stored,
    }));
  await must(copy.appendToStream(bookkeepingStreamId('test'), kept));
  const replayed = createLedger({ store: copy, förbundId: 'test' });
  const error = await replayed.statements(2020).catch((thrown: unknown) => thrown);
  t.like(error, { code: 'VERIFIKATION_NUMBER_MISMATCH' });
  t.regex((error as Error).message, /\[2020-3\], but the books number it \[2020-2\]/);
  // Recording is refused too: the books cannot be caught up.
  const refused = await replayed.record(
    'MedlemsbidragMottaget',
    {
      datum: '2021-01-31',
      medlem: 'Region Stockholm',
      medlemskategori: 'region',
      period: '2021 kv 1',
      belopp: '1.00',
    },
    { metadata },
  )();
  t.true(E.isLeft(refused) && refused.left.code === 'VERIFIKATION_NUMBER_MISMATCH');
});

test('a writer may give the numbers it expects; numbers that are not the next ones are refused with nothing written', async (t) => {
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'test' });
  const recorded = await ledger.record(
    'IngåendeBalansRegistrerad',
    {
      datum: '2020-01-01',
      text: 'IB 2020',
      kassaOchBank: '1000.00',
      momsfordran: '0',
      balanseratResultat: '1000.00',
      öppnaPoster: [],
    },
    { metadata: { ...metadata, verifikationsnummer: ['2020-7'] } },
  )();
  t.true(E.isLeft(recorded) && recorded.left.code === 'VERIFIKATION_NUMBER_MISMATCH');
  t.deepEqual(
    E.isLeft(recorded) ? recorded.left.issues[0]?.path : '',
    'metadata.verifikationsnummer',
  );
  t.deepEqual(await collectAsync(ledger.verifikationer()), []);
});

test('as of an instant, the ledger replays only what the store had stored by then', async (t) => {
  const { store, at } = steppedStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await smallBooks(ledger, at);
  const bank = async (asOf?: string) =>
    (await ledger.statements(2020, asOf === undefined ? {} : { asOf })).balansräkning.rows
      .find((row) => row.key === 'kassa-och-bank')!
      .amounts[0]!.toString();
  t.is(await bank('2020-03-30'), '1000.00');
  t.is(await bank('2020-03-31'), '376000.00');
  t.is(await bank('2020-06-30T08:59:59Z'), '376000.00');
  t.is(await bank('2020-06-30T09:00:00Z'), '751000.00');
  t.is(await bank(), '751000.00');
  const view = storeAsOf(store, '2020-03-31');
  t.is((await collectAsync(view.readAll())).length, 2);
  const write = await view.appendToStream('x', [])();
  t.true(E.isLeft(write) && write.left.code === 'ACCESS_DENIED');
});

test('events without a store stamp are included when a later stamped event was stored by then, and STORED_AT_UNKNOWN otherwise', async (t) => {
  const { store, at } = steppedStore();
  await smallBooks(createLedger({ store, förbundId: 'test' }), at);
  const events = await collectAsync(store.readAll());
  const legacy = events.map((event, index) => {
    if (index >= 2) return event;
    const { storedAt: _storedAt, ...unstamped } = event;
    return unstamped;
  });
  const read = async (asOf: string) => {
    async function* source() {
      yield* legacy;
    }
    return collectAsync(eventsStoredBy(source(), asOf));
  };
  t.is((await read('2020-06-30')).length, 3);
  t.is((await read('2030-01-01')).length, 4);
  const unknown = await read('2020-04-01').catch((thrown: unknown) => thrown);
  t.like(unknown, { code: 'STORED_AT_UNKNOWN' });
  t.regex((unknown as Error).message, /2 events from bokforing-test@0/);
});

test('an as-of is a date (its end in UTC) or an instant in UTC or with its offset; a day not in the calendar is refused, never rolled over', (t) => {
  t.is(asOfInstantMs('2022-12-31'), Date.UTC(2022, 11, 31, 23, 59, 59, 999));
  t.is(asOfInstantMs('2022-12-31T12:00:00Z'), Date.UTC(2022, 11, 31, 12));
  t.is(asOfInstantMs('2022-12-31T12:00:00+01:00'), Date.UTC(2022, 11, 31, 11));
  t.is(asOfInstantMs('2022-07-01T00:30-02:00'), Date.UTC(2022, 6, 1, 2, 30));
  for (const [value, rule] of [
    ['2023-02-30', 'date-exists'],
    ['2023-02-30T10:00Z', 'date-exists'],
    ['2023-02-29T10:00:00+01:00', 'date-exists'],
    ['2022-12-31T12:00:00', 'date-or-instant'],
    ['31/12/2022', 'date-or-instant'],
  ] as const) {
    const error = t.throws(() => asOfInstantMs(value));
    t.deepEqual(
      (error as LedgerError).issues.map((issue) => [issue.path, issue.rule]),
      [['asOf', rule]],
      value,
    );
  }
});

test('the audit of books recorded through the ledger finds nothing; an event appended around the rules into a closed year is found with its place', async (t) => {
  const { store, at } = steppedStore();
  await smallBooks(createLedger({ store, förbundId: 'test' }), at);
  const clean = await auditStore({ store, förbundId: 'test' });
  t.true(clean.ok, JSON.stringify(clean.findings));
  t.deepEqual(clean.years, [2020]);
  // Each year of the books with its close: the closing event as stored, the numbers it keeps.
  const close = (await collectAsync(store.readStream(bookkeepingStreamId('test'))))[3]!;
  t.is(close.type, 'RäkenskapsårStängt');
  t.deepEqual(clean.yearStatuses, [
    {
      år: 2020,
      closed: {
        datum: '2020-12-31',
        åretsResultat: '750000.00',
        verifikationer: [...close.metadata.verifikationsnummer!],
        streamId: 'bokforing-test',
        streamRevision: 3,
        globalPosition: close.globalPosition,
        eventId: close.eventId,
      },
    },
  ]);
  t.true(close.metadata.verifikationsnummer!.length > 0);

  const created = bookkeepingCatalog.create(
    'MedlemsbidragMottaget',
    {
      datum: '2020-09-30',
      medlem: 'Region Stockholm',
      medlemskategori: 'region',
      period: '2020 kv 3',
      belopp: '10.00',
    },
    { metadata },
  );
  if (E.isLeft(created)) return t.fail(created.left.message);
  await must(
    store.appendToStream(bookkeepingStreamId('test'), [
      bookkeepingCatalog.toNewEvent(created.right),
    ]),
  );
  const audit = await auditStore({ store, förbundId: 'test' });
  t.false(audit.ok);
  t.deepEqual(
    audit.findings.map((finding) => [finding.kind, finding.code, finding.streamRevision ?? null]),
    [
      ['rule', 'YEAR_CLOSED', 4],
      ['numbering', 'VERIFIKATION_NUMBER_MISSING', 4],
      ['invariant', 'CLOSED_YEAR_RESULT_CHANGED', 3],
    ],
  );
  t.is(audit.findings[0]!.eventId, created.right.eventId);
  // The audit sees the books as they are, not which event differs: it names every cause.
  t.is(
    audit.findings[2]!.message,
    '2020 was closed with årets resultat 750000.00, but the books now show 750010.00 (resultaträkning 750010.00): the books of the year are not the ones its close stated (an event of the year was changed, added or removed, or one was booked into it after the close); find the difference with finsam reconcile of the adopted (printed) report against the store and finsam explain on the rows that differ, or with finsam audit --expected-head and the head written down at the close',
  );
});

test('an event recorded more than 24 h from when it was stored is a warning, not a finding; the limit is an option', async (t) => {
  const store = getInMemoryEventStore({ clock: () => new Date('2021-01-08T20:00:00.000Z') });
  const ledger = createLedger({ store, förbundId: 'test' });
  const fee = { datum: '2021-01-04', belopp: '25.00', text: 'Bankavgift' };
  // Recorded 2021-01-05T08:00 (metadata): stored 3 days and 12 hours later.
  await must(ledger.record('FinansiellKostnadBokförd', fee, { metadata }));
  const near = { recordedAt: '2021-01-08T08:00:00.000Z', recordedBy: 'Ekonom' };
  await must(ledger.record('FinansiellKostnadBokförd', fee, { metadata: near }));
  const audit = await auditStore({ store, förbundId: 'test' });
  t.true(audit.ok, JSON.stringify(audit.findings));
  t.deepEqual(audit.findings, []);
  t.is(audit.recordedAtDriftMsMax, 86_400_000);
  t.deepEqual(
    audit.warnings.map((warning) => [warning.kind, warning.code, warning.streamRevision]),
    [['registration', 'RECORDED_AT_FAR_FROM_STORED_AT', 0]],
  );
  t.is(
    audit.warnings[0]!.message,
    "the writer recorded it at 2021-01-05T08:00:00.000Z but the store stored it at 2021-01-08T20:00:00.000Z, 84 h later (more than 24 h); it is registered in the verifikationslista at the store's stamp",
  );
  const lenient = await auditStore({
    store,
    förbundId: 'test',
    recordedAtDriftMsMax: 84 * 3_600_000,
  });
  t.deepEqual(lenient.warnings, []);
  const strict = await auditStore({ store, förbundId: 'test', recordedAtDriftMsMax: 3_600_000 });
  t.deepEqual(
    strict.warnings.map((warning) => warning.streamRevision),
    [0, 1],
  );
});

test('one event the books cannot hold is found once; the numbers after it, shifted by it, are one finding, and a number off in another way is still found', async (t) => {
  const { store, at } = steppedStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await smallBooks(ledger, at);
  at('2021-02-10T09:00:00.000Z');
  await must(
    ledger.record(
      'KostnadBokförd',
      {
        datum: '2021-02-10',
        område: 'operativa',
        post: 'Insatser',
        belopp: '500.00',
        moms: '0.00',
        text: 'Faktura 1',
        betalning: { sätt: 'leverantörsskuld', postId: 'LS-1' },
      },
      { metadata },
    ),
  );
  // Appended around the rules, numbered as the store's writer numbered them: a payment above
  // the open amount (the books cannot hold it), then three incomes, the last one misnumbered.
  const raw = (
    type: 'LeverantörsskuldBetald' | 'MedlemsbidragMottaget',
    data: object,
    nr: string,
  ) => {
    const created = bookkeepingCatalog.create(type, data as never, {
      metadata: { ...metadata, verifikationsnummer: [nr] },
    });
    if (E.isLeft(created)) throw created.left;
    return bookkeepingCatalog.toNewEvent(created.right);
  };
  const income = (datum: string, nr: string) =>
    raw(
      'MedlemsbidragMottaget',
      {
        datum,
        medlem: 'Region Stockholm',
        medlemskategori: 'region',
        period: datum,
        belopp: '10.00',
      },
      nr,
    );
  await must(
    store.appendToStream(bookkeepingStreamId('test'), [
      raw(
        'LeverantörsskuldBetald',
        { datum: '2021-03-01', postId: 'LS-1', belopp: '900.00' },
        '2021-3',
      ),
      income('2021-03-31', '2021-4'),
      income('2021-06-30', '2021-5'),
      income('2021-09-30', '2021-8'),
    ]),
  );
  const audit = await auditStore({ store, förbundId: 'test' });
  t.deepEqual(
    audit.findings.map((finding) => [finding.kind, finding.code, finding.streamRevision ?? null]),
    [
      ['rule', 'SETTLEMENT_EXCEEDS_OPEN_AMOUNT', 5],
      ['invariant', 'ASSERTION_FAILED', 5],
      ['numbering', 'VERIFIKATION_NUMBER_MISMATCH', 8],
      ['numbering', 'VERIFIKATION_NUMBERS_SHIFTED', 5],
    ],
  );
  t.regex(
    audit.findings[2]!.message,
    /stored with verifikation numbers \[2021-8\], but the books number it \[2021-5\] \(\[2021-6\] with the numbers moved by the events found before it\)/,
  );
  t.regex(
    audit.findings[3]!.message,
    /^2 later events of 2021 after this one carry verifikation numbers that count the events the books could not hold: each is the books' number moved by those/,
  );
});

/** A view of `store` whose reads fail as a file store's do at a damaged record at `position`. */
function damagedAt(store: EventStore, position: number): EventStore {
  async function* failingAt(events: AsyncIterable<StoredEvent>) {
    for await (const event of events) {
      if (event.globalPosition >= position)
        throw ledgerError('STORE_CORRUPTED', 'the line is damaged', { details: { position } });
      yield event;
    }
  }
  return {
    ...store,
    readStream: (streamId, options) => failingAt(store.readStream(streamId, options)),
    readAll: (options) => failingAt(store.readAll(options)),
  };
}

test('given a chain damaged at a record, when audited, then the finding says so and the events before the damage are audited, none after', async (t) => {
  const { store, at } = steppedStore();
  await smallBooks(createLedger({ store, förbundId: 'test' }), at);
  const report = await auditStore({
    store: damagedAt(store, 2),
    förbundId: 'test',
    chain: {
      ok: false,
      eventCount: 2,
      head: { eventCount: 2, hash: 'ab'.repeat(32) },
      problem: { kind: 'checksum-mismatch', message: 'the line is damaged', position: 2 },
    },
  });
  t.false(report.ok);
  t.is(report.readBeforePosition, 2);
  t.deepEqual(
    report.findings.map((finding) => `${finding.kind} ${finding.code}`),
    ['chain checksum-mismatch'],
  );
  t.regex(report.findings[0]!.message, /The 2 events of the appends before .* are intact/);
  t.is(report.streams[0]!.eventCount, 2);
});

test('given a chain that fails only against the expected head, when audited, then the whole file is still read', async (t) => {
  const { store, at } = steppedStore();
  await smallBooks(createLedger({ store, förbundId: 'test' }), at);
  const report = await auditStore({
    store,
    förbundId: 'test',
    chain: {
      ok: false,
      eventCount: 4,
      head: { eventCount: 4, hash: 'ab'.repeat(32) },
      problem: { kind: 'anchor-mismatch', message: 'not through the head', position: 3 },
    },
  });
  t.is(report.readBeforePosition, undefined);
  t.is(report.streams[0]!.eventCount, 4);
});

test('given an intact chain ending in an unfinished append and zeros, when audited, then both are warnings, not findings', async (t) => {
  const { store, at } = steppedStore();
  await smallBooks(createLedger({ store, förbundId: 'test' }), at);
  const report = await auditStore({
    store,
    förbundId: 'test',
    chain: {
      ok: true,
      eventCount: 4,
      head: { eventCount: 4, hash: 'ab'.repeat(32) },
      tornTail: { offsetBytes: 900, lineNumber: 6, partialLineBytes: 40 },
      unusedTail: { offsetBytes: 940, sizeBytes: 4096 },
    },
  });
  t.true(report.ok);
  t.deepEqual(
    report.warnings
      .filter((warning) => warning.kind === 'chain')
      .map((warning) => `${warning.kind} ${warning.code} ${warning.globalPosition}`),
    ['chain torn-tail 4', 'chain unused-tail undefined'],
  );
});

test('given events stamped before the store was created, when audited, then one warning names how many, from which stamp to which, at the first', async (t) => {
  const { store, at } = steppedStore();
  await smallBooks(createLedger({ store, förbundId: 'test' }), at);
  const stamps = (await collectAsync(store.readAll())).map((stored) => stored.storedAt!);
  const chain = (createdAt: string) => ({
    ok: true,
    eventCount: stamps.length,
    head: { eventCount: stamps.length, hash: 'ab'.repeat(32) },
    createdAt,
  });
  // Created after the third stamp: the three before it were stamped by a clock given.
  const rebuilt = await auditStore({ store, förbundId: 'test', chain: chain(stamps[3]!) });
  t.true(rebuilt.ok, 'a warning, not a finding');
  const early = (warnings: readonly AuditFinding[]) =>
    warnings.filter((warning) => warning.code === 'STORED_BEFORE_STORE_CREATED');
  t.deepEqual(
    early(rebuilt.warnings).map((warning) => [warning.kind, warning.streamRevision]),
    [['stamp', 0]],
  );
  t.is(
    early(rebuilt.warnings)[0]!.message.split(': ')[0],
    `3 events are stamped before the store was created (${stamps[3]}), ${stamps[0]} to ${stamps[2]}`,
  );
  const created = await auditStore({ store, förbundId: 'test', chain: chain(stamps[0]!) });
  t.deepEqual(early(created.warnings), [], 'a store created before its first stamp');
});

/** A member's payment dated `datum`, recorded (and stored) at the stepped clock's instant. */
const payment = (ledger: Ledger, datum: string) =>
  must(
    ledger.record(
      'MedlemsbidragMottaget',
      {
        datum,
        medlem: 'Region Stockholm',
        medlemskategori: 'region',
        period: `${datum} betalning`,
        belopp: '100.00',
      },
      { metadata },
    ),
  );

const lateOnes = (warnings: readonly AuditFinding[]) =>
  warnings.filter((warning) => warning.code === 'REGISTERED_LATE');

test('given a payment registered more than 50 days after the end of its month, when audited, then it is a warning with its datum and registration date, and one registered on the last day is not', async (t) => {
  const { store, at } = steppedStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await smallBooks(ledger, at);
  // The books of 2020 closed 2021-02-01; 2021's payments. March 2021 ends 03-31: deadline 05-20.
  at('2021-05-20T21:30:00.000Z');
  await payment(ledger, '2021-03-10');
  at('2021-05-21T08:00:00.000Z');
  await payment(ledger, '2021-03-11');
  // A close registered long after the year's end is a bokslut entry, not warned of.
  at('2022-09-01T08:00:00.000Z');
  await must(ledger.closeYear(2021, '2021-12-31', { metadata }));
  const audit = await auditStore({ store, förbundId: 'test' });
  t.true(audit.ok, 'a warning, not a finding');
  t.is(audit.registrationDeadlineDays, 50);
  t.deepEqual(
    lateOnes(audit.warnings).map((warning) => [warning.kind, warning.eventType, warning.år]),
    [['registration', 'MedlemsbidragMottaget', undefined]],
  );
  t.is(lateOnes(audit.warnings)[0]!.streamRevision, 5);
  t.is(
    lateOnes(audit.warnings)[0]!.message,
    'dated 2021-03-11 but registered 2021-05-21 (storedAt 2021-05-21T08:00:00.000Z), 1 day after the deadline 2021-05-20, 50 days after the end of the month of its datum (BFL 5 kap. 2 §, BFNAR 2013:2)',
  );
  const lenient = await auditStore({ store, förbundId: 'test', registrationDeadlineDays: 51 });
  t.deepEqual(lateOnes(lenient.warnings), []);
  const strict = await auditStore({ store, förbundId: 'test', registrationDeadlineDays: 0 });
  t.deepEqual(
    lateOnes(strict.warnings).map((warning) => warning.streamRevision),
    [4, 5],
    'the opening balance and the closes are not business events; the 2020 payments were on time',
  );
});

test('given a payment stored at 00:30 in Sweden the day after its deadline (22:30 UTC on the deadline), when audited, then it is late by the Swedish day, as the verifikationslista shows it', async (t) => {
  const { store, at } = steppedStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await smallBooks(ledger, at);
  // March 2021 ends 03-31: deadline 05-20. 22:30 UTC in May is 00:30 CEST on 05-21.
  at('2021-05-20T22:30:00.000Z');
  await payment(ledger, '2021-03-10');
  const audit = await auditStore({ store, förbundId: 'test' });
  t.is(
    lateOnes(audit.warnings)[0]?.message,
    'dated 2021-03-10 but registered 2021-05-21 (storedAt 2021-05-20T22:30:00.000Z), 1 day after the deadline 2021-05-20, 50 days after the end of the month of its datum (BFL 5 kap. 2 §, BFNAR 2013:2)',
  );
});

test('given many business events registered late, when audited, then ten are listed and one warning counts the rest; events stamped before the store was created say so', async (t) => {
  const { store, at } = steppedStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await smallBooks(ledger, at);
  at('2021-12-01T08:00:00.000Z');
  // The last three out of datum order: the count gives the range of their datums, not the order.
  for (const day of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 11, 12])
    await payment(ledger, `2021-01-${String(day).padStart(2, '0')}`);
  const stamps = (await collectAsync(store.readAll())).map((stored) => stored.storedAt!);
  const audit = await auditStore({
    store,
    förbundId: 'test',
    chain: {
      ok: true,
      eventCount: stamps.length,
      head: { eventCount: stamps.length, hash: 'ab'.repeat(32) },
      createdAt: '2030-01-01T00:00:00.000Z',
    },
  });
  const late = lateOnes(audit.warnings);
  t.is(late.length, 11);
  t.deepEqual(
    late.map((warning) => warning.streamRevision),
    [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
  );
  t.regex(late[0]!.message, /^dated 2021-01-01 but registered 2021-12-01 .*; stamped before/);
  t.is(
    late[10]!.message,
    '3 more business events are registered more than 50 days after the end of the month of their datum (dated 2021-01-11 to 2021-01-13), not listed one by one; the first of them is here',
  );
});

test('given a cost stored around the rules with moms above 25 % of its net, as a store from before the rule may hold, when audited, then the rule is a finding naming the event, and the books still replay', async (t) => {
  const { store, at } = steppedStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await smallBooks(ledger, at);
  const created = bookkeepingCatalog.create(
    'KostnadBokförd',
    {
      datum: '2021-03-10',
      område: 'operativa',
      post: 'Insatser',
      // The gross typed as moms: 1 250 kr on 1 000 kr net.
      belopp: '1000.00',
      moms: '1250.00',
      text: 'Arbetsträning mars',
      betalning: { sätt: 'bank' },
    },
    { metadata },
  );
  if (E.isLeft(created)) return t.fail(created.left.message);
  at('2021-03-11T09:00:00.000Z');
  await must(
    store.appendToStream(bookkeepingStreamId('test'), [
      bookkeepingCatalog.toNewEvent(created.right),
    ]),
  );
  const audit = await auditStore({ store, förbundId: 'test' });
  const rules = audit.findings.filter((finding) => finding.kind === 'rule');
  t.deepEqual(
    rules.map((finding) => [finding.code, finding.eventId, finding.streamRevision]),
    [['VAT_ABOVE_HIGHEST_RATE', created.right.eventId, 4]],
  );
  t.regex(rules[0]!.message, /moms 1250\.00 kr is more than 25 % of belopp 1000\.00 kr/);
  // Replay folds what the store holds: the VAT receivable is the 1 250 kr as booked.
  const state = await must(ledger.state());
  t.is(state.balances.get('1650')?.toString(), '1250.00');
});
