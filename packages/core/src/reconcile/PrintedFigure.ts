import Big from 'big.js';
import { kronorPerUnit, type MoneyUnit } from '../money/formatMoney.js';
import { roundingInterval, type Interval } from './Interval.js';
import type {
  PrintedColumn,
  PrintedReport,
  PrintedRow,
  PrintedStatement,
  PrintedStatementName,
} from './PrintedReport.js';

/** What a printed figure counts: kronor in a unit, or full-time equivalents. */
export type FigureUnit = MoneyUnit | 'årsarbetare';

/** One printed figure with where it stands and the exact amounts it can stand for. */
export interface PrintedFigure {
  /** The year of the report it is printed in. */
  readonly reportYear: number;
  readonly statement: PrintedStatementName;
  readonly row: PrintedRow;
  readonly column: PrintedColumn;
  /** As printed, e.g. `"- 8 994 844"`. */
  readonly printed: string;
  readonly unit: FigureUnit;
  readonly decimals: number;
  /** The printed value in kronor (or årsarbetare): `-8994844`. */
  readonly value: Big;
  /** The exact amounts it can stand for, given the statement's rounding. */
  readonly interval: Interval;
}

/** The printed figure as a decimal number in its own unit: `"- 8 994 844"` → `-8994844`. */
export function printedNumber(printed: string): { value: Big; decimals: number } {
  const normalised = printed
    .replace(/^[-–−] ?/u, '-')
    .replace(/[  ]/gu, '')
    .replace(',', '.');
  const decimals = normalised.includes('.') ? normalised.split('.')[1]!.length : 0;
  return { value: new Big(normalised), decimals };
}

const unitOf = (report: PrintedReport, statement: PrintedStatement, row: PrintedRow): FigureUnit =>
  row.enhet ?? statement.enhet ?? report.enhet;

/** Every figure of a statement, row by row, column by column; empty cells left out. */
export function figuresOfStatement(
  report: PrintedReport,
  statement: PrintedStatement,
): PrintedFigure[] {
  const moneyUnit = statement.enhet ?? report.enhet;
  const rounded =
    (statement.avrundning ?? (moneyUnit === 'kr' ? 'exakt' : 'halv-enhet')) !== 'exakt';
  return statement.rows.flatMap((row) =>
    statement.columns.flatMap((column, index) => {
      const printed = row.amounts[index];
      if (printed === null || printed === undefined) return [];
      const unit = unitOf(report, statement, row);
      const { value: number, decimals } = printedNumber(printed);
      const scale = unit === 'årsarbetare' ? 1 : kronorPerUnit[unit];
      const value = number.times(scale);
      const half = rounded ? new Big(scale).div(new Big(10).pow(decimals)).div(2) : new Big(0);
      return [
        {
          reportYear: report.år,
          statement: statement.statement,
          row,
          column,
          printed,
          unit,
          decimals,
          value,
          interval: roundingInterval(value, half),
        },
      ];
    }),
  );
}

/** Formats an amount in kronor in `unit` with `decimals`, the Swedish way: `-8 994 844`. */
export function formatFigure(valueKronor: Big, unit: FigureUnit, decimals: number): string {
  const scale = unit === 'årsarbetare' ? 1 : kronorPerUnit[unit];
  const text = valueKronor.div(scale).toFixed(decimals, Big.roundHalfUp);
  const negative = text.startsWith('-') && !/^-0(?:\.0*)?$/u.test(text);
  const [integerPart, fractionPart] = text.replace(/^-/u, '').split('.') as [string, string?];
  const grouped = integerPart.replace(/\B(?=(\d{3})+(?!\d))/gu, ' ');
  return `${negative ? '-' : ''}${grouped}${fractionPart === undefined ? '' : `,${fractionPart}`}`;
}

/** A figure as the findings quote it: its value the Swedish way and its unit, `566 tkr`. */
export const quoteFigure = (figure: PrintedFigure): string =>
  `${formatFigure(figure.value, figure.unit, figure.decimals)} ${figure.unit}`;
