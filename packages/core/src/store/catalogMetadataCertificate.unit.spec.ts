import test from 'ava';
import * as E from 'fp-ts/Either';
import { bookkeepingCatalog } from '../bookkeeping/bookkeepingCatalog.js';
import { createLedger } from '../facade/createLedger.js';
import { ingåendeBalans2021 } from '../testing/bookkeepingFixtures.js';
import { certifiedMetadataBytes, isCertifiedData } from './catalogCertificate.js';
import { checkNewEvents, checkNewEventsInFull } from './checkNewEvents.js';
import type { EventMetadata, NewEvent } from './EventEnvelope.js';
import { handedEventsStore } from './handedEventsStore.testSupport.js';
import { payableCostData } from './payableCostData.testSupport.js';
import {
  certifiedCatalogMetadata,
  quickCheckedEnvelope,
  withVerifikationsnummer,
} from './quickCheckedEnvelope.js';

/**
 * The metadata's certificate (issue 15, "validate once"): the catalog hands a store a frozen
 * metadata object it made and checked by the store's own rules, with its size counted once; a
 * store takes it as it is. Anything else, a caller's copy or a changed one, takes the store's
 * full path, and is refused exactly as before.
 */

const metadata = {
  recordedAt: '2021-01-15T09:30:00.000Z',
  recordedBy: 'Åsa "Ö" Öberg',
  correlationId: 'import-2021',
};

function catalogEvent(given: EventMetadata = metadata): NewEvent {
  const created = bookkeepingCatalog.create('KostnadBokförd', payableCostData(), {
    metadata: given,
  });
  if (E.isLeft(created)) throw created.left;
  return bookkeepingCatalog.toNewEvent(created.right);
}

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** The verdict of the store's checks, as the two paths are compared. */
function verdicts(event: unknown): { quick: unknown; full: unknown } {
  const described = (checked: ReturnType<typeof checkNewEvents>): unknown =>
    E.isLeft(checked)
      ? { code: checked.left.code, message: checked.left.message, issues: checked.left.issues }
      : JSON.stringify(checked.right.events);
  return {
    quick: described(checkNewEvents([event])),
    full: described(checkNewEventsInFull([event])),
  };
}

test('the catalog hands on certified, frozen metadata, and a store takes it as it is with its size', (t) => {
  const event = catalogEvent();
  t.not(event.metadata, metadata, 'not the caller’s object');
  t.deepEqual(event.metadata, metadata);
  t.true(Object.isFrozen(event.metadata));
  t.is(certifiedMetadataBytes(event.metadata), jsonBytes(metadata));
  t.throws(() => {
    (event.metadata as { recordedBy: string }).recordedBy = '811218-9876';
  });
  const quick = quickCheckedEnvelope(event);
  t.is(quick?.event.metadata, event.metadata, 'kept, not copied');
  t.is(quick?.metadataBytes, 105);
  t.is(quick?.metadataBytes, jsonBytes(metadata));
  // The caller's object stays its own to change: nothing the catalog handed on changes with it.
  const own = { ...metadata };
  const again = catalogEvent(own);
  own.recordedBy = 'Någon annan';
  t.is(again.metadata.recordedBy, 'Åsa "Ö" Öberg');
});

test('a copy of certified metadata, or a changed one, is not certified and takes the full path', (t) => {
  const event = catalogEvent();
  const copies: EventMetadata[] = [
    { ...event.metadata },
    Object.assign({}, event.metadata),
    structuredClone(event.metadata),
  ];
  for (const copy of copies) {
    t.is(certifiedMetadataBytes(copy), undefined);
    const quick = quickCheckedEnvelope({ ...event, metadata: copy });
    t.not(quick?.event.metadata, copy, 'copied');
    t.is(quick?.metadataBytes, jsonBytes(metadata));
  }
  // Neither certificate passes for the other.
  t.is(certifiedMetadataBytes(event.data as object), undefined);
  t.false(isCertifiedData(event.metadata));
  const refusals = [
    { ...event, metadata: { ...event.metadata, recordedBy: '811218-9876' } },
    { ...event, metadata: { ...event.metadata, recordedAt: '2023-02-30T00:00:00.000Z' } },
    { ...event, metadata: { ...event.metadata, signedBy: 'Ekonom' } },
    { ...event, metadata: { ...event.metadata, verifikationsnummer: ['2020-0'] } },
  ];
  const codes = refusals.map((changed) => {
    const { quick, full } = verdicts(changed);
    t.deepEqual(quick, full);
    return (quick as { code?: string }).code;
  });
  t.deepEqual(codes, ['PERSONNUMMER_REFUSED', 'INVALID_EVENT', 'INVALID_EVENT', 'INVALID_EVENT']);
});

