import test from 'ava';
import {
  bookkeepingCatalog,
  bookkeepingStreamId,
  getInMemoryEventStore,
  type EventMetadata,
} from '@finsam-ledger/core';
import { repeatedLines, type LineOfStream } from './repeatedLines.js';

const streamId = bookkeepingStreamId('test');
const metadata: EventMetadata = { recordedAt: '2026-02-01T09:00:00.000Z', recordedBy: 'anna' };

const cost = (datum: string, belopp: string) => ({
  datum,
  område: 'operativa',
  post: 'MIA vidare',
  belopp,
  moms: '0.00',
  text: 'Konsult',
  betalning: { sätt: 'bank' },
});

const lineOf = (lineNumber: number, data: unknown): LineOfStream => ({
  line: { lineNumber, type: 'KostnadBokförd', data, metadata, recordedAtGiven: true },
  streamId,
  participant: false,
});

test('given two stored costs, when a file repeats one twice, another once and changes a date, then each stored cost answers for one line', async (t) => {
  const store = getInMemoryEventStore();
  const stored = [cost('2026-01-20', '100.00'), cost('2026-01-21', '100.00')].map((data) => {
    const created = bookkeepingCatalog.create('KostnadBokförd', data, { metadata });
    if (created._tag === 'Left') throw new Error(created.left.message);
    return bookkeepingCatalog.toNewEvent(created.right);
  });
  const appended = await store.appendToStream(streamId, stored)();
  if (appended._tag === 'Left') return t.fail(appended.left.message);
  const repeated = await repeatedLines(store, [
    lineOf(1, cost('2026-01-20', '100.00')),
    lineOf(2, cost('2026-01-22', '100.00')),
    lineOf(3, cost('2026-01-21', '100.00')),
    lineOf(4, cost('2026-01-20', '100.00')),
    lineOf(5, cost('2026-01-20', '100.01')),
  ]);
  t.deepEqual(
    repeated.map(({ lineNumber, stored: { streamRevision } }) => [lineNumber, streamRevision]),
    [
      [1, 0],
      [3, 1],
    ],
  );
});
