import test from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  Money,
  balanceAtEndOf,
  createLedger,
  isIncomeStatementLine,
  rowOf,
  type Ledger,
  type StatementLine,
  type Verifikation,
} from '@finsam-ledger/core';
import { collectAsync } from '@finsam-ledger/core/store';
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

/** In the open year: an earlier invoice paid in part, or an earlier event corrected. */
const lateStep = fc.record({
  kind: fc.constantFrom('pay' as const, 'correct' as const),
  pick: fc.nat(),
  day: fc.integer({ min: 1, max: 28 }).map((day) => `2023-11-${String(day).padStart(2, '0')}`),
});

/** Records `steps` into the open year 2023: payments of the invoices and corrections of events. */
async function recordLateSteps(
  ledger: Ledger,
  events: readonly { type: string; eventId: string; data: unknown }[],
  steps: readonly { kind: 'pay' | 'correct'; pick: number; day: string }[],
): Promise<void> {
  const invoices = events.flatMap((event) => {
    const betalning = (event.data as { betalning?: { sätt: string; postId?: string } }).betalning;
    return betalning?.sätt === 'leverantörsskuld' ? [betalning.postId!] : [];
  });
  const correctable = events.filter((event) => event.type === 'KostnadBokförd');
  for (const step of [...steps].sort((left, right) => (left.day < right.day ? -1 : 1))) {
    // Refusals (an invoice paid in full already, an event corrected already) are fine here.
    if (step.kind === 'pay' && invoices.length > 0)
      await ledger.record(
        'LeverantörsskuldBetald',
        { datum: step.day, postId: invoices[step.pick % invoices.length]!, belopp: '1.00' },
        { metadata },
      )();
    if (step.kind === 'correct' && correctable.length > 0)
      await ledger.correct(
        correctable[step.pick % correctable.length]!.eventId,
        step.day,
        'fel belopp',
        { metadata },
      )();
  }
}

/**
 * `#IB`, `#UB` and `#RES` of `year` (at `yearIndex`) computed from the whole journal, as the
 * export computed them before it kept two years: an account's opening is every verifikation
 * before the year and the year's opening balance.
 */
function balancesFromWholeJournal(
  ledger: Ledger,
  journal: readonly Verifikation[],
  year: number,
  yearIndex: number,
): Map<string, string> {
  const isBalance = (account: string) => !isIncomeStatementLine(ledger.chart.account(account).line);
  const rows = new Map<string, Money>();
  const add = (key: string, amount: Money) =>
    rows.set(key, (rows.get(key) ?? Money.zero).plus(amount));
  for (const verifikation of journal)
    for (const rad of verifikation.rader) {
      const opening =
        verifikation.år < year ||
        (verifikation.år === year && verifikation.eventType === 'IngåendeBalansRegistrerad');
      if (isBalance(rad.konto)) {
        if (opening) add(`IB ${yearIndex} ${rad.konto}`, rad.belopp);
        if (opening || verifikation.år === year) add(`UB ${yearIndex} ${rad.konto}`, rad.belopp);
      } else if (verifikation.år === year) add(`RES ${yearIndex} ${rad.konto}`, rad.belopp);
    }
  // An account with movement only in the year has an opening of zero.
  for (const key of rows.keys())
    if (key.startsWith('UB ') && !rows.has(`IB${key.slice(2)}`))
      rows.set(`IB${key.slice(2)}`, Money.zero);
  return new Map([...rows].map(([key, amount]) => [key, amount.toString()]));
}

// The export keeps two years of verifikationer and only each account's sum of the years
// before; every balance of the file must still be the one the whole journal gives, the
// ledger's own balances agree with it, and posting the stream itself (with events) gives the
// same journal as the ledger's own.
test('random ledgers of four years, with invoices paid and events corrected in the last, export it with every #IB, #UB and #RES the whole journal gives, the same with events as without', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.tuple(
        ...[2020, 2021, 2022, 2023].map((year) => fc.array(booking(year), { maxLength: 5 })),
      ),
      fc.array(lateStep, { maxLength: 4 }),
      async (years, late) => {
        const source = getInMemoryEventStore();
        const ledger = await ledgerOf(years, source);
        await recordLateSteps(ledger, await collectAsync(source.readStream(ledger.streamId)), late);
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
        const journal = await collectAsync(ledger.verifikationer());
        const expected = new Map([
          ...balancesFromWholeJournal(ledger, journal, 2023, 0),
          ...(journal.some((verifikation) => verifikation.år < 2023)
            ? balancesFromWholeJournal(ledger, journal, 2022, -1)
            : []),
        ]);
        const sorted = (entries: Iterable<[string, string]>) => [...entries].sort();
        t.deepEqual(
          sorted(plain.balances.map((b) => [`${b.kind} ${b.yearIndex} ${b.account}`, b.amount])),
          sorted(expected),
        );
        const totals = await ledger.totals();
        const sumOf = (kind: 'IB' | 'UB', yearIndex: number, line: StatementLine) =>
          Money.sum(
            plain.balances
              .filter((b) => b.kind === kind && b.yearIndex === yearIndex)
              .filter((b) => ledger.chart.account(b.account).line === line)
              .map((b) => Money.from(b.amount)),
          ).toString();
        for (const line of ['kassa-och-bank', 'leverantörsskulder'] as const) {
          const endOf = (year: number) => balanceAtEndOf(totals, year, [line]).toString();
          t.is(sumOf('IB', 0, line), endOf(2022), `#IB 0 ${line}`);
          t.is(sumOf('UB', 0, line), endOf(2023), `#UB 0 ${line}`);
          t.is(sumOf('IB', -1, line), endOf(2021), `#IB -1 ${line}`);
        }
      },
    ),
    { numRuns: 20 },
  );
});
