import test from 'ava';
import { Money, type Verifikation } from '@finsam-ledger/core';
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
