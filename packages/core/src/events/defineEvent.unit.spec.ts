import test from 'ava';
import * as E from 'fp-ts/Either';
import { z } from 'zod';
import { createEventCatalog } from '../ledger/EventCatalog.js';
import { positiveAmount } from '../money/zodMoney.js';
import { defineEvent } from './defineEvent.js';
import { calendarDate } from './zodFields.js';

// Version 1 stored `beloppKr` as whole kronor in a string; version 2 stores `belopp` with öre
// and adds `valuta`. The upcaster turns stored version-1 data into version 2 on the way out.
const Exempel = defineEvent({
  type: 'ExempelBokfört',
  schemaVersion: 2,
  category: 'bokföring',
  schema: z
    .object({ datum: calendarDate(), belopp: positiveAmount(), valuta: z.literal('SEK') })
    .strict(),
  businessDate: (data) => data.datum,
  description: 'An example event with two schema versions.',
  upcasters: [
    {
      fromVersion: 1,
      upcast: (data) => {
        const { beloppKr, ...rest } = data as { beloppKr: string };
        return { ...rest, belopp: `${beloppKr}.00`, valuta: 'SEK' };
      },
    },
  ],
});
const catalog = createEventCatalog([Exempel]);
const stored = (schemaVersion: number, data: unknown) => ({
  eventId: '0b6f9f7e-4a51-4c1e-9b43-2f5a3c3d8e11',
  type: 'ExempelBokfört',
  schemaVersion,
  data,
  metadata: { recordedAt: '2019-05-01T10:00:00.000Z', recordedBy: 'test' },
  streamId: 's',
  streamRevision: 0,
  globalPosition: 0,
});

test('a stored version-1 event is upcast to the current version when decoded', (t) => {
  const decoded = catalog.decode(stored(1, { datum: '2019-05-01', beloppKr: '1500' }));
  t.deepEqual(
    E.isRight(decoded)
      ? { version: decoded.right.schemaVersion, data: decoded.right.data }
      : decoded.left.code,
    { version: 2, data: { datum: '2019-05-01', belopp: '1500.00', valuta: 'SEK' } },
  );
});

test('a current-version event decodes as is; an unknown future version is refused', (t) => {
  t.true(
    E.isRight(catalog.decode(stored(2, { datum: '2019-05-01', belopp: '1500.00', valuta: 'SEK' }))),
  );
  const future = catalog.decode(stored(3, {}));
  t.true(E.isLeft(future) && future.left.code === 'UNSUPPORTED_SCHEMA_VERSION');
});

test('upcast data is still checked against the current schema', (t) => {
  const bad = catalog.decode(stored(1, { datum: '2019-05-01', beloppKr: '15.5' }));
  t.true(E.isLeft(bad) && bad.left.code === 'INVALID_AMOUNT');
  if (E.isLeft(bad)) t.is(bad.left.issues[0]?.path, 'data.belopp');
});

test('new events are written at the current version only', (t) => {
  const created = catalog.create(
    'ExempelBokfört',
    { datum: '2020-01-01', belopp: '1.00', valuta: 'SEK' },
    { metadata: { recordedAt: '2020-01-01T00:00:00.000Z', recordedBy: 'test' } },
  );
  t.true(E.isRight(created) && created.right.schemaVersion === 2);
  const old = catalog.validate({ ...stored(1, { datum: '2019-05-01', beloppKr: '1500' }) });
  t.true(E.isLeft(old) && old.left.code === 'UNSUPPORTED_SCHEMA_VERSION');
});
