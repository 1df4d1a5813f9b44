import assert from 'node:assert/strict';
import * as E from 'fp-ts/Either';
import { z } from 'zod';
import type { LedgerError } from '../error.js';
import { defineEvent } from '../events/defineEvent.js';
import { createEventCatalog } from '../ledger/EventCatalog.js';
import type { NewEvent, StoredEvent } from '../store/EventEnvelope.js';
import type { AppendResult, EventStore } from '../store/EventStore.js';
import type { ConformanceCase } from './eventStoreConformance.js';

/**
 * Conformance cases of the hand-off between the ledger's catalog and a store (issue 15, "validate
 * once"): a store may skip what the catalog proved of the events it made (their frozen data, the
 * id they were made with, their frozen metadata and its size; core's store/catalogCertificate.ts),
 * and nothing else. An event the catalog made and a caller then changed, and what the catalog's
 * own schema does not look for (a personnummer in a free text, data over the size limit), are
 * refused as from any caller.
 */

/** A type whose schema takes any text: the catalog accepts what only the store refuses. */
const anyText = defineEvent({
  type: 'TestHändelse',
  schema: z.object({ text: z.string(), belopp: z.string() }).strict(),
  category: 'verksamhet',
  businessDate: () => '2020-03-31',
  description: 'An event of the conformance suite: any text.',
});
/** A type whose schema takes any keys. */
const anyKeys = defineEvent({
  type: 'TestNycklar',
  schema: z.object({ rader: z.record(z.string(), z.string()) }).strict(),
  category: 'verksamhet',
  businessDate: () => '2020-03-31',
  description: 'An event of the conformance suite: any keys.',
});
const catalog = createEventCatalog([anyText, anyKeys]);
const metadata = { recordedAt: '2020-03-31T12:00:00.000Z', recordedBy: 'conformance-suite' };

/** An event as the catalog makes it and the ledger hands it on (`toNewEvent`). */
function catalogEvent(text = 'Resa till Norrtälje', eventId?: string): NewEvent {
  const created = catalog.create(
    'TestHändelse',
    { text, belopp: '100.00' },
    { metadata, ...(eventId === undefined ? {} : { eventId }) },
  );
  if (E.isLeft(created)) assert.fail(`the catalog refused its own event: ${created.left.message}`);
  return catalog.toNewEvent(created.right);
}

const uniqueStream = (label: string): string =>
  `conformance-${label}-${globalThis.crypto.randomUUID().slice(0, 8)}`;

