import test from 'ava';
import { createLedger, type Ledger } from '../facade/createLedger.js';
import { postEvents } from '../bookkeeping/postingFold.js';
import { decodeBookkeepingEvents } from '../statements/replayStatements.js';
import type { CheckpointNotice } from './checkpointShelf.js';
import { checkpointingMemoryStore } from './memoryCheckpointStorage.testSupport.js';
import { ok } from './ok.testSupport.js';
import { costByBank, options, recordOpeningBalance } from './payables.testSupport.js';
import { postedEventsOfYear } from './postedEventsOfYear.js';

const streamId = 'bokforing-unit';

/** A cost of `datum` paid from the bank. */
const cost = (ledger: Ledger, datum: string, belopp: string) =>
  ok(ledger.record('KostnadBokförd', costByBank(datum, belopp), options));

/**
 * Given books of 2024-2026, each year closed in February after a January booking of the next
 * year (so a close's checkpoint holds the next year's first verifikationer, and its omföring).
 */
async function books() {
  const store = checkpointingMemoryStore();
  const ledger = createLedger({ store, förbundId: 'unit' });
  await recordOpeningBalance(ledger);
  for (const year of [2024, 2025, 2026]) {
    await cost(ledger, `${year}-06-01`, '1000.00');
    await cost(ledger, `${year + 1}-01-10`, '200.00');
    if (year < 2026) await ok(ledger.closeYear(year, `${year + 1}-02-15`, options));
  }
  await store.idle();
  return store;
}

/** The numbered verifikationer of `year` in `posted`, as `number date text`. */
async function numbersOf(
  posted: AsyncIterable<{
    verifikationer: readonly { år: number; löpnummer: number; datum: string; text: string }[];
  }>,
  year: number,
) {
  const numbers: string[] = [];
  for await (const { verifikationer } of posted)
    for (const verifikation of verifikationer)
      if (verifikation.år === year)
        numbers.push(`${verifikation.löpnummer} ${verifikation.datum} ${verifikation.text}`);
  return numbers;
}

test('given books closed after January bookings, when 2026 is read, then it starts at the close of 2024 (the close of 2025 numbered 2026’s omföring) and numbers as a full replay', async (t) => {
  const store = await books();
  const used: CheckpointNotice[] = [];
  const { start, posted } = await postedEventsOfYear(store, streamId, 2026, {
    observe: (notice) => used.push(notice),
  });
  t.deepEqual(
    used.map((notice) => (notice.kind === 'used' ? notice.year : notice.kind)),
    [2024],
  );
  t.is(start?.numbering.next(2026), 1);
  const full = postEvents(
    decodeBookkeepingEvents(store.plain.readStream(streamId)),
    start!.totals.chart,
  );
  const fromCheckpoint = await numbersOf(posted, 2026);
  t.deepEqual(fromCheckpoint, await numbersOf(full, 2026));
  t.deepEqual(fromCheckpoint, [
    '1 2026-01-10 Kostnad 2026-01-10',
    '2 2026-01-01 Omföring av årets resultat 2025 till balanserat resultat',
    '3 2026-06-01 Kostnad 2026-06-01',
  ]);
});

test('given books whose first close already numbered the next year, when 2025 is read, then every event is read from the first', async (t) => {
  const store = await books();
  const used: CheckpointNotice[] = [];
  const { start, posted } = await postedEventsOfYear(store, streamId, 2025, {
    observe: (notice) => used.push(notice),
  });
  t.is(start, undefined);
  t.deepEqual(used, []);
  t.deepEqual(await numbersOf(posted, 2025), [
    '1 2025-01-10 Kostnad 2025-01-10',
    '2 2025-01-01 Omföring av årets resultat 2024 till balanserat resultat',
    '3 2025-06-01 Kostnad 2025-06-01',
    '4 2025-12-31 Årets resultat 2025',
  ]);
});

test('given a store without checkpoint storage, when a year is read, then it is read from the first event', async (t) => {
  const store = await books();
  const { start, posted } = await postedEventsOfYear(store.plain, streamId, 2026);
  t.is(start, undefined);
  t.is((await numbersOf(posted, 2026)).length, 3);
});
