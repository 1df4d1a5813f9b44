import { createHash } from 'node:crypto';
import test from 'ava';
import * as E from 'fp-ts/Either';
import { createLedger } from '../facade/createLedger.js';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { eventIdFromKey } from './eventIdFromKey.js';
import { findPersonnummer } from './personnummer.js';

/** The name-based UUID of `name` computed apart from the code under test (node:crypto). */
const uuidOf = (name: string): string => {
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

// Found by searching keys `faktura/0`, `faktura/1`, …: the first whose id holds a personnummer.
const unluckyKey = 'faktura/106833';

const metadata = { recordedAt: '2025-01-05T08:00:00.000Z', recordedBy: 'Ekonom' };
const opening = {
  datum: '2025-01-01',
  text: 'IB 2025',
  kassaOchBank: '1000.00',
  momsfordran: '0',
  balanseratResultat: '1000.00',
  öppnaPoster: [],
};

test('given a key, when its id is made twice, then it is the same version 8 UUID of its SHA-256', async (t) => {
  const eventId = await eventIdFromKey('faktura/1');
  t.is(eventId, await eventIdFromKey('faktura/1'));
  t.is(eventId, uuidOf('faktura/1'));
  t.regex(eventId, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  t.not(eventId, await eventIdFromKey('faktura/2'));
});

test('given a key whose id would hold a personnummer, when its id is made, then it is made again with an attempt number and recorded', async (t) => {
  const firstAttempt = uuidOf(unluckyKey);
  t.truthy(findPersonnummer(firstAttempt), firstAttempt);
  const eventId = await eventIdFromKey(unluckyKey);
  t.is(eventId, uuidOf(`${unluckyKey}\u00001`));
  t.is(findPersonnummer(eventId), undefined);

  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'test' });
  const recorded = await ledger.record('IngåendeBalansRegistrerad', opening, {
    metadata,
    eventId,
  })();
  t.true(E.isRight(recorded));
});

test('given a UUID of the caller that holds a personnummer, when recorded, then it is refused saying where ids should come from, and nothing is written', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  const recorded = await ledger.record('IngåendeBalansRegistrerad', opening, {
    metadata,
    eventId: uuidOf(unluckyKey),
  })();
  if (E.isRight(recorded)) return t.fail('a personnummer-shaped id was recorded');
  t.is(recorded.left.code, 'PERSONNUMMER_REFUSED');
  t.deepEqual(
    recorded.left.issues?.map((issue) => [issue.path, issue.rule]),
    [['eventId', 'no-personnummer']],
  );
  t.regex(
    recorded.left.message,
    /a random UUID does so about once in 70 000, so take ids from newEventId\(\) or eventIdFromKey\(key\), which never return one/,
  );
  t.notRegex(recorded.left.message, /199706729758/);
  t.is((await store.readAll()[Symbol.asyncIterator]().next()).done, true);
});
