import test from 'ava';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  createLedger,
  renderAnnualReportText,
  type AnnualReport,
  type EventStore,
  type Ledger,
} from '@finsam-ledger/core';
import {
  exportLedgerSie,
  identitySieMapping,
  importSie,
  type SieImportResult,
} from '@finsam-ledger/sie';
import { openRoslagenFileStore, roslagenFörbundId } from './roslagenStore.js';

const metadata = { recordedAt: '2023-03-01T10:00:00.000Z', recordedBy: 'ekonom@roslagen' };
const years = [2020, 2021, 2022] as const;

interface RoundTrip {
  readonly imports: { year: number; first: SieImportResult; again: SieImportResult }[];
  readonly reports: Map<number, [AnnualReport, AnnualReport]>;
}

/**
 * Exports each year of the source as SIE 4E and imports the files, in order, into a fresh
 * store with the identity mapping (each twice: the second writes nothing); then the annual
 * report of every year from both books. `withEvents: false` is the file without finsam's
 * own records, as a foreign program's file would be.
 */
async function roundTrip(
  source: Ledger,
  sourceStore: EventStore,
  withEvents: boolean,
): Promise<RoundTrip> {
  const store = getInMemoryEventStore();
  const target = { store, förbundId: 'roslagen' };
  const imports = [];
  for (const year of years) {
    const bytes = await exportLedgerSie(source, {
      year,
      companyName: 'Samordningsförbundet Roslagen',
      generated: { date: '2023-03-01' },
      ...(withEvents ? { events: sourceStore.readStream(source.streamId) } : {}),
    });
    const first = await importSie(target, bytes, { mapping: identitySieMapping, metadata });
    const again = await importSie(target, bytes, { mapping: identitySieMapping, metadata });
    imports.push({ year, first, again });
  }
  const imported = createLedger(target);
  const reports = new Map<number, [AnnualReport, AnnualReport]>();
  for (const year of years)
    reports.set(year, [await source.annualReport(year), await imported.annualReport(year)]);
  return { imports, reports };
}

const both = (async () => {
  const opened = await openRoslagenFileStore();
  if (E.isLeft(opened)) throw opened.left;
  const source = createLedger({ store: opened.right, förbundId: roslagenFörbundId });
  const finsam = await roundTrip(source, opened.right, true);
  const plain = await roundTrip(source, opened.right, false);
  await opened.right.close();
  return { finsam, plain };
})();

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

test('each year imports with its proof, and importing the same file again writes nothing', async (t) => {
  const { imports } = (await both).finsam;
  for (const { year, first, again } of imports) {
    t.is(first.år, year);
    t.true(first.written > 200, `${year}: ${first.written} events written`);
    t.is(first.openingBalance, year === 2020, 'only the first year opens the books');
    t.true(first.comparison.length > 10);
    t.true(first.comparison.every((row) => row.equal));
    t.is(again.written, 0);
  }
});

for (const year of years) {
  test(`${year}: the imported books give the same annual report, figure for figure`, async (t) => {
    const [original, imported] = (await both).finsam.reports.get(year)!;
    // Part by part first, so that a difference names its statement, then the whole report.
    for (const part of Object.keys(original) as (keyof AnnualReport)[])
      t.deepEqual(json(imported[part]), json(original[part]), part);
    t.deepEqual(
      Object.keys(imported).sort(),
      [
        'balansräkning',
        'driftredovisning',
        'finansiellaRiktlinjer',
        'flerårsöversikt',
        // Årsredovisning 2020 and 2022 open with theirs; 2021 has no published report.
        ...(year === 2021 ? [] : ['förvaltningsberättelse']),
        'kassaflödesanalys',
        'not1',
        'not2',
        'not3',
        'not4',
        'resultaträkning',
        'år',
      ],
      'every statement, note, the flerårsöversikt, the guideline checks and the förvaltningsberättelse are compared',
    );
    t.deepEqual(json(imported), json(original));
    t.is(renderAnnualReportText(imported, 'kr'), renderAnnualReportText(original, 'kr'));
  });
}

test('2022: the budget, staffing, history and open items are really there (not two empty reports)', async (t) => {
  const [, imported] = (await both).finsam.reports.get(2022)!;
  const row = (report: AnnualReport, part: 'driftredovisning' | 'not4', key: string) =>
    report[part].rows.find((candidate) => candidate.key === key)?.amounts.map(String);
  t.deepEqual(row(imported, 'driftredovisning', 'nettokostnad'), [
    '10308000.00',
    '10560000.00',
    '-252000.00',
    '10307460.00',
  ]);
  t.true(imported.not4.rows.some((candidate) => candidate.key.startsWith('post:')));
  t.is(imported.flerårsöversikt.columns.length, 6);
  t.true(imported.flerårsöversikt.columns.every((column) => column.source !== 'saknas'));
});

test("a foreign program's file (no finsam records) gives RR, BR, KF and Not 1 of 2021–2022, not the rest", async (t) => {
  const { plain } = await both;
  for (const { first } of plain.imports) t.true(first.comparison.every((row) => row.equal));
  for (const year of [2021, 2022]) {
    const [original, imported] = plain.reports.get(year)!;
    for (const part of ['resultaträkning', 'balansräkning', 'kassaflödesanalys', 'not1'] as const)
      t.deepEqual(json(imported[part]), json(original[part]), `${year} ${part}`);
    // No budget decisions, no years before the books, open items only as balances.
    t.notDeepEqual(json(imported.flerårsöversikt), json(original.flerårsöversikt));
    t.notDeepEqual(json(imported.not3), json(original.not3));
  }
  const [original2022, imported2022] = plain.reports.get(2022)!;
  t.notDeepEqual(json(imported2022.driftredovisning), json(original2022.driftredovisning));
});

test("a foreign program's file's #PBUDGET becomes the year's budget: the budget columns come back", async (t) => {
  const { plain } = await both;
  // 2021 has no budget decision in the source books, so its file has no #PBUDGET.
  t.deepEqual(
    plain.imports.map(({ year, first }) => [year, first.budget?.booked ?? false]),
    [
      [2020, true],
      [2021, false],
      [2022, true],
    ],
  );
  const budgetColumn = (report: AnnualReport, part: 'driftredovisning' | 'not2') =>
    report[part].rows
      // SIE has no record for the opening eget kapital a budget assumed.
      .filter((row) => row.key !== 'utgående-eget-kapital')
      .map((row) => [row.key, row.amounts[1]?.toString() ?? null]);
  for (const year of [2020, 2022]) {
    const [original, imported] = plain.reports.get(year)!;
    t.deepEqual(
      budgetColumn(imported, 'driftredovisning'),
      budgetColumn(original, 'driftredovisning'),
    );
    t.deepEqual(budgetColumn(imported, 'not2'), budgetColumn(original, 'not2'));
  }
  // Roslagen's budgeted nettokostnad of 2022, from the file's #PBUDGET alone.
  const [, imported2022] = plain.reports.get(2022)!;
  t.is(
    imported2022.driftredovisning.rows
      .find((row) => row.key === 'nettokostnad')
      ?.amounts[1]?.toString(),
    '10560000.00',
  );
});
