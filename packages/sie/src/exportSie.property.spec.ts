import test from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  Money,
  balanceAtEndOf,
  createLedger,
  rowOf,
  type Ledger,
  type StatementLine,
} from '@finsam-ledger/core';
import { exportLedgerSie } from './exportLedgerSie.js';
import { importSie } from './importSie.js';
import { identitySieMapping } from './SieMapping.js';
import { planSieImport } from './planSieImport.js';
import { readSie } from './readSie.js';

const metadata = { recordedAt: '2022-02-01T10:00:00.000Z', recordedBy: 'egenskapstest' };

const amount = fc
  .integer({ min: 1, max: 50_000_000 })
  .map((ore) => `${Math.floor(ore / 100)}.${String(ore % 100).padStart(2, '0')}`);

/**
 * One booking of a year: a member contribution, a cost paid from the bank or left as a payable
 * (an open item), or other income.
 */
const booking = (year: number) =>
  fc.record({
    kind: fc.constantFrom(
      'contribution' as const,
      'cost' as const,
      'income' as const,
      'invoice' as const,
    ),
    belopp: amount,
    day: fc
      .integer({ min: 1, max: 364 })
      .map((day) => new Date(Date.UTC(year, 0, day)).toISOString().slice(0, 10)),
    område: fc.constantFrom(
      'administrativa' as const,
      'strukturpåverkande' as const,
      'operativa' as const,
    ),
    text: fc.string({ maxLength: 70 }),
  });

type Booking = fc.Arbitrary<ReturnType<typeof booking> extends fc.Arbitrary<infer T> ? T : never>;

const dataOf = (entry: Booking extends fc.Arbitrary<infer T> ? T : never, index: number) => {
  if (entry.kind === 'contribution')
    return [
      'MedlemsbidragMottaget',
      {
        datum: entry.day,
        medlem: 'Täby kommun',
        medlemskategori: 'kommun',
        period: entry.day.slice(0, 4),
        belopp: entry.belopp,
      },
    ] as const;
  if (entry.kind === 'cost' || entry.kind === 'invoice')
    return [
      'KostnadBokförd',
      {
        datum: entry.day,
        område: entry.område,
        post: 'Post',
        belopp: entry.belopp,
        moms: '0.00',
        text: `Kostnad ${entry.text.trim() || 'x'}`,
        ...(entry.kind === 'cost'
          ? { betalning: { sätt: 'bank' as const } }
          : {
              motpart: 'Leverantören AB',
              betalning: { sätt: 'leverantörsskuld' as const, postId: `LF-${index}` },
            }),
      },
    ] as const;
  return [
    'ÖvrigIntäktBokförd',
    {
      datum: entry.day,
      intäktsslag: 'övrig',
      belopp: entry.belopp,
      text: 'Intäkt',
      betalning: { sätt: 'bank' },
    },
  ] as const;
};

async function ledgerOf(
  years: readonly (readonly (Booking extends fc.Arbitrary<infer T> ? T : never)[])[],
  store = getInMemoryEventStore(),
): Promise<Ledger> {
  const ledger = createLedger({ store, förbundId: 'egenskap' });
  let index = 0;
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
  for (const [year, bookings] of years.entries()) {
    for (const entry of [...bookings].sort((left, right) => (left.day < right.day ? -1 : 1))) {
      const [type, data] = dataOf(entry, (index += 1));
      await must(ledger.record(type, data, { metadata })());
    }
    if (year < years.length - 1)
      await must(ledger.closeYear(2020 + year, `${2020 + year}-12-31`, { metadata })());
  }
  return ledger;
}

const balanceLines: readonly StatementLine[] = [
  'kassa-och-bank',
  'kundfordringar',
  'övriga-fordringar',
];

test("random valid ledgers export a checked SIE 4E whose RR, BR and rows are the ledger's", async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.tuple(
        fc.array(booking(2020), { maxLength: 8 }),
        fc.array(booking(2021), { maxLength: 8 }),
      ),
      async (years) => {
        const ledger = await ledgerOf(years);
        const bytes = await exportLedgerSie(ledger, {
          year: 2021,
          companyName: 'Egenskapsförbundet',
          generated: { date: '2022-02-01' },
        });
        const file = readSie(bytes);
        const totals = await ledger.totals();
        const { resultaträkning } = await ledger.statements(2021);
        const res = Money.sum(
          file.balances
            .filter((b) => b.kind === 'RES' && b.yearIndex === 0 && b.account !== '8999')
            .map((b) => Money.from(b.amount)),
        ).negated();
        t.is(res.toString(), rowOf(resultaträkning, 'årets-resultat').amounts[0]!.toString());
        for (const line of balanceLines) {
          const ub = Money.sum(
            file.balances
              .filter(
                (b) =>
                  b.kind === 'UB' &&
                  b.yearIndex === 0 &&
                  ledger.chart.account(b.account).line === line,
              )
              .map((b) => Money.from(b.amount)),
          );
          t.is(ub.toString(), balanceAtEndOf(totals, 2021, [line]).toString(), line);
        }
        const plan = planSieImport(file, identitySieMapping, '0'.repeat(64));
        const journal = [];
        for await (const verifikation of ledger.verifikationer(2021)) journal.push(verifikation);
        // The bookings of 2021 and, when 2020 had a result, its omföring on 1 January.
        t.is(plan.verifikationer.length, journal.length);
        t.true(journal.length >= years[1].length);
        t.true(
          plan.verifikationer.every((v) => Money.sum(v.rader.map((rad) => rad.belopp)).isZero()),
        );
      },
    ),
    { numRuns: 25 },
  );
});

