import Big from 'big.js';
import { checkArithmetic, type Term } from './checkArithmetic.js';
import { roundingInterval } from './Interval.js';
import type { PrintedFigure } from './PrintedFigure.js';
import type { PrintedColumn, PrintedRow } from './PrintedReport.js';
import type { ReconcileFinding } from './ReconcileFinding.js';

type FigureAt = (rowKey: string, columnKey: string) => PrintedFigure | undefined;

/** An empty cell in a sum counts as a printed, exact zero. */
const zeroAt = (figure: PrintedFigure, row: PrintedRow, column: PrintedColumn): PrintedFigure => ({
  ...figure,
  row,
  column,
  printed: '0',
  decimals: 0,
  value: new Big(0),
  interval: roundingInterval(new Big(0), new Big(0)),
});

/** Every printed total (`sumOf`) against the rows it adds up, column by column. */
function checkTotals(
  figures: readonly PrintedFigure[],
  rows: readonly PrintedRow[],
  figureAt: FigureAt,
): ReconcileFinding[] {
  return figures.flatMap((target) => {
    const sumOf = target.row.sumOf;
    if (sumOf === undefined) return [];
    const printedTerms = sumOf.filter((term) =>
      figureAt(term.replace(/^-/u, ''), target.column.key),
    );
    // A column whose rows print nothing (sub-lines without a budget) has no sum to check.
    if (printedTerms.length === 0) return [];
    const terms: Term[] = sumOf.map((term) => {
      const rowKey = term.replace(/^-/u, '');
      const row = rows.find((candidate) => candidate.key === rowKey)!;
      const figure = figureAt(rowKey, target.column.key) ?? zeroAt(target, row, target.column);
      return { figure, sign: term.startsWith('-') ? -1 : 1 };
    });
    const finding = checkArithmetic('summa', target, terms);
    return finding === undefined ? [] : [finding];
  });
}

/** Every avvikelse column against the difference of the two columns it is printed as. */
function checkDifferences(
  figures: readonly PrintedFigure[],
  figureAt: FigureAt,
): ReconcileFinding[] {
  return figures.flatMap((target) => {
    const differenceOf = target.column.differenceOf;
    if (differenceOf === undefined) return [];
    const minuend = figureAt(target.row.key, differenceOf[0]);
    const subtrahend = figureAt(target.row.key, differenceOf[1]);
    if (minuend === undefined || subtrahend === undefined) return [];
    const finding = checkArithmetic('avvikelse', target, [
      { figure: minuend, sign: 1 },
      { figure: subtrahend, sign: -1 },
    ]);
    return finding === undefined ? [] : [finding];
  });
}

/**
 * The statement's own arithmetic: each printed total against its rows (`sumOf`), each
 * avvikelse column against its `differenceOf`. `figures` are the statement's figures.
 */
export function checkStatementSums(
  figures: readonly PrintedFigure[],
  rows: readonly PrintedRow[],
): ReconcileFinding[] {
  const byCell = new Map(
    figures.map((figure) => [`${figure.row.key}\u0000${figure.column.key}`, figure]),
  );
  const figureAt: FigureAt = (rowKey, columnKey) => byCell.get(`${rowKey}\u0000${columnKey}`);
  return [...checkTotals(figures, rows, figureAt), ...checkDifferences(figures, figureAt)];
}
