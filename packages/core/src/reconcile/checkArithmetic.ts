import Big from 'big.js';
import { kronorPerUnit } from '../money/formatMoney.js';
import { addIntervals, intervalsOverlap, negateInterval, type Interval } from './Interval.js';
import { formatFigure, quoteFigure, type PrintedFigure } from './PrintedFigure.js';
import type { PrintedStatementName } from './PrintedReport.js';
import type { ReconcileCheck, ReconcileFinding } from './ReconcileFinding.js';

/** The statements' names as the findings print them. */
export const statementTitles: Readonly<Record<PrintedStatementName, string>> = {
  resultaträkning: 'Resultaträkning',
  balansräkning: 'Balansräkning',
  kassaflödesanalys: 'Kassaflödesanalys',
  driftredovisning: 'Driftredovisning',
  not1: 'Not 1',
  not2: 'Not 2',
  not3: 'Not 3',
  not4: 'Not 4',
  flerårsöversikt: 'Flerårsöversikt',
};

/** One term of a printed figure's arithmetic: a figure, added or subtracted. */
export interface Term {
  readonly figure: PrintedFigure;
  readonly sign: 1 | -1;
}

/** A term named as much as it needs beside the target: statement, column, report. */
function termLabel(term: PrintedFigure, target: PrintedFigure): string {
  const parts = [
    ...(term.statement === target.statement ? [] : [statementTitles[term.statement]]),
    term.row.label,
    ...(term.column.key === target.column.key && term.column.år === target.column.år
      ? []
      : [`[${term.column.label}]`]),
    ...(term.reportYear === target.reportYear ? [] : [`(årsredovisning ${term.reportYear})`]),
  ];
  return `${parts.join(' ')} ${quoteFigure(term)}`;
}

const sameUnit = (figures: readonly PrintedFigure[]) =>
  figures.every(
    (figure) => figure.unit === figures[0]!.unit && figure.decimals === figures[0]!.decimals,
  );

/** The decimals kronor need to show every term exactly: `434,4 tkr` needs none. */
const kronorDecimals = (terms: readonly Term[]): number =>
  Math.max(
    0,
    ...terms.map(
      ({ figure }) =>
        figure.decimals -
        (figure.unit === 'årsarbetare' ? 0 : Math.log10(kronorPerUnit[figure.unit])),
    ),
  );

/** How far apart the exact amounts a figure (or a sum) can stand for lie. */
const width = (interval: Interval): Big => interval.upper.minus(interval.lower);

/** The arithmetic as text: every term with its figure, the exact result and its rounding. */
function arithmeticText(target: PrintedFigure, terms: readonly Term[], exact: Big): string {
  const first = terms[0]!;
  const sum = terms
    .map((term, index) => {
      const label = termLabel(term.figure, target);
      if (index === 0) return term.sign === 1 ? label : `−${label}`;
      return `${term.sign === 1 ? '+' : '−'} ${label}`;
    })
    .join(' ');
  const allSame = sameUnit(terms.map((term) => term.figure));
  const unit = allSame ? first.figure.unit : 'kr';
  const decimals = allSame ? first.figure.decimals : kronorDecimals(terms);
  const result = `${formatFigure(exact, unit, decimals)} ${unit}`;
  const rounded = `${formatFigure(exact, target.unit, target.decimals)} ${target.unit}`;
  const resultText =
    unit === target.unit && decimals === target.decimals ? result : `${result} → ${rounded}`;
  return `${sum} = ${resultText}, printed ${quoteFigure(target)}`;
}

const roundsTo = (exact: Big, target: PrintedFigure): boolean =>
  formatFigure(exact, target.unit, target.decimals) ===
  formatFigure(target.value, target.unit, target.decimals);

/**
 * Checks that `target` is the sum of `terms`. Printed figures that add up exactly pass; a
 * difference that rounding of the printed figures explains is an `avrundning`, any other an
 * `avvikelse`. Terms printed more finely than the target (kr against tkr) pass when their
 * exact sum rounds to the printed target.
 */
export function checkArithmetic(
  check: ReconcileCheck,
  target: PrintedFigure,
  terms: readonly Term[],
): ReconcileFinding | undefined {
  if (terms.length === 0) return undefined;
  const exact = terms.reduce(
    (sum, term) => (term.sign === 1 ? sum.plus(term.figure.value) : sum.minus(term.figure.value)),
    new Big(0),
  );
  if (exact.eq(target.value)) return undefined;
  const interval = addIntervals(
    terms.map((term) =>
      term.sign === 1 ? term.figure.interval : negateInterval(term.figure.interval),
    ),
  );
  const overlap = intervalsOverlap(interval, target.interval);
  // Finer figures whose sum rounds to the printed one are what rounding means (kr to tkr).
  const finer = width(interval).lt(width(target.interval));
  // One figure printed at another precision that can be the same amount is no difference.
  if (overlap && (terms.length === 1 || (finer && roundsTo(exact, target)))) return undefined;
  return {
    check,
    severity: overlap ? 'avrundning' : 'avvikelse',
    report: target.reportYear,
    statement: target.statement,
    rowKey: target.row.key,
    row: target.row.label,
    column: target.column.label,
    printed: quoteFigure(target),
    expected: `${formatFigure(exact, target.unit, target.decimals)} ${target.unit}`,
    arithmetic: arithmeticText(target, terms, exact),
  };
}
