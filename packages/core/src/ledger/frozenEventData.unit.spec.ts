import test from 'ava';
import * as E from 'fp-ts/Either';
import { z } from 'zod';
import { bookkeepingCatalog } from '../bookkeeping/bookkeepingCatalog.js';
import { defineEvent } from '../events/defineEvent.js';
import { calendarDate, freeText } from '../events/zodFields.js';
import { findPersonnummerInValue } from '../privacy/findPersonnummerInValue.js';
import { valueMayHoldPersonnummer } from '../privacy/valueMayHoldPersonnummer.js';
import {
  type CatalogCertificate,
  catalogCertificateOf,
  isCertifiedData,
} from '../store/catalogCertificate.js';
import { createEventCatalog } from './EventCatalog.js';

/**
 * The catalog freezes its schema's output where zod built it and copies only what zod may have
 * handed on from elsewhere (ledger/frozenEventData.ts). What it hands on is deeply frozen and
 * certified; what the caller gave (or a schema keeps) is never frozen, nor shared with the data.
 */

const metadata = { recordedAt: '2021-01-15T09:30:00.000Z', recordedBy: 'ekonom@test' };

/** Every object and array reachable from `value`, itself included. */
function objectsOf(value: unknown, found: object[] = []): object[] {
  if (typeof value !== 'object' || value === null) return found;
  found.push(value);
  for (const member of Object.values(value)) objectsOf(member, found);
  return found;
}

/** Asserts the created data deeply frozen and certified, and the input untouched and unshared. */
function assertFrozenApart(
  t: import('ava').ExecutionContext,
  data: unknown,
  input: unknown,
  inputJson: string,
) {
  t.true(isCertifiedData(data as object));
  const dataObjects = objectsOf(data);
  t.true(dataObjects.every((object) => Object.isFrozen(object)));
  const inputObjects = objectsOf(input);
  t.true(inputObjects.every((object) => !Object.isFrozen(object)));
  t.true(inputObjects.every((object) => !dataObjects.includes(object)));
  // The caller's object is as it was, and stays its own to change.
  t.is(JSON.stringify(input), inputJson);
}

const correctionInput = () => ({
  datum: '2021-04-01',
  rättadEventId: '0b7a3c4e-5d6f-4a1b-8c2d-3e4f5a6b7c8d',
  orsak: 'Fakturan gällde Samsund',
  original: {
    type: 'KostnadBokförd',
    schemaVersion: 1,
    // A record of `z.unknown()`: zod hands these members on as the caller gave them.
    data: {
      datum: '2021-02-01',
      belopp: '8000.00',
      betalning: { sätt: 'leverantörsskuld', postId: 'LF-1' },
      rader: [{ konto: '4020' }],
    },
  },
});

const costInput = () => ({
  datum: '2021-02-01',
  område: 'operativa',
  post: 'MIA vidare',
  belopp: '100.50',
  text: 'Kostnad',
  betalning: { sätt: 'leverantörsskuld', postId: 'LF-1', förfallodatum: '2021-03-01' },
});

test('a correction’s original data, handed on by z.unknown(), is copied and frozen; the caller’s stays its own', (t) => {
  const input = correctionInput();
  const inputJson = JSON.stringify(input);
  const created = bookkeepingCatalog.create('HändelseRättad', input, { metadata });
  if (E.isLeft(created)) return t.fail(created.left.message);
  const { data } = created.right;
  assertFrozenApart(t, data, input, inputJson);
  t.is(JSON.stringify(data), inputJson);
  input.original.data.betalning.postId = 'LF-9';
  input.original.data.rader.push({ konto: '1930' });
  t.is((data.original.data as { betalning: { postId: string } }).betalning.postId, 'LF-1');
});

test('a cost’s data, built by zod, is frozen where it is and certified with its id', (t) => {
  const input = costInput();
  const inputJson = JSON.stringify(input);
  const created = bookkeepingCatalog.create('KostnadBokförd', input, {
    metadata,
    eventId: '7d1f6a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
  });
  if (E.isLeft(created)) return t.fail(created.left.message);
  assertFrozenApart(t, created.right.data, input, inputJson);
  t.deepEqual(catalogCertificateOf(created.right.data as object), {
    eventId: '7d1f6a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
    mayHoldPersonnummer: false,
  });
  // The default zod filled in is part of the data.
  t.is((created.right.data as { moms: string }).moms, '0.00');
});

test('what a schema keeps or hands on from elsewhere is copied, never frozen: a loose object’s extra members, a transform’s object, a default’s shared value', (t) => {
  const shared = { kept: ['a'] };
  const sharedList: string[] = [];
  const definition = defineEvent({
    type: 'Blandad',
    schema: z.object({
      lös: z.looseObject({ namn: z.string() }),
      omvandlad: z.string().transform(() => shared),
      standard: z
        .array(z.string())
        .optional()
        .default(() => sharedList),
      lista: z.array(z.object({ värde: z.number() })),
    }),
    category: 'verksamhet',
    businessDate: () => '2021-01-01',
    description: 'A schema that hands on objects it did not build for the parse.',
  });
  const catalog = createEventCatalog([definition]);
  const input = {
    lös: { namn: 'x', extra: { djup: [1, 2] } },
    omvandlad: 'y',
    lista: [{ värde: 1 }],
  };
  const inputJson = JSON.stringify(input);
  const created = catalog.create('Blandad', input, { metadata });
  if (E.isLeft(created)) return t.fail(created.left.message);
  assertFrozenApart(t, created.right.data, input, inputJson);
  t.false(Object.isFrozen(shared));
  t.false(Object.isFrozen(shared.kept));
  t.false(Object.isFrozen(sharedList));
  t.deepEqual(JSON.parse(JSON.stringify(created.right.data)), {
    lös: { namn: 'x', extra: { djup: [1, 2] } },
    omvandlad: { kept: ['a'] },
    standard: [],
    lista: [{ värde: 1 }],
  });
});

