import test from 'ava';
import { Money } from '../money/Money.js';
import { drilldownScenario } from '../statements/drilldownScenario.testScenario.js';
import { replayReportExplanation, type CellExplanation } from './explainReport.js';
import { replayRowExplanation } from './explainRow.js';

const sumOf = (cell: CellExplanation) =>
  Money.sum(cell.contributions.map((contribution) => contribution.amount));

test('every figure of every statement of 2020 and 2021, in every column, is the sum of its explained parts', async (t) => {
  const { store, ledger } = await drilldownScenario();
  for (const year of [2020, 2021]) {
    const explanation = await replayReportExplanation(store.readStream(ledger.streamId), year);
    let figures = 0;
    for (const [part, statement] of explanation.statements)
      for (const row of statement.rows)
        explanation.rows.get(`${part}/${row.key}`)!.forEach((cell, column) => {
          const amount = row.amounts[column] ?? null;
          if (amount === null) return;
          figures += 1;
          t.is(sumOf(cell).toString(), amount.toString(), `${year} ${part}/${row.key}[${column}]`);
        });
    t.true(figures > 60);
  }
});

test('a corrected cost is explained as the mistake, its correction and the right booking', async (t) => {
  const { store, ledger, mistakeId, correctionId } = await drilldownScenario();
  const cell = await replayRowExplanation(
    store.readStream(ledger.streamId),
    2021,
    'not2/post:operativa|Insatspersonal',
  );
  t.is(cell.amount?.toString(), '1250.00');
  t.deepEqual(
    cell.contributions.map((contribution) => [
      contribution.eventType,
      contribution.källa,
      contribution.amount.toString(),
    ]),
    [
      ['KostnadBokförd', 'verifikation', '12500.00'],
      ['HändelseRättad', 'verifikation', '-12500.00'],
      ['KostnadBokförd', 'verifikation', '1250.00'],
    ],
  );
  t.is(cell.contributions[0]!.eventId, mistakeId);
  t.is(cell.contributions[1]!.eventId, correctionId);
  t.is(cell.contributions[1]!.verifikationer[0]!.rättar, mistakeId);
});

test('an open item of Not 4 is explained as the events that opened and settled it', async (t) => {
  const { store, ledger } = await drilldownScenario();
  const cell = await replayRowExplanation(store.readStream(ledger.streamId), 2020, 'not4/post:L-3');
  t.is(cell.amount?.toString(), '6000.00');
  t.deepEqual(
    cell.contributions.map((contribution) => [contribution.källa, contribution.amount.toString()]),
    [
      ['öppen post', '10000.00'],
      ['öppen post', '-4000.00'],
    ],
  );
});

test('the comparison year from historical figures is explained as the event that states them', async (t) => {
  const { store, ledger, historyId } = await drilldownScenario();
  const cell = await replayRowExplanation(
    store.readStream(ledger.streamId),
    2020,
    'resultaträkning/årets-resultat',
    { column: 1 },
  );
  t.is(cell.amount?.toString(), '500000.00');
  t.deepEqual(
    cell.contributions.map((contribution) => [contribution.eventId, contribution.källa]),
    [[historyId, 'uppgift']],
  );
});

test('a budget cell is explained as the decision in force, dated when the board decided it', async (t) => {
  const { store, ledger } = await drilldownScenario();
  const metadataOn = (day: string) => ({
    metadata: { recordedAt: `${day}T12:00:00.000Z`, recordedBy: 'Ekonom' },
  });
  const adopted = await ledger.record(
    'BudgetFastställd',
    {
      år: 2021,
      beslutsdatum: '2020-11-24',
      beslut: 'Styrelsen 2020-11-24 § 7',
      kostnader: [
        { område: 'operativa', post: 'Insatspersonal', belopp: '20000.00' },
        { område: 'administrativa', post: 'Lokaler', belopp: '3000.00' },
      ],
      intäkter: [],
    },
    metadataOn('2020-11-25'),
  )();
  const amended = await ledger.record(
    'BudgetÄndrad',
    {
      år: 2021,
      beslutsdatum: '2021-06-10',
      beslut: 'Styrelsen 2021-06-10 § 4',
      kostnader: [{ område: 'operativa', post: 'Insatspersonal', belopp: '25000.00' }],
    },
    metadataOn('2021-06-11'),
  )();
  t.true(adopted._tag === 'Right' && amended._tag === 'Right');
  const budgetOf = (row: string) =>
    replayRowExplanation(store.readStream(ledger.streamId), 2021, row, { column: 1 });
  const partsOf = (cell: CellExplanation) =>
    cell.contributions.map((contribution) => [
      contribution.eventType,
      contribution.datum,
      contribution.amount.toString(),
    ]);
  // The ändringsbeslut replaces the line it names: the figure in force is its own.
  const amendedLine = await budgetOf('not2/post:operativa|Insatspersonal');
  t.is(amendedLine.column.kind, 'budget');
  t.deepEqual(partsOf(amendedLine), [['BudgetÄndrad', '2021-06-10', '25000.00']]);
  // Not the budget's business date, 1 January 2021, but the board's decision.
  const adoptedLine = await budgetOf('not2/post:administrativa|Lokaler');
  t.deepEqual(partsOf(adoptedLine), [['BudgetFastställd', '2020-11-24', '3000.00']]);
  // The utfall column: the costs alone, the budget decisions that only give the row are left out…
  const utfallOf = (row: string) =>
    replayRowExplanation(store.readStream(ledger.streamId), 2021, row, { column: 0 });
  const costs = await utfallOf('not2/post:operativa|Insatspersonal');
  t.deepEqual(
    costs.contributions.map((contribution) => contribution.eventType),
    ['KostnadBokförd', 'HändelseRättad', 'KostnadBokförd'],
  );
  // …unless nothing else is there: then they say where the row's zero comes from.
  const budgetOnly = await utfallOf('not2/post:administrativa|Lokaler');
  t.is(budgetOnly.amount?.toString(), '0.00');
  t.deepEqual(partsOf(budgetOnly), [['BudgetFastställd', '2020-11-24', '0.00']]);
});

test('an unknown statement, row or column is refused naming the field', async (t) => {
  const { store, ledger } = await drilldownScenario();
  const refusal = async (key: string, column?: number) =>
    t.throwsAsync(
      replayRowExplanation(
        store.readStream(ledger.streamId),
        2020,
        key,
        column === undefined ? {} : { column },
      ),
    );
  const unknownPart = await refusal('huvudbok/1930');
  t.is((unknownPart as { code?: string }).code, 'VALIDATION_FAILED');
  t.is((unknownPart as { issues?: { path: string }[] }).issues?.[0]?.path, 'row');
  const unknownRow = await refusal('balansräkning/finns-inte');
  t.regex(unknownRow!.message, /has no row balansräkning\/finns-inte/);
  const unknownColumn = await refusal('balansräkning/kassa-och-bank', 5);
  t.is((unknownColumn as { issues?: { path: string }[] }).issues?.[0]?.path, 'column');
});
