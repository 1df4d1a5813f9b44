import { bookkeepingModule, type BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import type { Chart } from '../bookkeeping/ChartOfAccounts.js';
import type { PostedEvent } from '../bookkeeping/postingFold.js';
import { verifikationsnummer } from '../bookkeeping/Verifikation.js';
import { Money } from '../money/Money.js';
import type { Projection } from '../projections/Projection.js';
import type { AnnualReport, AnnualReportOptions } from './annualReport.js';
import {
  annualReportParts,
  type AnnualReportInputs,
  type AnnualReportPart,
} from './annualReportParts.js';
import { ledgerTotalsProjection, type LedgerTotals } from './LedgerTotals.js';
import {
  openItemsAtYearEndProjection,
  type OpenItemAtYearEnd,
  type OpenItemsAtYearEnd,
} from './openItemsAtYearEnd.js';
import type { StatementCell, StatementColumn, StatementFootnote } from './Statement.js';
import {
  amountDifferences,
  cellsOf,
  foldPosted,
  negatedVerifikation,
  type CellAmounts,
} from './cellAmounts.js';

/** How a footnote names each correction event type, in the report's Swedish. */
const correctionLabels: Readonly<Record<string, string>> = {
  HändelseRättad: 'Rättelse',
  EgetKapitalRättat: 'Rättelse av eget kapital',
};

/** The event types whose figures a printed statement footnotes as corrections. */
export const correctionEventTypes: ReadonlySet<string> = new Set(Object.keys(correctionLabels));

/** `text` ending in one full stop (a verifikation's text may end in one already). */
const sentence = (text: string): string => (/[.!?]$/u.test(text) ? text : `${text}.`);

/** ` Källa: …` from a historical-figures event, where it states its source. */
const källaOf = (event: BookkeepingEvent): string =>
  event.type === 'HistoriskaÅrsuppgifterRegistrerade'
    ? ` Källa: ${sentence(event.data.källa)}`
    : '';

/** What a report footnotes: every correction, and the historical figures in force per year. */
export interface FootnoteEvents {
  readonly corrections: readonly PostedEvent<BookkeepingEvent>[];
  /** Year → the latest `HistoriskaÅrsuppgifterRegistrerade` for it (the one the statements use). */
  readonly historical: ReadonlyMap<number, BookkeepingEvent>;
}

/**
 * Gathers the events a report footnotes, in one pass with the totals. Memory: the corrections
 * (rare by nature) and one event per historical year.
 */
export const footnoteEventsProjection = (): Projection<
  PostedEvent<BookkeepingEvent>,
  { corrections: PostedEvent<BookkeepingEvent>[]; historical: Map<number, BookkeepingEvent> },
  FootnoteEvents
> => ({
  name: 'footnoteEvents',
  init: () => ({ corrections: [], historical: new Map() }),
  apply(state, posted) {
    if (correctionEventTypes.has(posted.event.type)) state.corrections.push(posted);
    if (posted.event.type === 'HistoriskaÅrsuppgifterRegistrerade')
      state.historical.set(posted.event.data.år, posted.event);
    return state;
  },
  result: (state) => state,
});

/** A footnote before it is numbered per statement: its event, its text and the cells it touches. */
interface FootnoteDraft {
  readonly kind: StatementFootnote['kind'];
  readonly event: BookkeepingEvent;
  readonly text: string;
  readonly cells: CellAmounts;
  /**
   * The column years it is marked in: a correction only in the years it is booked in (a
   * balance carries it on, but the figures it corrected are that year's); all when undefined.
   */
  readonly years?: ReadonlySet<number>;
}

const businessDateOf = (event: BookkeepingEvent): string =>
  bookkeepingModule(event.type).definition.businessDate(event.data);

/** The open items with one event's items taken out, item by item (the projection is additive). */
function withoutItemsOf(
  openItems: OpenItemsAtYearEnd,
  own: OpenItemsAtYearEnd,
): OpenItemsAtYearEnd {
  const remaining = new Map<string, OpenItemAtYearEnd>(
    openItems.items.map((item) => [item.postId, item]),
  );
  for (const item of own.items) {
    const existing = remaining.get(item.postId);
    const öppetBelopp = (existing?.öppetBelopp ?? Money.zero).minus(item.öppetBelopp);
    remaining.set(item.postId, { ...(existing ?? item), öppetBelopp });
  }
  return {
    ...openItems,
    items: [...remaining.values()].filter((item) => !item.öppetBelopp.isZero()),
  };
}

/**
 * The figures a correction touches: the report as it is, minus the report without the
 * correction's verifikationer and open items (computed on the same totals, taken out and put
 * back).
 */
function correctionDraft(
  chart: Chart,
  inputs: AnnualReportInputs,
  full: CellAmounts,
  posted: PostedEvent<BookkeepingEvent>,
): FootnoteDraft {
  const projection = ledgerTotalsProjection(chart);
  const counted = posted.verifikationer.filter(
    (verifikation) => verifikation.bokslut === undefined && verifikation.år <= inputs.year,
  );
  for (const verifikation of counted)
    projection.apply(inputs.totals, {
      event: posted.event,
      verifikationer: [negatedVerifikation(verifikation)],
    });
  const own = foldPosted(openItemsAtYearEndProjection(chart, inputs.year), [posted]);
  const without = cellsOf(annualReportParts, {
    ...inputs,
    openItems: withoutItemsOf(inputs.openItems, own),
  });
  for (const verifikation of counted)
    projection.apply(inputs.totals, { event: posted.event, verifikationer: [verifikation] });
  const numbers = posted.verifikationer.map(verifikationsnummer).join(', ');
  const what = posted.verifikationer[0]?.text ?? posted.event.type;
  return {
    kind: 'rättelse',
    event: posted.event,
    // The board reads this: the verifikation number is the trace (finsam verifikationer lists
    // the event behind it); the event's type and id are in the footnote's data.
    text: `${correctionLabels[posted.event.type]!} ${businessDateOf(posted.event)}${numbers === '' ? '' : `, verifikation ${numbers}`}: ${sentence(what)}`,
    cells: touched(full, without, false),
    years: new Set(counted.map((verifikation) => verifikation.år)),
  };
}

/**
 * The figures that come from a year's historical figures: the report as it is, minus the
 * report without them (the totals' entry taken out and put back).
 */
function historyDraft(
  inputs: AnnualReportInputs,
  full: CellAmounts,
  year: number,
  event: BookkeepingEvent,
): FootnoteDraft {
  const historical = inputs.totals.historical;
  const figures = historical.get(year)!;
  historical.delete(year);
  const without = cellsOf(annualReportParts, inputs);
  historical.set(year, figures);
  return {
    kind: 'historiska uppgifter',
    event,
    text: `Historiska uppgifter för ${year}, inte bokföring.${källaOf(event)}`,
    cells: touched(full, without, true),
  };
}

/** The cells that differ, as amounts by cell (the amount is not used, only which cells). */
function touched(full: CellAmounts, without: CellAmounts, countPresence: boolean): CellAmounts {
  const cells = new Map<string, (Money | null)[]>();
  for (const { cell, column, amount } of amountDifferences(full, without, countPresence)) {
    const columns = cells.get(cell) ?? [];
    columns[column] = amount;
    cells.set(cell, columns);
  }
  return cells;
}

/**
 * The annual report with footnotes where its figures are not plain bookings: every figure a
 * correction (`HändelseRättad`, `EgetKapitalRättat`) changes in a column of the year it is
 * booked in, and every figure taken from
 * historical figures (`HistoriskaÅrsuppgifterRegistrerade`), is listed under a footnote
 * naming the event, numbered per statement in the events' recorded order. The totals are
 * changed while it works and restored before it returns. Cost: one computation of the
 * statements per correction and per historical year.
 */
export function withFootnotes(
  report: AnnualReport,
  totals: LedgerTotals,
  openItems: OpenItemsAtYearEnd,
  events: FootnoteEvents,
  options: AnnualReportOptions = {},
): AnnualReport {
  const inputs: AnnualReportInputs = { totals, openItems, year: report.år, options };
  const full = cellsOf(annualReportParts, inputs);
  const drafts = [
    ...[...events.historical]
      .sort(([left], [right]) => left - right)
      .map(([year, event]) => historyDraft(inputs, full, year, event)),
    ...events.corrections.map((posted) => correctionDraft(totals.chart, inputs, full, posted)),
  ];
  const annotated: Record<string, unknown> = { ...report };
  for (const part of annualReportParts) {
    const footnotes = footnotesOf(part, report[part].columns, drafts);
    if (footnotes.length > 0) annotated[part] = { ...report[part], footnotes };
  }
  return annotated as unknown as AnnualReport;
}

/** The footnotes of one statement, numbered from 1, each with the cells of it that it touches. */
function footnotesOf(
  part: AnnualReportPart,
  columns: readonly StatementColumn[],
  drafts: readonly FootnoteDraft[],
): StatementFootnote[] {
  const prefix = `${part}/`;
  const footnotes: StatementFootnote[] = [];
  for (const draft of drafts) {
    const cells: StatementCell[] = [];
    for (const [cell, amounts] of draft.cells) {
      if (!cell.startsWith(prefix)) continue;
      amounts.forEach((amount, column) => {
        const year = columns[column]?.year;
        const marked = draft.years === undefined || (year !== undefined && draft.years.has(year));
        if (amount !== undefined && marked) cells.push({ row: cell.slice(prefix.length), column });
      });
    }
    if (cells.length === 0) continue;
    footnotes.push({
      number: footnotes.length + 1,
      kind: draft.kind,
      eventId: draft.event.eventId,
      eventType: draft.event.type,
      datum: businessDateOf(draft.event),
      text: draft.text,
      cells,
    });
  }
  return footnotes;
}