// Every year books something: a close of a year with a result of zero books nothing, so SIE
// has no record that the year was closed, and the books without bookings would differ only
// in which years they cover.
test('random valid ledgers exported and imported into new books give the same RR and BR', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.tuple(
        fc.array(booking(2020), { minLength: 1, maxLength: 6 }),
        fc.array(booking(2021), { minLength: 1, maxLength: 6 }),
      ),
      async (years) => {
        const ledger = await ledgerOf(years);
        const store = getInMemoryEventStore();
        for (const year of [2020, 2021]) {
          const bytes = await exportLedgerSie(ledger, {
            year,
            companyName: 'Egenskapsförbundet',
            generated: { date: '2022-02-01' },
          });
          await importSie({ store, förbundId: 'kopia' }, bytes, {
            mapping: identitySieMapping,
            metadata,
          });
        }
        const copy = createLedger({ store, förbundId: 'kopia' });
        const [original, imported] = [await ledger.statements(2021), await copy.statements(2021)];
        t.deepEqual(
          JSON.parse(JSON.stringify(imported.resultaträkning)),
          JSON.parse(JSON.stringify(original.resultaträkning)),
        );
        t.deepEqual(
          JSON.parse(JSON.stringify(imported.balansräkning)),
          JSON.parse(JSON.stringify(original.balansräkning)),
        );
      },
    ),
    { numRuns: 15 },
  );
});

// With finsam's own records every year may be empty (a close with a zero result is carried),
// and the payables come back item by item: the whole annual report is the same.
test('random valid ledgers exported with their events and imported give the same annual report', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.tuple(
        fc.array(booking(2020), { maxLength: 6 }),
        fc.array(booking(2021), { maxLength: 6 }),
      ),
      async (years) => {
        const source = getInMemoryEventStore();
        const ledger = await ledgerOf(years, source);
        const store = getInMemoryEventStore();
        for (const year of [2020, 2021]) {
          const bytes = await exportLedgerSie(ledger, {
            year,
            companyName: 'Egenskapsförbundet',
            generated: { date: '2022-02-01' },
            events: source.readStream(ledger.streamId),
          });
          await importSie({ store, förbundId: 'kopia' }, bytes, {
            mapping: identitySieMapping,
            metadata,
          });
        }
        const copy = createLedger({ store, förbundId: 'kopia' });
        t.deepEqual(
          (await copy.totals()).closedYears,
          (await ledger.totals()).closedYears,
          'the closed years, also with a zero result',
        );
        for (const year of [2020, 2021])
          t.deepEqual(
            JSON.parse(JSON.stringify(await copy.annualReport(year))),
            JSON.parse(JSON.stringify(await ledger.annualReport(year))),
            String(year),
          );
      },
    ),
    { numRuns: 15 },
  );
});

/** A file's records without the lines they were read from. */
const withoutLines = <Record extends { readonly line?: number }>(records: readonly Record[]) =>
  records.map(({ line: _line, ...record }) => record);

// The export keeps two years of verifikationer and only each account's sum of the years
// before; the file's balances must still be the ledger's, and posting the stream itself (with
// events) must give the same journal as the ledger's own.
test('random ledgers of four years export the last with #IB and #UB of both years equal to the ledger’s balances, the same with events as without', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.tuple(
        ...[2020, 2021, 2022, 2023].map((year) => fc.array(booking(year), { maxLength: 5 })),
      ),
      async (years) => {
        const source = getInMemoryEventStore();
        const ledger = await ledgerOf(years, source);
        const options = {
          year: 2023,
          companyName: 'Egenskapsförbundet',
          generated: { date: '2024-02-01' },
        };
        const plain = readSie(await exportLedgerSie(ledger, options));
        const withEvents = readSie(
          await exportLedgerSie(ledger, { ...options, events: source.readStream(ledger.streamId) }),
        );
        t.deepEqual(withoutLines(withEvents.balances), withoutLines(plain.balances));
        const journalOf = (file: typeof plain) =>
          withoutLines(file.verifikationer).map((verifikation) => ({
            ...verifikation,
            transactions: withoutLines(verifikation.transactions),
          }));
        t.deepEqual(journalOf(withEvents), journalOf(plain));
        const totals = await ledger.totals();
        const sumOf = (kind: 'IB' | 'UB', yearIndex: number, line: StatementLine) =>
          Money.sum(
            plain.balances
              .filter((b) => b.kind === kind && b.yearIndex === yearIndex)
              .filter((b) => ledger.chart.account(b.account).line === line)
              .map((b) => Money.from(b.amount)),
          ).toString();
        for (const line of balanceLines) {
          const endOf = (year: number) => balanceAtEndOf(totals, year, [line]).toString();
          t.is(sumOf('IB', 0, line), endOf(2022), `#IB 0 ${line}`);
          t.is(sumOf('UB', 0, line), endOf(2023), `#UB 0 ${line}`);
          t.is(sumOf('IB', -1, line), endOf(2021), `#IB -1 ${line}`);
          t.is(sumOf('UB', -1, line), endOf(2022), `#UB -1 ${line}`);
        }
        for (const yearIndex of [0, -1])
          t.true(
            Money.sum(
              plain.balances
                .filter((b) => b.kind === 'IB' && b.yearIndex === yearIndex)
                .map((b) => Money.from(b.amount)),
            ).isZero(),
            `the #IB of year ${yearIndex} balance`,
          );
      },
    ),
    { numRuns: 15 },
  );
});