test('data that is not plain JSON (a -0) is not certified, as before', (t) => {
  const definition = defineEvent({
    type: 'Tal',
    schema: z.object({ tal: z.number() }),
    category: 'verksamhet',
    businessDate: () => '2021-01-01',
    description: 'A number that may be -0.',
  });
  const catalog = createEventCatalog([definition]);
  const created = catalog.create('Tal', { tal: -0 }, { metadata });
  if (E.isLeft(created)) return t.fail(created.left.message);
  t.false(isCertifiedData(created.right.data as object));
  const plain = catalog.create('Tal', { tal: 1 }, { metadata });
  if (E.isLeft(plain)) return t.fail(plain.left.message);
  t.true(isCertifiedData(plain.right.data as object));
});

test('the certificate is invisible to JSON and to reflection: certified data is plain JSON', (t) => {
  const created = bookkeepingCatalog.create('KostnadBokförd', costInput(), { metadata });
  if (E.isLeft(created)) return t.fail(created.left.message);
  const data = created.right.data as object;
  t.deepEqual(Reflect.ownKeys(data), Object.keys(costInput()).concat('moms').sort(byOrderOf(data)));
  t.is(Object.getPrototypeOf(data), Object.prototype);
  t.deepEqual(JSON.parse(JSON.stringify(data)), { ...costInput(), moms: '0.00' });
  // A copy is a stranger's object: not certified.
  t.false(isCertifiedData({ ...data }));
  t.false(isCertifiedData(structuredClone(data)));
});

const byOrderOf = (data: object) => {
  const order = Object.keys(data);
  return (left: string, right: string) => order.indexOf(left) - order.indexOf(right);
};

const certificateOfCreated = (
  catalog: ReturnType<typeof createEventCatalog>,
  type: string,
  input: unknown,
) => {
  const created = catalog.create(type, input, { metadata });
  return E.isLeft(created) ? created.left : catalogCertificateOf(created.right.data as object);
};

test('a text its own schema searched in full, a date and an enum’s values are not looked at again', (t) => {
  const definition = (type: string, text: z.ZodType) =>
    defineEvent({
      type,
      schema: z.object({ text, datum: calendarDate(), slag: z.enum(['bank', 'kassa']) }).strict(),
      category: 'verksamhet',
      businessDate: () => '2021-01-01',
      description: 'A text, a date and an enum.',
    });
  const catalog = createEventCatalog([
    definition('Sökt', freeText()),
    definition('Osökt', z.string()),
  ]);
  // Ten digits in a row: the first look may not pass it, the search finds no date in it.
  const input = { text: 'Faktura 1234567890', datum: '2021-02-01', slag: 'bank' };
  t.true(valueMayHoldPersonnummer(input));
  t.is(findPersonnummerInValue(input), undefined);
  const searched = certificateOfCreated(catalog, 'Sökt', input) as CatalogCertificate;
  t.false(searched.mayHoldPersonnummer);
  // The same text from a schema that did not search it is looked at, as before.
  t.true((certificateOfCreated(catalog, 'Osökt', input) as CatalogCertificate).mayHoldPersonnummer);
});

test('what a schema gives without its checks is looked at: a default, an enum’s value, a loose option’s member', (t) => {
  const catalog = createEventCatalog([
    defineEvent({
      type: 'Standard',
      schema: z.object({ text: freeText().default('Resa för 811218-9876') }),
      category: 'verksamhet',
      businessDate: () => '2021-01-01',
      description: 'A default zod gives as it is.',
    }),
    defineEvent({
      type: 'Uppräknad',
      schema: z.object({ slag: z.enum(['Avtal 811218-9876', 'bank']) }),
      category: 'verksamhet',
      businessDate: () => '2021-01-01',
      description: 'An enum one of whose values may hold one.',
    }),
    defineEvent({
      type: 'Antingen',
      schema: z.object({
        val: z.union([z.object({ text: freeText() }).strict(), z.looseObject({ tal: z.number() })]),
      }),
      category: 'verksamhet',
      businessDate: () => '2021-01-01',
      description: 'A union whose loose option passes any member on.',
    }),
  ]);
  const mayHold = (type: string, input: unknown) =>
    (certificateOfCreated(catalog, type, input) as { mayHoldPersonnummer?: boolean })
      .mayHoldPersonnummer;
  t.true(mayHold('Standard', {}));
  t.false(mayHold('Standard', { text: 'Resa till Norrtälje' }));
  t.false(mayHold('Uppräknad', { slag: 'bank' }));
  t.true(mayHold('Uppräknad', { slag: 'Avtal 811218-9876' }));
  // The loose option takes `text` as one of its own members, unchecked.
  t.true(mayHold('Antingen', { val: { tal: 1, text: 'Resa för 811218-9876' } }));
  t.false(mayHold('Antingen', { val: { text: 'Resa till Norrtälje' } }));
});
