import { coversYear, type HistoricalFigures, type LedgerTotals } from './LedgerTotals.js';
import type { ColumnSource } from './Statement.js';

/** A column's figures with where they come from: the books or the historical figures. */
export type SourcedFigures<Figures> = Figures & {
  readonly source: Exclude<ColumnSource, 'saknas'>;
};

/** How one statement reads its figures of a year from each source. */
export interface FigureSources<Figures> {
  /** The year's figures from the books (the year is one the books cover). */
  readonly books: () => Figures;
  /** The year's figures from its historical figures, or `undefined` where they do not give them. */
  readonly history: (historical: HistoricalFigures) => Figures | undefined;
}

/**
 * The figures of one column of a statement for `year`, chosen the same way in every
 * statement: from the books when they cover the year, else from the historical figures
 * registered for it (`HistoriskaÅrsuppgifterRegistrerade`), else `undefined`, a column
 * the statement prints as `saknas`. A year the books cover never falls back on history:
 * a year with nothing booked has zero figures, not last report's.
 */
export function fromBooksOrHistory<Figures>(
  totals: LedgerTotals,
  year: number,
  sources: FigureSources<Figures>,
): SourcedFigures<Figures> | undefined {
  if (coversYear(totals, year)) return { ...sources.books(), source: 'bokföring' };
  const historical = totals.historical.get(year);
  const figures = historical === undefined ? undefined : sources.history(historical);
  return figures === undefined ? undefined : { ...figures, source: 'historiska uppgifter' };
}

/** The source a column prints: its figures' source, or `saknas` when it has none. */
export const columnSourceOf = (
  figures: { readonly source: ColumnSource } | undefined,
): ColumnSource => figures?.source ?? 'saknas';

/**
 * True when a column's figures come from the historical figures (so its notes say what is not
 * known).
 */
export const isFromHistory = (figures: { readonly source: ColumnSource } | undefined): boolean =>
  figures?.source === 'historiska uppgifter';
