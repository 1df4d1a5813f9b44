import test from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { findPersonnummerInValue } from '../privacy/findPersonnummerInValue.js';
import { newEventId } from '../privacy/newEventId.js';
import { validateAppend } from './appendRules.js';
import { newEventEnvelopeSchema } from './EventEnvelope.js';
import { copyPlainJson, type JsonValue } from './json.js';
import { passesEnvelopeQuickly } from './quickEnvelopeCheck.js';

/**
 * The quick envelope check of a store's append (issue 15) may only pass what the schema and the
 * personnummer rule pass: random envelopes, most of them wrong in one member or another, are
 * held to that. And it must pass the events a ledger appends, or it saves nothing.
 */

const pick = <T>(...values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);
/** Mostly a valid member, sometimes a wrong one: an envelope wrong in one place at a time. */
const mostly = <T>(valid: fc.Arbitrary<T>, wrong: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: wrong, weight: 1 });

const eventIds = mostly(
  fc.oneof(
    fc.constant(undefined).map(() => newEventId()),
    fc.uuid(),
    pick('19811218-9876-4000-8000-000000000000', '20121212-1212-4000-8000-121212121212'),
  ),
  fc.oneof(pick('6F1D2C3B-4A59-4E6F-8A7B-9C0D1E2F3A4B', 'not-a-uuid', ''), fc.string()),
);
const types = mostly(
  pick('KostnadBokförd', 'TestHändelse', 'É.t-y_p9', 'y'.repeat(100), 'Typ811218-9876'),
  fc.oneof(pick('', 'x'.repeat(101), '1abc', 'a b', 'Typ8112189876'), fc.string()),
);
const texts = fc.oneof(
  pick('Resa', 'Resa för 811218 - 9876', '８１１２１８－９８７６', 'belopp 2021-02-22 80434.52'),
  pick('20000000.00', '121212121212', '2019-12-31 – 2020-12-31', 'a\u0000b', 'x\u202ey'),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
const jsonData: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    texts,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(texts, pick('__proto__', 'constructor', '')), tie('value'), {
      maxKeys: 3,
    }),
  ),
})).value;
const instants = mostly(
  fc.oneof(
    pick('2026-01-15T08:00:00.000Z', '2024-02-29T23:59:59.999Z', '1970-01-01T00:00:00Z'),
    fc
      .date({ noInvalidDate: true, min: new Date(0), max: new Date('9999-12-31T23:59:59Z') })
      .map((date) => date.toISOString()),
  ),
  pick('2023-02-30T00:00:00.000Z', '1969-12-31T23:59:59Z', '2023-01-01T24:00:00.000Z', 'x'),
);
const metadataTexts = mostly(
  fc.oneof(pick('Ekonom', 'Åsa Öberg', 'z'.repeat(200)), texts),
  fc.oneof(pick('', 'z'.repeat(201)), texts),
);
const metadata = fc.record(
  {
    recordedAt: instants,
    recordedBy: metadataTexts,
    correlationId: metadataTexts,
    causationId: metadataTexts,
    verifikationsnummer: fc.array(mostly(pick('2020-17', '2021-1234567'), pick('2020-0', 'x'))),
    copiedFrom: fc.record({
      storedAt: instants,
      globalPosition: mostly(pick(0, 17, 2 ** 53 - 1), pick(-1, 1.5, 2 ** 53)),
    }),
    extra: mostly(fc.constant(undefined), fc.string()),
  },
  { requiredKeys: [] },
);
const events = fc.record({
  eventId: eventIds,
  type: types,
  schemaVersion: mostly(pick(1, 2, 1000), pick(0, 1001, 1.5, -1, 2 ** 53)),
  data: mostly(fc.dictionary(fc.string(), jsonData, { maxKeys: 4 }), jsonData),
  metadata: mostly(metadata, jsonData),
  extra: mostly(fc.constant(undefined), fc.string()),
});
/** Members whose value is `undefined` are left out, as a caller's optional members are. */
const withoutUndefined = (value: object): object =>
  Object.fromEntries(
    Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .map(([key, member]) => [
        key,
        key === 'metadata' &&
        typeof member === 'object' &&
        member !== null &&
        !Array.isArray(member)
          ? withoutUndefined(member)
          : member,
      ]),
  );

test('issue 15: an envelope passes the quick check only if the schema and the personnummer rule pass it', (t) => {
  let passed = 0;
  fc.assert(
    fc.property(events, (event) => {
      const copied = copyPlainJson(withoutUndefined(event));
      if ('issue' in copied) return;
      const dataJson = JSON.stringify((copied.value as { data?: unknown } | null)?.data) ?? '';
      if (!passesEnvelopeQuickly(copied.value, dataJson)) return;
      passed += 1;
      t.true(newEventEnvelopeSchema.safeParse(copied.value).success, JSON.stringify(event));
      t.is(findPersonnummerInValue(copied.value), undefined, JSON.stringify(event));
    }),
    { numRuns: 20_000 },
  );
  t.true(passed > 500, `${passed} random envelopes passed the quick check`);
  t.log(`${passed} of 20 000 random envelopes passed the quick check`);
});

test('issue 15: the events a ledger appends pass the quick check, metadata of a copy included', (t) => {
  const event = {
    eventId: newEventId(),
    type: 'KostnadBokförd',
    schemaVersion: 1,
    data: {
      datum: '2021-02-22',
      område: 'strukturpåverkande',
      belopp: '20000000.00',
      text: 'Samverkansforum 4',
      betalning: { sätt: 'bank' },
      öppnaPoster: [],
    },
    metadata: {
      recordedAt: '2026-01-15T08:00:00.000Z',
      recordedBy: 'bench@finsam',
      correlationId: 'import-2021',
      causationId: newEventId(),
      verifikationsnummer: ['2021-4', '2021-5'],
      copiedFrom: { storedAt: '2026-01-15T08:00:01.000Z', globalPosition: 1748 },
    },
  };
  const copied = copyPlainJson(event);
  t.true('value' in copied && passesEnvelopeQuickly(copied.value, JSON.stringify(event.data)));
  const appended = validateAppend('bokforing-roslagen', [event]);
  t.true(E.isRight(appended));
  if (E.isRight(appended)) {
    t.deepEqual(appended.right.events, [event]);
    t.not(appended.right.events[0], event, 'the store keeps a copy');
    t.deepEqual(appended.right.dataJson, [JSON.stringify(event.data)]);
  }
});