test('the books’ verifikation numbers keep the metadata certified, with its size counted from the certified one', (t) => {
  const certified = catalogEvent().metadata;
  const numbered = withVerifikationsnummer(certified, ['2021-1', '2021-2']);
  t.deepEqual(numbered, { ...metadata, verifikationsnummer: ['2021-1', '2021-2'] });
  t.true(Object.isFrozen(numbered));
  t.true(Object.isFrozen(numbered.verifikationsnummer));
  t.is(certifiedMetadataBytes(numbered), jsonBytes(numbered));
  // Numbers already given keep their place and are replaced.
  const given = certifiedCatalogMetadata({ ...metadata, verifikationsnummer: ['2021-7'] });
  const renumbered = withVerifikationsnummer(given, ['2021-10', '2021-11', '2021-12']);
  t.deepEqual(Object.keys(renumbered), Object.keys(given));
  t.is(certifiedMetadataBytes(renumbered), jsonBytes(renumbered));
  t.is(
    quickCheckedEnvelope({ ...catalogEvent(), metadata: renumbered })?.event.metadata,
    renumbered,
  );
  // Numbers the store's rule does not take, or metadata not certified, stay uncertified: the
  // store refuses or copies them as any caller's.
  const wrong = withVerifikationsnummer(certified, ['2021-0']);
  t.is(certifiedMetadataBytes(wrong), undefined);
  const { quick, full } = verdicts({ ...catalogEvent(), metadata: wrong });
  t.deepEqual(quick, full);
  t.is((quick as { code: string }).code, 'INVALID_EVENT');
  t.is(certifiedMetadataBytes(withVerifikationsnummer({ ...metadata }, ['2021-1'])), undefined);
  // eslint-disable-next-line no-sparse-arrays
  const holey = withVerifikationsnummer(certified, ['2021-1', , '2021-2'] as string[]);
  t.is(certifiedMetadataBytes(holey), undefined);
  const holeyVerdicts = verdicts({ ...catalogEvent(), metadata: holey });
  t.deepEqual(holeyVerdicts.quick, holeyVerdicts.full);
  t.is((holeyVerdicts.quick as { code: string }).code, 'INVALID_EVENT');
});

test('a ledger hands its store every event with certified metadata, numbered or not, and the store keeps it', async (t) => {
  const { store, handed } = handedEventsStore();
  const ledger = createLedger({ store, förbundId: 'certifierad' });
  const recorded = await ledger.recordAll([
    {
      type: 'IngåendeBalansRegistrerad',
      data: ingåendeBalans2021,
      options: { metadata },
    },
    {
      type: 'KostnadBokförd',
      data: {
        datum: '2021-02-01',
        område: 'operativa',
        post: 'MIA vidare',
        belopp: '100.50',
        text: 'Kostnad',
        betalning: { sätt: 'bank' },
      },
      options: { metadata },
    },
  ])();
  if (E.isLeft(recorded)) return t.fail(recorded.left.message);
  t.is(handed.length, 2);
  for (const event of handed) {
    t.true(Object.isFrozen(event.metadata));
    t.is(certifiedMetadataBytes(event.metadata), jsonBytes(event.metadata));
  }
  t.deepEqual(
    handed.map((event) => event.metadata.verifikationsnummer),
    [['2021-1'], ['2021-2']],
  );
});

test('metadata the store’s quick rules are not certain of is handed on as it is, uncertified', (t) => {
  const long = { ...metadata, recordedBy: 'z'.repeat(201) };
  t.is(certifiedCatalogMetadata(long), long);
  t.is(certifiedMetadataBytes(long), undefined);
});
