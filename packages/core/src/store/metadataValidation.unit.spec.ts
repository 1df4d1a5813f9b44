import test from 'ava';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from './getInMemoryEventStore.js';
import { bookkeepingCatalog } from '../bookkeeping/bookkeepingCatalog.js';
import { makeTestEvent } from '../testing/eventStoreConformance.js';
import { collectAsync } from '../util/asyncIterable.js';
import type { EventMetadata } from './EventEnvelope.js';

const valid: EventMetadata = { recordedAt: '2021-01-05T08:00:00.000Z', recordedBy: 'Ekonom' };
const data = { datum: '2020-05-31', belopp: '60.00', text: 'Bankavgift' };

const refusedMetadata: readonly (readonly [string, 'recordedBy' | 'recordedAt', string, string])[] =
  [
    ['NUL', 'recordedBy', 'Ekonom\u0000', 'printable-text'],
    ['a bell', 'recordedBy', 'Eko\u0007nom', 'printable-text'],
    ['an escape sequence', 'recordedBy', '\u001b[31mEkonom', 'printable-text'],
    ['a line feed', 'recordedBy', 'Ekonom\nRevisor', 'printable-text'],
    ['U+202E right-to-left override', 'recordedBy', 'Ekonom \u202emonokE', 'printable-text'],
    ['U+2066 left-to-right isolate', 'recordedBy', '\u2066Ekonom', 'printable-text'],
    ['a zero-width space', 'recordedBy', 'Eko\u200bnom', 'printable-text'],
    ['U+2028 line separator', 'recordedBy', 'Ekonom\u2028', 'printable-text'],
    ['30 February', 'recordedAt', '2023-02-30T00:00:00.000Z', 'instant-exists'],
    ['29 February of a common year', 'recordedAt', '2023-02-29T12:00:00.000Z', 'instant-exists'],
    ['hour 24', 'recordedAt', '2023-01-01T24:00:00.000Z', 'instant-exists'],
    ['minute 60', 'recordedAt', '2023-01-01T23:60:00.000Z', 'instant-exists'],
    ['second 60', 'recordedAt', '2023-01-01T23:59:60.000Z', 'instant-exists'],
    ['year 0000', 'recordedAt', '0000-01-01T00:00:00.000Z', 'instant-exists'],
    ['month 00', 'recordedAt', '2023-00-10T00:00:00.000Z', 'instant-exists'],
  ];

test('issue 14 item 9: recordedBy with control or bidi characters and recordedAt instants that do not exist are refused, naming the field', async (t) => {
  const store = getInMemoryEventStore();
  for (const [label, field, value, rule] of refusedMetadata) {
    const metadata = { ...valid, [field]: value };
    const created = bookkeepingCatalog.create('FinansiellKostnadBokförd', data, { metadata });
    t.true(E.isLeft(created), label);
    if (E.isLeft(created)) {
      t.is(created.left.code, 'VALIDATION_FAILED', label);
      t.deepEqual(
        created.left.issues.map((issue) => [issue.path, issue.rule]),
        [[`metadata.${field}`, rule]],
        label,
      );
    }
    const appended = await store.appendToStream('metadata', [makeTestEvent({ metadata })])();
    t.true(E.isLeft(appended), label);
    if (E.isLeft(appended)) {
      t.is(appended.left.code, 'INVALID_EVENT', label);
      t.deepEqual(
        appended.left.issues.map((issue) => [issue.path, issue.rule]),
        [[`events[0].metadata.${field}`, rule]],
        label,
      );
    }
  }
  t.deepEqual(await collectAsync(store.readAll()), []);
});

test('issue 14 item 9: real instants and names in any script are accepted', async (t) => {
  const store = getInMemoryEventStore();
  for (const metadata of [
    { recordedAt: '2024-02-29T23:59:59.999Z', recordedBy: 'Åsa Öberg' },
    { recordedAt: '1970-01-01T00:00:00Z', recordedBy: 'import (Roslagen)' },
    { recordedAt: '2021-01-05T08:00:00.123456789Z', recordedBy: 'محاسب' },
  ]) {
    t.true(E.isRight(bookkeepingCatalog.create('FinansiellKostnadBokförd', data, { metadata })));
    t.true(E.isRight(await store.appendToStream('metadata', [makeTestEvent({ metadata })])()));
  }
});

test('a metadata text holding a personnummer is refused with the rule no-personnummer and a message that names where, not the number', (t) => {
  for (const field of ['recordedBy', 'correlationId', 'causationId'] as const) {
    const metadata = { ...valid, [field]: 'Ekonom 19850101-1234' };
    const created = bookkeepingCatalog.create('FinansiellKostnadBokförd', data, { metadata });
    if (E.isRight(created)) return t.fail(`${field} was accepted`);
    t.is(created.left.code, 'PERSONNUMMER_REFUSED', field);
    t.deepEqual(
      created.left.issues,
      [
        {
          path: `metadata.${field}`,
          rule: 'no-personnummer',
          message: `metadata.${field}: looks like a Swedish personnummer or samordningsnummer ("######## ####" at position 7); events never hold personal identity numbers`,
        },
      ],
      field,
    );
  }
});