async function readAll(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

function assertRefused(result: E.Either<LedgerError, AppendResult>, code: string, what: string) {
  if (E.isRight(result)) assert.fail(`${what}: expected ${code}, but the append succeeded`);
  assert.equal(result.left.code, code, `${what}: ${result.left.message}`);
}

/** Events the catalog made and a caller then changed: each is checked as a stranger's. */
const changedAfterTheCatalog: ReadonlyArray<readonly [string, string, () => unknown]> = [
  [
    'its id changed to one that is not a UUID',
    'INVALID_EVENT',
    () => ({ ...catalogEvent(), eventId: 'not-a-uuid' }),
  ],
  [
    'its id changed to an upper-case UUID',
    'INVALID_EVENT',
    () => ({ ...catalogEvent(), eventId: globalThis.crypto.randomUUID().toUpperCase() }),
  ],
  [
    'its id changed to one that holds a personnummer',
    'PERSONNUMMER_REFUSED',
    () => ({ ...catalogEvent(), eventId: '19811218-9876-4000-8000-000000000000' }),
  ],
  [
    'its type changed to one with a space',
    'INVALID_EVENT',
    () => ({ ...catalogEvent(), type: 'Test Händelse' }),
  ],
  [
    'its schema version changed to 0',
    'INVALID_EVENT',
    () => ({ ...catalogEvent(), schemaVersion: 0 }),
  ],
  [
    'its metadata changed to an instant that does not exist',
    'INVALID_EVENT',
    () => ({
      ...catalogEvent(),
      metadata: { ...metadata, recordedAt: '2023-02-30T00:00:00.000Z' },
    }),
  ],
  [
    'its metadata changed to name the recorder by a personnummer',
    'PERSONNUMMER_REFUSED',
    () => ({ ...catalogEvent(), metadata: { ...metadata, recordedBy: '811218-9876' } }),
  ],
  [
    'its metadata given an unknown member',
    'INVALID_EVENT',
    () => ({ ...catalogEvent(), metadata: { ...metadata, signedBy: 'Ekonom' } }),
  ],
  [
    'its metadata given a verifikation number that is not one',
    'INVALID_EVENT',
    () => ({ ...catalogEvent(), metadata: { ...metadata, verifikationsnummer: ['2020-0'] } }),
  ],
  [
    'its verifikation numbers given a member besides the numbers',
    'INVALID_EVENT',
    () => {
      const verifikationsnummer = Object.assign(['2020-1'], { checked: true });
      return { ...catalogEvent(), metadata: { ...metadata, verifikationsnummer } };
    },
  ],
  [
    'its type read through a getter',
    'INVALID_EVENT',
    () => {
      const event = catalogEvent();
      return Object.defineProperty({ ...event }, 'type', {
        get: () => event.type,
        enumerable: true,
      });
    },
  ],
  ['an unknown member added', 'INVALID_EVENT', () => ({ ...catalogEvent(), extra: true })],
  [
    'its data wrapped in an array',
    'INVALID_EVENT',
    () => {
      const event = catalogEvent();
      return { ...event, data: [event.data] };
    },
  ],
];

/** The cases of the hand-off, run by every store's conformance suite. */
export const catalogHandOffConformanceCases: readonly ConformanceCase[] = [
  {
    name: 'takes the events the catalog made as the ledger hands them on, and reads them back unchanged',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('catalog');
      const events = [catalogEvent(), catalogEvent('Kurs i Täby')];
      const appended = await store.appendToStream(stream, events, {
        expectedRevision: 'no_stream',
      })();
      if (E.isLeft(appended)) assert.fail(appended.left.message);
      const read = await readAll(store);
      assert.deepEqual(
        read.map(({ eventId, type, schemaVersion, data, metadata: stored }) => ({
          eventId,
          type,
          schemaVersion,
          data,
          metadata: stored,
        })),
        events.map(({ eventId, type, schemaVersion, data, metadata: given }) => ({
          eventId,
          type,
          schemaVersion,
          data,
          metadata: given,
        })),
      );
      await store.close();
    },
  },
  {
    name: 'checks an event the catalog made and a caller then changed as any other event, and writes nothing',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('changed');
      for (const [what, code, make] of changedAfterTheCatalog) {
        const result = await store.appendToStream(stream, [make() as NewEvent])();
        assertRefused(result, code, what);
      }
      assert.deepEqual(await readAll(store), []);
      await store.close();
    },
  },
  {
    name: 'refuses a personnummer and data over the size limit in events the catalog made, and writes nothing',
    async run(subject) {
      const store = await subject.create();
      const stream = uniqueStream('unlooked');
      // The schema takes any text; the store's own rules still apply to what the catalog made.
      const withPersonnummer = catalogEvent('Resa med deltagare 811218-9876');
      assertRefused(
        await store.appendToStream(stream, [withPersonnummer])(),
        'PERSONNUMMER_REFUSED',
        'a personnummer in the text',
      );
      const oversize = catalogEvent('x'.repeat(1_048_576));
      assertRefused(
        await store.appendToStream(stream, [oversize])(),
        'INVALID_EVENT',
        'data over the size limit',
      );
      const inKey = catalog.create(
        'TestNycklar',
        { rader: { '811218-9876': 'Resa' } },
        { metadata },
      );
      if (E.isLeft(inKey)) assert.fail(`the catalog refused its own event: ${inKey.left.message}`);
      assertRefused(
        await store.appendToStream(stream, [catalog.toNewEvent(inKey.right)])(),
        'PERSONNUMMER_REFUSED',
        'a personnummer in a key of the data',
      );
      // Each within the limit of one event's data; together, with their metadata, over an append's.
      const halves = [catalogEvent('x'.repeat(524_200)), catalogEvent('y'.repeat(524_200))];
      const overAppend = await store.appendToStream(stream, halves)();
      assertRefused(overAppend, 'INVALID_EVENT', 'an append over its size limit');
      if (E.isLeft(overAppend))
        assert.equal(
          overAppend.left.issues?.[0]?.rule,
          'append-bytes-max',
          overAppend.left.message,
        );
      assert.deepEqual(await readAll(store), []);
      await store.close();
    },
  },
];
