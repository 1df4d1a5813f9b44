import test from 'ava';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  Money,
  createLedger,
  decodeBookkeepingEvents,
  type EventInput,
  type Verifikation,
} from '@finsam-ledger/core';
import { collectAsync } from '@finsam-ledger/core/store';
import { ingåendeBalans2021 } from '@finsam-ledger/core/testing';
import { sieDocumentOfLedger } from './exportSie.js';
import { SieJournalOfYear } from './SieJournalOfYear.js';

/** A verifikation of `år` from event `eventId`, with rows as account and amount pairs. */
function verifikation(
  år: number,
  eventId: string,
  rows: readonly (readonly [string, string])[],
  eventType = 'KostnadBokförd',
): Verifikation {
  return {
    datum: `${år}-06-30`,
    text: eventId,
    år,
    löpnummer: 1,
    eventId,
    eventType,
    registrerad: `${år}-06-30T10:00:00.000Z`,
    registreradAv: 'Ekonom',
    rader: rows.map(([konto, belopp]) => ({ konto, belopp: Money.from(belopp) })),
  } as unknown as Verifikation;
}

/** A cost of `belopp` paid from the bank, as a verifikation of `år` from event `eventId`. */
const cost = (år: number, eventId: string, belopp: string) =>
  verifikation(år, eventId, [
    ['5410', belopp],
    ['1930', `-${belopp}`],
  ]);

const sums = (journal: SieJournalOfYear) =>
  Object.fromEntries([...journal.earlierSums].map(([konto, sum]) => [konto, sum.toString()]));

test('given a journal of five years, when the file of the fourth is gathered, then it keeps the third and fourth in order and sums the first two per account', (t) => {
  const journal = SieJournalOfYear.of(2023, [
    verifikation(
      2020,
      'ib',
      [
        ['1930', '1000.00'],
        ['2091', '-1000.00'],
      ],
      'IngåendeBalansRegistrerad',
    ),
    cost(2020, 'a', '300.00'),
    cost(2021, 'b', '200.50'),
    cost(2022, 'c', '100.00'),
    cost(2023, 'd', '50.00'),
    cost(2024, 'e', '7.00'),
  ]);
  t.deepEqual(
    journal.verifikationer.map((kept) => kept.eventId),
    ['c', 'd'],
  );
  t.deepEqual(sums(journal), { '1930': '499.50', '2091': '-1000.00', '5410': '500.50' });
  t.true(journal.hasEarlierYear());
  t.deepEqual([...journal.continuedEventIds], []);
});

test('given an event booked in an earlier year and in a kept one, when gathered, then its kept verifikation is not its first (its open items stay on the earlier one)', (t) => {
  const journal = SieJournalOfYear.of(2023, [
    verifikation(2020, 'accrual', [
      ['1790', '100.00'],
      ['1930', '-100.00'],
    ]),
    verifikation(2022, 'accrual', [
      ['5410', '100.00'],
      ['1790', '-100.00'],
    ]),
    cost(2021, 'other', '1.00'),
  ]);
  t.deepEqual([...journal.continuedEventIds], ['accrual']);
});

test('given an event whose first verifikation is kept and a later one is earlier, when gathered, then the kept one stays its first', (t) => {
  const journal = SieJournalOfYear.of(2023, [
    verifikation(2023, 'reversal', [
      ['5410', '100.00'],
      ['1790', '-100.00'],
    ]),
    verifikation(2020, 'reversal', [
      ['1790', '100.00'],
      ['1930', '-100.00'],
    ]),
    cost(2023, 'reversal', '1.00'),
  ]);
  t.deepEqual([...journal.continuedEventIds], []);
  t.is(journal.verifikationer.length, 2);
});

test('given an opening balance before the kept years, when gathered, then it sums but continues no event', (t) => {
  const opening = verifikation(
    2020,
    'ib',
    [
      ['1930', '5.00'],
      ['2091', '-5.00'],
    ],
    'IngåendeBalansRegistrerad',
  );
  const journal = SieJournalOfYear.of(2023, [opening, { ...opening, år: 2022 }]);
  t.deepEqual([...journal.continuedEventIds], []);
  t.deepEqual(sums(journal), { '1930': '5.00', '2091': '-5.00' });
});

test('given only the year itself and later years, when gathered, then the file has no year before it', (t) => {
  const journal = SieJournalOfYear.of(2023, [cost(2023, 'd', '50.00'), cost(2024, 'e', '7.00')]);
  t.false(journal.hasEarlierYear());
  t.is(journal.earlierSums.size, 0);
  t.true(SieJournalOfYear.of(2023, [verifikation(2022, 'c', [])]).hasEarlierYear());
  t.true(SieJournalOfYear.of(2023, [verifikation(2019, 'c', [])]).hasEarlierYear());
});

test('given an invoice booked in 2021 whose event books again in 2023, when the file of 2023 is written, then its #FINSAMVER carries the invoice’s open item only where the 2021 verifikation is missing', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'fortsatt' });
  const metadata = { recordedAt: '2021-06-01T10:00:00.000Z', recordedBy: 'Ekonom' };
  for (const [type, data] of [
    ['IngåendeBalansRegistrerad', ingåendeBalans2021],
    [
      'KostnadBokförd',
      {
        datum: '2021-03-10',
        område: 'operativa',
        post: 'Insatser',
        belopp: '100.00',
        moms: '0.00',
        text: 'Faktura 17',
        motpart: 'Kursgården AB',
        betalning: { sätt: 'leverantörsskuld', postId: 'LF-17' },
      },
    ],
  ] as const) {
    const recorded = await ledger.record(type, data as EventInput<typeof type>, { metadata })();
    if (E.isLeft(recorded)) throw recorded.left;
  }
  const journal = await collectAsync(ledger.verifikationer());
  const invoice = journal.find((verifikation) => verifikation.eventType === 'KostnadBokförd')!;
  // The ledger books no event of this kind in two years; the journal is built by hand so that
  // one does, its verifikationer together as the ledger's journal has them.
  const again = { ...invoice, år: 2023, löpnummer: 1, datum: '2023-01-10' } as Verifikation;
  const input = {
    year: 2023,
    chart: ledger.chart,
    totals: await ledger.totals(),
    events: await collectAsync(decodeBookkeepingEvents(store.readStream(ledger.streamId))),
    companyName: 'Fortsatt',
    generated: { date: '2023-02-01' },
  };
  const openItemsOf = (verifikationer: readonly Verifikation[]) =>
    sieDocumentOfLedger({ ...input, verifikationer }).finsamVerifikationer?.map(
      (finsam) => finsam.openItems,
    );
  t.deepEqual(openItemsOf([...journal, again]), [[]]);
  t.like(openItemsOf([journal[0]!, again])?.[0]?.[0], {
    händelse: 'öppnas',
    post: { postId: 'LF-17' },
  });
});
