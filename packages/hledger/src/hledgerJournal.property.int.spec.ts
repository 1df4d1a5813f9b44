import test from 'ava';
import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import { coversYear, createLedger, type Ledger } from '@finsam-ledger/core';
import { exportLedgerHledger } from './exportLedgerHledger.js';
import {
  accountFiguresOfTotals,
  differencesFromStatement,
  hledgerCheck,
  hledgerFiguresOfJournal,
  type StatementJson,
} from './hledgerReport.testSupport.js';

const metadata = { recordedAt: '2023-02-01T10:00:00.000Z', recordedBy: 'egenskapstest' };

const amount = fc
  .integer({ min: 1, max: 50_000_000 })
  .map((ore) => `${Math.floor(ore / 100)}.${String(ore % 100).padStart(2, '0')}`);

/**
 * One booking: a member contribution, a cost paid from the bank or on credit, or other income.
 * Names and texts hold what hledger's syntax gives a meaning (`;`, `|`, `,`, `:`), which the
 * journal must write harmlessly.
 */
const booking = (year: number) =>
  fc.record({
    kind: fc.constantFrom('contribution', 'cost', 'costOnCredit', 'income'),
    belopp: amount,
    day: fc
      .integer({ min: 1, max: 364 })
      .map((day) => new Date(Date.UTC(year, 0, day)).toISOString().slice(0, 10)),
    område: fc.constantFrom('administrativa', 'strukturpåverkande', 'operativa'),
    medlem: fc.constantFrom('Täby kommun', 'Region Stockholm', 'Kommun, Norrtälje; nord'),
    post: fc.constantFrom('Personal', 'Lokal: hyra', 'Köpta tjänster, övrigt'),
    text: fc.string({ maxLength: 40 }),
  });

type Booking = ReturnType<typeof booking> extends fc.Arbitrary<infer T> ? T : never;

const dataOf = (entry: Booking, postId: string) => {
  const text = `Händelse ${entry.text.trim() || 'x'}`;
  if (entry.kind === 'contribution')
    return [
      'MedlemsbidragMottaget',
      {
        datum: entry.day,
        medlem: entry.medlem,
        medlemskategori: 'kommun',
        period: entry.day.slice(0, 4),
        belopp: entry.belopp,
      },
    ] as const;
  if (entry.kind === 'income')
    return [
      'ÖvrigIntäktBokförd',
      {
        datum: entry.day,
        intäktsslag: 'övrig',
        belopp: entry.belopp,
        text,
        betalning: { sätt: 'bank' },
      },
    ] as const;
  return [
    'KostnadBokförd',
    {
      datum: entry.day,
      område: entry.område,
      post: entry.post,
      belopp: entry.belopp,
      moms: '0.00',
      text,
      motpart: 'Leverantör | AB; Stockholm',
      betalning: entry.kind === 'cost' ? { sätt: 'bank' } : { sätt: 'leverantörsskuld', postId },
    },
  ] as const;
};

async function ledgerOf(years: readonly (readonly Booking[])[], closes: boolean): Promise<Ledger> {
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'egenskap' });
  const must = async (result: Promise<E.Either<unknown, unknown>>) => {
    const settled = await result;
    if (E.isLeft(settled)) throw settled.left;
  };
  await must(
    ledger.record(
      'IngåendeBalansRegistrerad',
      {
        datum: '2020-01-01',
        text: 'Ingående balans',
        kassaOchBank: '1000000.00',
        momsfordran: '0.00',
        balanseratResultat: '1000000.00',
        öppnaPoster: [],
      },
      { metadata },
    )(),
  );
  for (const [index, bookings] of years.entries()) {
    const sorted = [...bookings].sort((left, right) => (left.day < right.day ? -1 : 1));
    for (const [position, entry] of sorted.entries()) {
      const [type, data] = dataOf(entry, `faktura-${2020 + index}-${position}`);
      await must(ledger.record(type, data as never, { metadata })());
    }
    // Bookings go in the earliest open year or the next one (YEAR_NOT_YET_OPEN), so the first
    // year is always closed and the second only when `closes` says: one open year, or two.
    if (index < years.length - 1 && (closes || index < years.length - 2))
      await must(ledger.closeYear(2020 + index, `${2020 + index}-12-31`, { metadata })());
  }
  return ledger;
}

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as StatementJson;

test('random ledgers: hledger reads every year of the journal to our statements, account by account, to the öre', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-hledger-property-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  await fc.assert(
    fc.asyncProperty(
      fc.tuple(
        fc.array(booking(2020), { maxLength: 6 }),
        fc.array(booking(2021), { maxLength: 6 }),
        fc.array(booking(2022), { maxLength: 6 }),
      ),
      fc.boolean(),
      async (years, closes) => {
        const ledger = await ledgerOf(years, closes);
        const totals = await ledger.totals();
        for (const year of [2020, 2021, 2022]) {
          const journal = join(directory, `${year}.journal`);
          await writeFile(journal, await exportLedgerHledger(ledger, { year }));
          await hledgerCheck(journal, ['--strict', 'ordereddates', 'uniqueleafnames']);
          const figures = await hledgerFiguresOfJournal(journal, ledger.chart);
          const byAccount = new Map(
            [...figures.byAccount].filter(
              ([account, figure]) =>
                ledger.chart.account(account).line !== 'eget-kapital' && !figure.isZero(),
            ),
          );
          const expected = accountFiguresOfTotals(totals, year);
          t.deepEqual([...byAccount.keys()].sort(), [...expected.keys()].sort(), `${year}`);
          for (const [account, figure] of expected)
            t.true(byAccount.get(account)!.equals(figure), `${year} ${account}`);
          // A year after the books' last booking has no statements (its columns are `saknas`).
          if (!coversYear(totals, year)) continue;
          const { resultaträkning, balansräkning } = await ledger.statements(year);
          t.deepEqual(differencesFromStatement(figures.balansräkning, json(balansräkning)), []);
          t.deepEqual(differencesFromStatement(figures.resultaträkning, json(resultaträkning)), []);
        }
      },
    ),
    { numRuns: 12 },
  );
  t.pass();
});
