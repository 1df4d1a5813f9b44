import Big from 'big.js';
import type { Money } from '../money/Money.js';
import type { AnnualReport } from '../statements/annualReport.js';
import type { Statement, StatementRow } from '../statements/Statement.js';
import {
  figuresOfStatement,
  formatFigure,
  quoteFigure,
  type PrintedFigure,
} from './PrintedFigure.js';
import type { PrintedColumn, PrintedReport, PrintedStatement } from './PrintedReport.js';
import type { ReconcileFinding } from './ReconcileFinding.js';

const normalisedLabel = (label: string): string =>
  label
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The ledger's row for a printed row: by `ledgerRow`, by key, else by the one same label. */
export function ledgerRowFor(statement: Statement, row: PrintedStatement['rows'][number]) {
  const byKey = statement.rows.find((candidate) => candidate.key === (row.ledgerRow ?? row.key));
  if (byKey !== undefined || row.ledgerRow !== undefined) return byKey;
  const byLabel = statement.rows.filter(
    (candidate) =>
      candidate.kind !== 'heading' &&
      normalisedLabel(candidate.label) === normalisedLabel(row.label),
  );
  return byLabel.length === 1 ? byLabel[0] : undefined;
}

const columnKindOf = (kind: Statement['columns'][number]['kind']) =>
  kind === 'budget' || kind === 'avvikelse' ? kind : 'utfall';

/** The ledger's exact amount for a printed column of a row; an avvikelse from its parts. */
function ledgerAmount(
  statement: Statement,
  ledgerRow: StatementRow,
  printed: PrintedStatement,
  column: PrintedColumn,
): { amount: Money | null; how: string } | undefined {
  const at = (wanted: PrintedColumn) => {
    const index = statement.columns.findIndex(
      (candidate) => candidate.year === wanted.år && columnKindOf(candidate.kind) === wanted.kind,
    );
    return index === -1 ? undefined : (ledgerRow.amounts[index] ?? null);
  };
  if (column.differenceOf === undefined) {
    const amount = at(column);
    return amount === undefined ? undefined : { amount, how: `ledger ${ledgerRow.key}` };
  }
  const [first, second] = column.differenceOf.map((key) =>
    printed.columns.find((candidate) => candidate.key === key)!,
  ) as [PrintedColumn, PrintedColumn];
  const minuend = at(first);
  const subtrahend = at(second);
  if (minuend === undefined || subtrahend === undefined) return undefined;
  if (minuend === null || subtrahend === null) return { amount: null, how: '' };
  return {
    amount: minuend.minus(subtrahend),
    how: `ledger ${ledgerRow.key} ${first.label} ${minuend.toString()} − ${second.label} ${subtrahend.toString()}`,
  };
}

/** The finding for one printed figure against the ledger's exact amount, if they differ. */
function compareFigure(
  figure: PrintedFigure,
  amount: Money,
  how: string,
): ReconcileFinding | undefined {
  const base = {
    check: 'bokföring' as const,
    severity: 'avvikelse' as const,
    report: figure.reportYear,
    statement: figure.statement,
    rowKey: figure.row.key,
    row: figure.row.label,
    column: figure.column.label,
    printed: quoteFigure(figure),
  };
  const exact = new Big(amount.toString());
  const rounded = formatFigure(exact, figure.unit, figure.decimals);
  if (rounded === formatFigure(figure.value, figure.unit, figure.decimals)) return undefined;
  return {
    ...base,
    expected: `${rounded} ${figure.unit}`,
    arithmetic: `${how} = ${formatFigure(exact, 'kr', 2)} kr → ${rounded} ${figure.unit} (half away from zero), printed ${quoteFigure(figure)}`,
  };
}

/** Counts what the ledger comparison could not match, for the summary. */
export interface LedgerComparison {
  readonly findings: ReconcileFinding[];
  /** Printed figures with no ledger row or column to compare with. */
  readonly uncompared: number;
  readonly compared: number;
}

/**
 * Every printed figure against the ledger's annual report of the same year: rounded half
 * away from zero to the printed unit and digits, the two must be equal.
 */
export function compareWithLedger(printed: PrintedReport, ledger: AnnualReport): LedgerComparison {
  let compared = 0;
  let uncompared = 0;
  const findings = printed.statements.flatMap((statement) => {
    const ledgerStatement = ledger[statement.statement];
    return figuresOfStatement(printed, statement).flatMap((figure) => {
      const ledgerRow = ledgerRowFor(ledgerStatement, figure.row);
      const found = ledgerRow && ledgerAmount(ledgerStatement, ledgerRow, statement, figure.column);
      // The ledger without a figure there (a year before its books) is not compared.
      if (found === undefined || found.amount === null) {
        uncompared += 1;
        return [];
      }
      compared += 1;
      const finding = compareFigure(figure, found.amount, found.how);
      return finding === undefined ? [] : [finding];
    });
  });
  return { findings, compared, uncompared };
}
