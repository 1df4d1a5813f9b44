import test from 'ava';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLedger, type EventStore } from '@finsam-ledger/core';
import { ok, openOk, temporaryDirectory } from './fileStore.testSupport.js';
import { checkpointDirectoryPath } from './fileCheckpointStorage.js';

// On the file store, the write side's checkpoint keeps the items settled before it as id, kind
// and opening event; a writer resumed from it reads a settled item's opening event by id (the
// writer's event-id index) when a correction reopens the item, and holds the same item a
// writer folding every event holds.

const metadata = { recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: 'test' };

/** The store without its checkpoints: a writer on it folds every event from the first. */
const plain = (store: EventStore): EventStore => ({
  appendToStream: (id, events, options) => store.appendToStream(id, events, options),
  readStream: (id, options) => store.readStream(id, options),
  readAll: (options) => store.readAll(options),
  close: () => store.close(),
});

/** 2024, closed: payable LF-1 opened and paid in full. Returns the payment's event id. */
async function recordBooks(path: string): Promise<{ payment: string; cost: string }> {
  const store = await openOk(path);
  const ledger = createLedger({ store, förbundId: 'settled' });
  await ok(
    ledger.record(
      'IngåendeBalansRegistrerad',
      {
        datum: '2024-01-01',
        text: 'IB',
        kassaOchBank: '9000.00',
        momsfordran: '0',
        balanseratResultat: '9000.00',
        öppnaPoster: [],
      },
      { metadata },
    ),
  );
  const cost = await ok(
    ledger.record(
      'KostnadBokförd',
      {
        datum: '2024-03-01',
        område: 'strukturpåverkande',
        post: 'Kartläggning',
        insats: 'Stödja ASF',
        belopp: '1500.00',
        moms: '0.00',
        text: 'Kartläggning våren',
        betalning: { sätt: 'leverantörsskuld', postId: 'LF-1' },
      },
      { metadata },
    ),
  );
  const payment = await ok(
    ledger.record(
      'LeverantörsskuldBetald',
      { datum: '2024-04-01', postId: 'LF-1', belopp: '1500.00' },
      { metadata },
    ),
  );
  await ok(ledger.closeYear(2024, '2025-02-15', { metadata }));
  await store.close();
  return { payment: payment.event.eventId, cost: cost.event.eventId };
}

test('a writer resumed from the compact checkpoint reads a settled item’s opening event when a correction reopens it, and holds what a full fold holds', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'books.jsonl');
  const ids = await recordBooks(path);
  const name = 'bookkeeping-decider.v2.bokforing-settled.2024.json';
  // The writer's own checkpoint, and the readers' it saves after the close.
  t.deepEqual((await readdir(checkpointDirectoryPath(path))).sort(), [
    'annual-report.v7.bokforing-settled.2024.json',
    name,
    'participant-register.v1.bokforing-settled.2024.json',
  ]);
  const saved = JSON.parse(await readFile(join(checkpointDirectoryPath(path), name), 'utf8'));
  t.deepEqual(saved.body.state.openItems, []);
  t.deepEqual(saved.body.state.settledItems, {
    postIds: ['LF-1'],
    kinds: [3],
    eventIds: [ids.cost],
  });

  const store = await openOk(path);
  const resumed = createLedger({ store, förbundId: 'settled' });
  t.is((await ok(resumed.state())).settledItems.size, 1);
  await ok(resumed.correct(ids.payment, '2025-03-01', 'Betald två gånger', { metadata }));
  const reopened = (await ok(resumed.state())).openItems.get('LF-1');
  const folded = createLedger({ store: plain(store), förbundId: 'settled' });
  t.deepEqual(reopened, (await ok(folded.state())).openItems.get('LF-1'));
  t.like(reopened, {
    slag: 'leverantörsskuld',
    text: 'Kartläggning våren',
    område: 'strukturpåverkande',
    post: 'Kartläggning',
    insats: 'Stödja ASF',
    ursprungligtBelopp: '1500.00',
    öppetBelopp: '1500.00',
    datum: '2024-03-01',
    eventId: ids.cost,
  });
  await store.close();
});
