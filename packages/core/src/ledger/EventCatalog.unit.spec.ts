import test from 'ava';
import * as E from 'fp-ts/Either';
import { bookkeepingCatalog } from '../bookkeeping/bookkeepingCatalog.js';
import { refusalInBatch, type LedgerError } from '../error.js';
import { newEventIds } from '../privacy/newEventId.js';
import { stubRandomValues } from '../privacy/stubbedRandomValues.testSupport.js';
import { certifiedEventId } from '../store/catalogCertificate.js';

const metadata = { recordedAt: '2021-01-15T09:30:00.000Z', recordedBy: 'ekonom@test' };

const cost = (index: number, options: { metadata: unknown }) => ({
  type: 'KostnadBokförd' as const,
  data: {
    datum: '2021-02-01',
    område: 'operativa',
    post: 'MIA vidare',
    belopp: `${100 + index}.50`,
    text: `Kostnad ${index}`,
    betalning: { sätt: 'bank' },
  },
  options: {
    eventId: `00000000-0000-4000-8000-00000000000${index}`,
    metadata: options.metadata as typeof metadata,
  },
});

const refusalOf = (result: E.Either<LedgerError, unknown>) => {
  if (E.isRight(result)) throw new TypeError('expected a refusal');
  const { code, issues, message, details } = result.left;
  return { code, issues, message, details };
};

test('create names bad metadata and bad data of one event together, so both are mended at once', (t) => {
  const entry = cost(0, { metadata: { recordedAt: '2021-02-30T09:30:00.000Z', recordedBy: '' } });
  const data = { ...entry.data, belopp: '12,50', datum: '2021-13-01' };
  const refused = refusalOf(bookkeepingCatalog.create(entry.type, data, entry.options));
  t.is(refused.code, 'VALIDATION_FAILED');
  t.deepEqual(
    refused.issues.map((issue) => [issue.path, issue.rule]),
    [
      ['metadata.recordedAt', 'instant-exists'],
      ['metadata.recordedBy', 'too_small'],
      ['data.datum', 'date-exists'],
      ['data.belopp', 'decimal-format'],
    ],
  );
  t.regex(refused.message, /^KostnadBokförd refused: metadata\.recordedAt: .*; data\.belopp: /);
});

test('a personnummer in the data of an event with bad metadata is still PERSONNUMMER_REFUSED', (t) => {
  const entry = cost(0, { metadata: { recordedAt: '2021-01-15T09:30:00.000Z', recordedBy: '' } });
  const data = { ...entry.data, text: 'Faktura för 19121212-1212' };
  const refused = refusalOf(bookkeepingCatalog.create(entry.type, data, entry.options));
  t.is(refused.code, 'PERSONNUMMER_REFUSED');
  t.deepEqual(
    refused.issues.map((issue) => [issue.path, issue.rule]),
    [
      ['metadata.recordedBy', 'too_small'],
      ['data.text', 'no-personnummer'],
    ],
  );
  t.false(refused.message.includes('19121212'));
});

test('createAll makes each event as create does, one metadata object shared by the batch', (t) => {
  const entries = [0, 1, 2].map((index) => cost(index, { metadata }));
  const all = bookkeepingCatalog.createAll(entries);
  if (E.isLeft(all)) return t.fail(all.left.message);
  t.is(all.right.length, 3);
  for (const [index, entry] of entries.entries()) {
    const one = bookkeepingCatalog.create(entry.type, entry.data, entry.options);
    if (E.isLeft(one)) return t.fail(one.left.message);
    t.deepEqual(all.right[index], one.right);
  }
  // The moms default of the schema is applied to every event, not only the first.
  t.deepEqual(
    all.right.map((event) => (event.data as { moms: string }).moms),
    ['0.00', '0.00', '0.00'],
  );
});

test('createAll refuses shared bad metadata as create refuses it, at the first event, naming it', (t) => {
  const bad = { recordedAt: '2021-02-30T09:30:00.000Z', recordedBy: 'ekonom@test' };
  const entries = [0, 1].map((index) => cost(index, { metadata: bad }));
  const all = refusalOf(bookkeepingCatalog.createAll(entries));
  const one = bookkeepingCatalog.create(entries[0]!.type, entries[0]!.data, entries[0]!.options);
  if (E.isRight(one)) return t.fail('bad metadata accepted');
  t.deepEqual(all, refusalOf(E.left(refusalInBatch(one.left, 0, 2, 'KostnadBokförd'))));
  t.is(all.code, 'VALIDATION_FAILED');
  t.deepEqual(
    all.issues.map((issue) => [issue.path, issue.rule]),
    [['events[0].metadata.recordedAt', 'instant-exists']],
  );
  t.is(all.details['batchIndex'], 0);
});

test('createAll refuses what is not an array, naming the rule, as plain JavaScript may hand it', (t) => {
  const entries = new Set([cost(0, { metadata })]);
  const refused = refusalOf(bookkeepingCatalog.createAll(entries as never));
  t.is(refused.code, 'INVALID_EVENT');
  t.deepEqual(
    refused.issues.map((issue) => [issue.path, issue.rule]),
    [['events', 'array']],
  );
});

