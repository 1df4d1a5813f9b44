import { figuresOfStatement, type PrintedFigure } from './PrintedFigure.js';
import type { PrintedReport, PrintedStatementName } from './PrintedReport.js';

/** Where a figure is looked up: statement, row key, the column's year and kind. */
export interface FigureAddress {
  readonly statement: PrintedStatementName;
  readonly row: string;
  readonly year: number;
  readonly kind?: 'utfall' | 'budget' | 'avvikelse';
}

/** The printed figures of one report and of the other reports given beside it. */
export interface FigureIndex {
  /** The report being checked. */
  readonly report: PrintedReport;
  /** Every figure of the report being checked. */
  readonly own: readonly PrintedFigure[];
  /**
   * The figure at `address`: the checked report's own, else the report of that year's,
   * else any other report's (the latest first).
   */
  readonly find: (address: FigureAddress) => PrintedFigure | undefined;
  /** The same figure in the report of its own year, when that is another given report. */
  readonly inReportOfItsYear: (address: FigureAddress) => PrintedFigure | undefined;
}

const addressKey = (address: FigureAddress): string =>
  `${address.statement}\u0000${address.row}\u0000${address.year}\u0000${address.kind ?? 'utfall'}`;

const figureKey = (figure: PrintedFigure): string =>
  addressKey({
    statement: figure.statement,
    row: figure.row.key,
    year: figure.column.år,
    kind: figure.column.kind,
  });

const figuresOfReport = (report: PrintedReport): PrintedFigure[] =>
  report.statements.flatMap((statement) => figuresOfStatement(report, statement));

const indexFigures = (figures: readonly PrintedFigure[]): Map<string, PrintedFigure> => {
  const index = new Map<string, PrintedFigure>();
  // The first figure at an address wins: a statement printed twice keeps its first print.
  for (const figure of figures)
    if (!index.has(figureKey(figure))) index.set(figureKey(figure), figure);
  return index;
};

/** Indexes `report` and the `others` (other years' reports of the same förbund). */
export function figureIndex(report: PrintedReport, others: readonly PrintedReport[]): FigureIndex {
  const own = figuresOfReport(report);
  const ownIndex = indexFigures(own);
  const otherIndexes = [...others]
    .sort((first, second) => second.år - first.år)
    .map((other) => ({ year: other.år, index: indexFigures(figuresOfReport(other)) }));
  const inReportOfItsYear = (address: FigureAddress) =>
    otherIndexes.find((other) => other.year === address.year)?.index.get(addressKey(address));
  return {
    report,
    own,
    inReportOfItsYear,
    find: (address) =>
      ownIndex.get(addressKey(address)) ??
      inReportOfItsYear(address) ??
      otherIndexes
        .map((other) => other.index.get(addressKey(address)))
        .find((figure) => figure !== undefined),
  };
}
