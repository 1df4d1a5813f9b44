import type { Money } from '../money/Money.js';
import { columnSourceOf, type SourcedFigures } from './fromBooksOrHistory.js';
import type { Statement, StatementRow } from './Statement.js';

/**
 * One row of a statement with a comparison year: what it shows and how to read it from a column's
 * figures.
 */
export interface ComparisonRow<Figures> {
  readonly key: string;
  readonly label: string;
  readonly kind: StatementRow['kind'];
  /** The row's figure in a column; none for a heading. */
  readonly pick?: (figures: Figures) => Money;
  /** The note (Not) that details the row. */
  readonly note?: number;
  /** Left out when zero in both columns (rows the seeds print only when they have figures). */
  readonly optional?: boolean;
}

/**
 * A statement of `year` with `year − 1` as comparison, columns headed `YYYY-12-31`: each
 * column's figures read by `columnOf` (from the books or from history, see
 * {@link fromBooksOrHistory}), each row's amounts picked from them, `null` where a column
 * has no figures. The resultaträkning, balansräkning and kassaflödesanalys share it.
 */
export function comparisonStatement<Figures>(
  name: string,
  year: number,
  columnOf: (year: number) => SourcedFigures<Figures> | undefined,
  rows: readonly ComparisonRow<Figures>[],
): Statement {
  const columns = [year, year - 1].map((columnYear) => ({
    columnYear,
    figures: columnOf(columnYear),
  }));
  const amountsOf = (pick: ComparisonRow<Figures>['pick']) =>
    columns.map(({ figures }) =>
      figures === undefined || pick === undefined ? null : pick(figures),
    );
  const isShown = ({ pick, optional }: ComparisonRow<Figures>) =>
    optional !== true || amountsOf(pick).some((amount) => amount !== null && !amount.isZero());
  return {
    name,
    year,
    columns: columns.map(({ columnYear, figures }) => ({
      year: columnYear,
      label: `${columnYear}-12-31`,
      source: columnSourceOf(figures),
    })),
    rows: rows.filter(isShown).map(({ key, label, kind, pick, note }): StatementRow => ({
      key,
      label,
      kind,
      ...(note === undefined ? {} : { note }),
      amounts: amountsOf(pick),
    })),
  };
}