test('createAll answers with the first event refused, in order, naming its place in the batch', (t) => {
  const entries = [0, 1, 2].map((index) => cost(index, { metadata }));
  const second = { ...entries[1]!, data: { ...entries[1]!.data, belopp: 12.5 } };
  const third = { ...entries[2]!, data: { ...entries[2]!.data, datum: '2021-13-01' } };
  const all = refusalOf(bookkeepingCatalog.createAll([entries[0]!, second, third]));
  const one = bookkeepingCatalog.create(second.type, second.data, second.options);
  if (E.isRight(one)) return t.fail('a number amount accepted');
  t.deepEqual(all, refusalOf(E.left(refusalInBatch(one.left, 1, 3, 'KostnadBokförd'))));
  t.deepEqual(
    all.issues.map((issue) => issue.path),
    ['events[1].data.belopp'],
  );
  t.regex(all.message, /^Event 2 of 3 \(KostnadBokförd\): KostnadBokförd refused: data\.belopp: /);
  t.is(all.details['batchIndex'], 1);
});

test('createAll keeps each id given and draws a new one for each event without, all different', (t) => {
  const withoutId = (index: number) => {
    const { options, ...entry } = cost(index, { metadata });
    return { ...entry, options: { metadata: options.metadata } };
  };
  const entries = [withoutId(0), cost(1, { metadata }), withoutId(2), withoutId(3)];
  const all = bookkeepingCatalog.createAll(entries);
  if (E.isLeft(all)) return t.fail(all.left.message);
  const ids = all.right.map((event) => event.eventId);
  t.is(ids[1], '00000000-0000-4000-8000-000000000001');
  t.is(new Set(ids).size, 4);
  for (const index of [0, 2, 3])
    t.regex(ids[index]!, /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/);
  // Each drawn id is the one the catalog certified its event's data with.
  for (const event of all.right) t.is(certifiedEventId(event.data as object), event.eventId);
});

test('createAll reads each entry only as create does, in order: an unknown type first, without options', (t) => {
  const entries = [
    { type: 'Okänd', data: {}, options: undefined },
    cost(1, { metadata }),
  ] as unknown as Parameters<typeof bookkeepingCatalog.createAll>[0];
  t.is(refusalOf(bookkeepingCatalog.createAll(entries)).code, 'UNKNOWN_EVENT_TYPE');
  // A refusal of the first event is the answer, whatever the entries after it hold.
  const refusedFirst = [
    { ...cost(0, { metadata }), data: { ...cost(0, { metadata }).data, belopp: 12 } },
    { type: 'KostnadBokförd', data: {}, options: undefined },
  ] as unknown as Parameters<typeof bookkeepingCatalog.createAll>[0];
  t.is(refusalOf(bookkeepingCatalog.createAll(refusedFirst)).code, 'INVALID_AMOUNT');
});

test('createAll draws an id for one event, or for the last one without, as for many', (t) => {
  const withoutId = (index: number) => {
    const { options, ...entry } = cost(index, { metadata });
    return { ...entry, options: { metadata: options.metadata } };
  };
  for (const entries of [[withoutId(0)], [cost(0, { metadata }), withoutId(1)]]) {
    const all = bookkeepingCatalog.createAll(entries);
    if (E.isLeft(all)) return t.fail(all.left.message);
    const last = all.right.at(-1)!;
    t.regex(last.eventId, /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/);
    t.is(certifiedEventId(last.data as object), last.eventId);
  }
});

test.serial(
  "createAll draws ids for the entries from the first without one on, not for the whole batch: given ids before it take none of the pool's random bytes",
  (t) => {
    // Each 16 bytes drawn write their place among all the bytes drawn into the id's first group,
    // and hex letters elsewhere (no id is drawn again for a personnummer): an id tells which
    // bytes made it.
    let placesDrawn = 0;
    const stub = stubRandomValues(t, (bytes) => {
      bytes.fill(0xab);
      for (let at = 0; at < bytes.length; at += 16)
        new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, placesDrawn++);
    });
    t.teardown(() => {
      stub.restore();
      // The pool still holds bytes of the stub's: ids past them are drawn by the real one.
      newEventIds(2_048);
    });
    const placeOf = (eventId: string) => Number.parseInt(eventId.slice(0, 8), 16);
    // More ids than the pool holds: the last one's bytes are then in a draw of the stub's.
    const before = placeOf(newEventIds(2_048).at(-1)!);
    const given = [0, 1, 2, 3, 4, 5, 6].map((index) => cost(index, { metadata }));
    const drawn = [7, 8, 9].map((index) => {
      const { eventId: _given, ...options } = cost(index, { metadata }).options;
      return { ...cost(index, { metadata }), options };
    });
    const all = bookkeepingCatalog.createAll([...given, ...drawn]);
    if (E.isLeft(all)) return t.fail(all.left.message);
    t.deepEqual(
      all.right.slice(0, 7).map((event) => event.eventId),
      given.map((entry) => entry.options.eventId),
    );
    const drawnIds = all.right.slice(7).map((event) => event.eventId);
    for (const eventId of drawnIds)
      t.regex(eventId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // The bytes of three ids, the next ones of the pool; the next id takes those after them.
    t.deepEqual(drawnIds.map(placeOf), [before + 1, before + 2, before + 3]);
    t.is(placeOf(newEventIds(1)[0]!), before + 4);
  },
);
