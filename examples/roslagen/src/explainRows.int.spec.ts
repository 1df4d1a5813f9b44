import test from 'ava';
import * as E from 'fp-ts/Either';
import {
  bookkeepingStreamId,
  Money,
  replayReportExplanation,
  type CellExplanation,
  type ReportExplanation,
} from '@finsam-ledger/core';
import { openRoslagenFileStore, roslagenFörbundId } from './roslagenStore.js';

// The drill-down on the whole Roslagen example: every figure of every statement and note of
// the 2020 and 2022 reports, in every column, is explained as the verifikationer, open items
// and stated figures behind it, and those parts add up to the figure the report prints.

async function replayed(year: number): Promise<ReportExplanation> {
  const opened = await openRoslagenFileStore();
  if (E.isLeft(opened)) throw opened.left;
  try {
    return await replayReportExplanation(
      opened.right.readStream(bookkeepingStreamId(roslagenFörbundId)),
      year,
    );
  } finally {
    await opened.right.close();
  }
}

// Each year is explained once and shared by the tests (a drill-down replays the books many times).
const explanations = new Map<number, Promise<ReportExplanation>>();
const explained = (year: number): Promise<ReportExplanation> => {
  const existing = explanations.get(year);
  if (existing !== undefined) return existing;
  const created = replayed(year);
  explanations.set(year, created);
  return created;
};

const sumOf = (cell: CellExplanation) =>
  Money.sum(cell.contributions.map((contribution) => contribution.amount));

const cellOf = (explanation: ReportExplanation, key: string, column = 0): CellExplanation => {
  const cell = explanation.rows.get(key)?.[column];
  if (cell === undefined) throw new TypeError(`no cell ${key}[${column}]`);
  return cell;
};

for (const year of [2020, 2022]) {
  test(`every row of every statement and note of ${year}, in every column, is the sum of its parts`, async (t) => {
    const explanation = await explained(year);
    t.is(explanation.statements.size, 9);
    let figures = 0;
    for (const [part, statement] of explanation.statements) {
      for (const row of statement.rows) {
        const cells = explanation.rows.get(`${part}/${row.key}`)!;
        t.is(cells.length, statement.columns.length);
        cells.forEach((cell, column) => {
          t.deepEqual(cell.amount, row.amounts[column] ?? null);
          const amount = row.amounts[column];
          if (amount === null || amount === undefined) {
            t.true(sumOf(cell).isZero(), `${part}/${row.key}[${column}] has no figure`);
            return;
          }
          figures += 1;
          t.is(sumOf(cell).toString(), amount.toString(), `${part}/${row.key}[${column}]`);
          // A figure that is not zero is made of something.
          if (!amount.isZero()) t.true(cell.contributions.length > 0);
        });
      }
    }
    t.true(figures > 200, `${figures} figures explained`);
  });
}

test('2020: leverantörsskulder is the opening balance, the payments and the year’s invoices; 2019 is the historical figures', async (t) => {
  const explanation = await explained(2020);
  const payables = cellOf(explanation, 'balansräkning/leverantörsskulder');
  t.is(payables.amount?.toString(), '629950.00');
  t.is(payables.contributions[0]!.eventType, 'IngåendeBalansRegistrerad');
  t.is(payables.contributions[0]!.amount.toString(), '1008770.00');
  t.true(payables.contributions.every((contribution) => contribution.källa === 'verifikation'));
  t.true(
    payables.contributions.some((contribution) => contribution.eventType === 'KostnadBokförd'),
  );
  const before = cellOf(explanation, 'balansräkning/leverantörsskulder', 1);
  t.is(before.column.source, 'historiska uppgifter');
  t.deepEqual(
    before.contributions.map((contribution) => [
      contribution.källa,
      contribution.eventType,
      contribution.amount.toString(),
    ]),
    [['uppgift', 'HistoriskaÅrsuppgifterRegistrerade', '1008770.00']],
  );
  // The budget column of the driftredovisning is explained by the budget decisions in force.
  const budget = cellOf(explanation, 'driftredovisning/nettokostnad', 1);
  t.true(budget.contributions.length > 0);
  t.true(budget.contributions.every((contribution) => contribution.eventType.startsWith('Budget')));
});

test('2022: the 16 tkr equity correction is among the parts of övrigt eget kapital 2021', async (t) => {
  const explanation = await explained(2022);
  const equity2021 = cellOf(explanation, 'balansräkning/övrigt-eget-kapital', 1);
  t.is(equity2021.amount?.toString(), '3525284.00');
  const correction = equity2021.contributions.filter(
    (contribution) => contribution.eventType === 'EgetKapitalRättat',
  );
  t.is(correction.length, 1);
  t.is(correction[0]!.amount.toString(), '-16000.00');
  t.is(correction[0]!.verifikationer[0]!.år, 2021);
  // Not 4 lists open items: each item row is made of the events that opened and settled it.
  const not4 = explanation.statements.get('not4')!;
  const item = not4.rows.find((row) => row.key.startsWith('post:'))!;
  const itemCell = cellOf(explanation, `not4/${item.key}`);
  t.true(itemCell.contributions.every((contribution) => contribution.källa === 'öppen post'));
});
