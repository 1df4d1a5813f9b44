import test from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { z } from 'zod';
import { bookkeepingCatalog } from '../bookkeeping/bookkeepingCatalog.js';
import { defineEvent } from '../events/defineEvent.js';
import { createEventCatalog } from '../ledger/EventCatalog.js';
import { validateAppend } from './appendRules.js';
import { isCertifiedData } from './catalogCertificate.js';
import type { NewEvent } from './EventEnvelope.js';
import { getInMemoryEventStore } from './getInMemoryEventStore.js';
import { payableCostData } from './payableCostData.testSupport.js';

/**
 * The hand-off between the catalog and the stores (issue 15, "validate once"): what the catalog
 * certifies is frozen and cannot change after it was checked, and a store's verdict on any
 * envelope is the same whether its data is the catalog's certified copy or a plain copy of it.
 */

const metadata = { recordedAt: '2021-01-15T09:30:00.000Z', recordedBy: 'ekonom@test' };

function createdCost(data: unknown = payableCostData()) {
  const created = bookkeepingCatalog.create('KostnadBokförd', data, { metadata });
  if (E.isLeft(created)) throw created.left;
  return created.right;
}

test('the catalog hands on frozen, certified data: neither it nor the caller’s object can change what is stored', async (t) => {
  const input = payableCostData();
  const event = createdCost(input);
  t.true(isCertifiedData(event.data as object));
  t.true(Object.isFrozen(event.data));
  t.true(Object.isFrozen((event.data as { betalning: object }).betalning));
  t.throws(() => {
    (event.data as { belopp: string }).belopp = '999.00';
  });
  t.throws(() => {
    (event.data as { betalning: { postId: string } }).betalning.postId = 'LF-2';
  });
  // The caller's own object is not the one handed on, and stays its own to change.
  input.betalning.postId = 'LF-9';
  const store = getInMemoryEventStore();
  const appended = await store.appendToStream('s', [bookkeepingCatalog.toNewEvent(event)])();
  t.true(E.isRight(appended));
  for await (const stored of store.readAll()) {
    t.is((stored.data as { betalning: { postId: string } }).betalning.postId, 'LF-1');
    t.is((stored.data as { belopp: string }).belopp, '100.50');
  }
});

test('data a schema turns into something other than plain JSON is not certified, and a store refuses it as ever', (t) => {
  const dated = defineEvent({
    type: 'Daterad',
    schema: z.object({ när: z.string().transform((text) => new Date(text)) }),
    category: 'verksamhet',
    businessDate: () => '2021-01-01',
    description: 'A schema whose output is not plain JSON.',
  });
  const catalog = createEventCatalog([dated]);
  const created = catalog.create('Daterad', { när: '2021-01-01' }, { metadata });
  if (E.isLeft(created)) return t.fail(created.left.message);
  t.false(isCertifiedData(created.right.data as object));
  const refused = validateAppend('s', [catalog.toNewEvent(created.right)]);
  if (E.isRight(refused)) return t.fail('a Date in data was accepted');
  t.is(refused.left.code, 'INVALID_EVENT');
  t.deepEqual(
    refused.left.issues.map((issue) => [issue.path, issue.rule]),
    [['events[0].data.när', 'plain-object']],
  );
});

/** What a verdict says: the refusal's code and issues, or the copies and their data's JSON. */
function verdict(events: readonly unknown[]) {
  const valid = validateAppend('bokforing-test', events);
  return E.isLeft(valid)
    ? { code: valid.left.code, message: valid.left.message, issues: valid.left.issues }
    : { events: valid.right.events, dataJson: valid.right.dataJson };
}

/** A type whose schema takes any text: the store's own rules decide what it makes of it. */
const anyTextCatalog = createEventCatalog([
  defineEvent({
    type: 'KostnadBokförd',
    schema: z.object({ text: z.string(), rader: z.array(z.object({ belopp: z.string() })) }),
    category: 'verksamhet',
    businessDate: () => '2021-01-01',
    description: 'Any text.',
  }),
]);

function createdAnyText(text: string) {
  const created = anyTextCatalog.create(
    'KostnadBokförd',
    { text, rader: [{ belopp: '1.00' }, { belopp: '2.00' }] },
    { metadata },
  );
  if (E.isLeft(created)) throw created.left;
  return anyTextCatalog.toNewEvent(created.right);
}

const otherId = '0b6f9f7e-4a51-4c1e-9b43-2f5a3c3d8e11';
const change = fc.record({
  eventId: fc.constantFrom(
    'kept',
    otherId,
    otherId.toUpperCase(),
    'not-a-uuid',
    '19811218-9876-4000-8000-000000000000',
  ),
  type: fc.constantFrom('KostnadBokförd', '', 'Kostnad Bokförd', 'Typ811218-9876'),
  schemaVersion: fc.constantFrom(1, 0, 1.5, 2),
  metadata: fc.constantFrom<unknown>(
    metadata,
    { ...metadata, verifikationsnummer: ['2021-1'] },
    { ...metadata, recordedAt: '2021-02-30T09:30:00.000Z' },
    { ...metadata, okänd: true },
    null,
  ),
  extra: fc.boolean(),
  text: fc.constantFrom('Kostnad', 'Resa 811218-9876', 'Rad\nett', 'x'.repeat(1_048_576)),
});

test('a store’s verdict on any envelope is the same with the catalog’s certified data as with a plain copy of it', (t) => {
  fc.assert(
    fc.property(change, fc.integer({ min: 1, max: 3 }), (changed, count) => {
      const events = Array.from({ length: count }, () => {
        const handed = createdAnyText(changed.text);
        const envelope: Record<string, unknown> = {
          ...handed,
          eventId: changed.eventId === 'kept' ? handed.eventId : changed.eventId,
          type: changed.type,
          schemaVersion: changed.schemaVersion,
          metadata: changed.metadata,
        };
        if (changed.extra) envelope['extra'] = true;
        return envelope;
      });
      const certified = verdict(events);
      const plain = verdict(
        events.map((event) => ({ ...event, data: structuredClone(event['data']) })),
      );
      t.deepEqual(certified, plain);
      // A certified event that passes keeps its frozen data; nothing else is kept uncopied.
      if (certified.events !== undefined)
        certified.events.forEach((stored: NewEvent, index) => {
          t.is(stored.data, events[index]!['data']);
          t.not(stored.metadata, events[index]!['metadata']);
        });
    }),
    { numRuns: 300 },
  );
});
