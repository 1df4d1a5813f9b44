import { bookkeepingModule, type BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import { defaultChart, type Chart } from '../bookkeeping/ChartOfAccounts.js';
import { postEvents, type PostedEvent } from '../bookkeeping/postingFold.js';
import type { Verifikation } from '../bookkeeping/Verifikation.js';
import { assert } from '../error.js';
import type { DomainEvent } from '../ledger/EventCatalog.js';
import { Money } from '../money/Money.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import type { AnnualReportOptions } from '../statements/annualReport.js';
import {
  annualReportParts,
  statementOfPart,
  type AnnualReportInputs,
  type AnnualReportPart,
} from '../statements/annualReportParts.js';
import { ledgerTotalsProjection, type LedgerTotals } from '../statements/LedgerTotals.js';
import {
  openItemsAtYearEndProjection,
  type OpenItemsAtYearEnd,
} from '../statements/openItemsAtYearEnd.js';
import { decodeBookkeepingEvents } from '../statements/replayStatements.js';
import type { Statement, StatementColumn } from '../statements/Statement.js';
import type { VerifikationslistaKälla } from '../statements/Verifikationslista.js';
import {
  amountDifferences,
  cellsOf,
  foldPosted,
  type CellAmounts,
} from '../statements/cellAmounts.js';

/**
 * Where a part of a row's figure comes from: a verifikation's lines, an open item's
 * opening or settlement (Not 3 and Not 4 list items), or a figure an event states without
 * booking it (historical figures, a budget decision, personnel).
 */
export type ContributionSource = 'verifikation' | 'öppen post' | 'uppgift';

/** One part of a row's figure, and the event it came from. */
export interface RowContribution {
  readonly källa: ContributionSource;
  /** What it adds to the row's figure, in the row's sign convention. */
  readonly amount: Money;
  readonly eventId: string;
  readonly eventType: string;
  /** The event's `recordedAt`. */
  readonly recordedAt: string;
  /**
   * The verifikation's date; for a stated figure, the date it was decided where the event says
   * (a budget's `beslutsdatum`); else the event's business date.
   */
  readonly datum: string;
  readonly text: string;
  /**
   * The verifikation (source `verifikation`), or the event's verifikationer (`öppen post`); none
   * for a stated figure.
   */
  readonly verifikationer: readonly Verifikation[];
  /**
   * Where an imported verifikation was in the old system (its series, number, the file's SHA-256
   * and what the file says of its registration), so an auditor finds it there too.
   */
  readonly importeradFrån?: VerifikationslistaKälla;
}

/** One figure of a statement (a row in a column) with the parts that make it up. */
export interface CellExplanation {
  readonly part: AnnualReportPart;
  /** The statement's name as printed, e.g. `Balansräkning`. */
  readonly statement: string;
  readonly rowKey: string;
  readonly label: string;
  readonly columnIndex: number;
  readonly column: StatementColumn;
  /** The figure as the annual report shows it; `null` where the column has none. */
  readonly amount: Money | null;
  /**
   * In recorded order of their events; they add up to `amount` (asserted). An event that adds
   * nothing but the row itself (a budget line gives its Not 2 row a zero utfall) is listed only
   * when no event adds an amount, to say where the zero comes from.
   */
  readonly contributions: readonly RowContribution[];
}

/** Every figure of the statements asked for, explained. */
export interface ReportExplanation {
  readonly year: number;
  readonly statements: ReadonlyMap<AnnualReportPart, Statement>;
  /** `part/rowKey` → one explanation per column of the row's statement. */
  readonly rows: ReadonlyMap<string, readonly CellExplanation[]>;
}

/** Options of the drill-down: the annual report's, the chart, and which statements to explain. */
export interface ExplainOptions extends AnnualReportOptions {
  readonly chart?: Chart;
  /** The statements to explain (default: all of {@link annualReportParts}). */
  readonly parts?: readonly AnnualReportPart[];
}

/**
 * Replays a förbund's bookkeeping events and explains every figure of the statements of
 * `year`: each row in each column is listed as the verifikationer, open items and stated
 * figures (with their events) that make it up, and their sum is asserted equal to the row
 * as the annual report prints it (see {@link explainPostedEvents}).
 *
 * Memory: the posted events of the whole stream (the drill-down replays them several times).
 */
export async function replayReportExplanation(
  events: AsyncIterable<StoredEvent | DomainEvent> | Iterable<StoredEvent | DomainEvent>,
  year: number,
  options: ExplainOptions = {},
): Promise<ReportExplanation> {
  const chart = options.chart ?? defaultChart;
  const posted: PostedEvent<BookkeepingEvent>[] = [];
  const decoded = decodeBookkeepingEvents(events as AsyncIterable<StoredEvent>);
  for await (const event of postEvents(decoded, chart)) posted.push(event);
  return explainPostedEvents(posted, year, { ...options, chart });
}

/** What one explanation run works on. */
interface ExplainContext {
  readonly posted: readonly PostedEvent<BookkeepingEvent>[];
  readonly chart: Chart;
  readonly year: number;
  readonly options: AnnualReportOptions;
  readonly parts: readonly AnnualReportPart[];
  readonly emptyItems: OpenItemsAtYearEnd;
  /** `part/rowKey` → column → contributions with the index of their event. */
  readonly found: Map<string, { order: number; contribution: RowContribution }[][]>;
}

/**
 * Explains every figure of the statements of `year` from posted events (pure).
 *
 * Every statement is a linear function of the verifikationer's lines and of the open items'
 * amounts once the *structure* of the books is fixed: which years they cover, the opening
 * year, the closed years, and the figures events state without booking them (historical
 * figures, budgets, personnel); all but one rule of presentation, a VAT balance below zero
 * shown as a debt (`vatDebtAtEndOf`). So each verifikation's share of a row is what it changes
 * in the row when added, in recorded order, to the structure and the verifikationer before it:
 * for a linear row, the row computed from the structure plus that verifikation alone, minus
 * the row computed from the structure alone; for the VAT debt, the part of it the verifikation
 * opened or closed (a credit note after a full refund moves its VAT to övriga kortfristiga
 * skulder). Each event's open items are taken alone; and the structure's own
 * figures are taken apart by removing the events that state figures one at a time, in
 * recorded order (a later figure replaces an earlier one, so the one in force is credited).
 * The statements are computed by the same functions as the annual report, and the parts
 * are asserted to add up to each printed figure: a statement that stopped being linear, or
 * a figure from nowhere, fails loudly instead of explaining wrong.
 */
export function explainPostedEvents(
  posted: readonly PostedEvent<BookkeepingEvent>[],
  year: number,
  options: ExplainOptions = {},
): ReportExplanation {
  const chart = options.chart ?? defaultChart;
  const items = openItemsAtYearEndProjection(chart, year);
  const context: ExplainContext = {
    posted,
    chart,
    year,
    options,
    parts: options.parts ?? annualReportParts,
    emptyItems: items.result(items.init()),
    found: new Map(),
  };
  const structure = structureOf(context, new Set());
  const base = cellsOf(context.parts, inputsOf(context, structure, context.emptyItems));
  addVerifikationShares(context, base);
  addOpenItemShares(context, structure);
  addStatedFigures(context, base);
  const totals = foldPosted(ledgerTotalsProjection(chart), posted);
  const openItems = foldPosted(items, posted);
  return assembled(context, inputsOf(context, totals, openItems));
}

const inputsOf = (
  context: ExplainContext,
  totals: LedgerTotals,
  openItems: OpenItemsAtYearEnd,
): AnnualReportInputs => ({ totals, openItems, year: context.year, options: context.options });

/**
 * The totals of the books without a single line: every event applied with its verifikationer
 * emptied (so the years they cover stay covered), except the `excluded` ones.
 */
function structureOf(context: ExplainContext, excluded: ReadonlySet<string>): LedgerTotals {
  const emptied = context.posted
    .filter((posted) => !excluded.has(posted.event.eventId))
    .map((posted) => ({
      event: posted.event,
      verifikationer: posted.verifikationer.map((verifikation) => ({ ...verifikation, rader: [] })),
    }));
  return foldPosted(ledgerTotalsProjection(context.chart), emptied);
}

function record(
  context: ExplainContext,
  order: number,
  differences: Iterable<{ cell: string; column: number; amount: Money }>,
  contributionOf: (amount: Money) => RowContribution,
): void {
  for (const { cell, column, amount } of differences) {
    const columns = context.found.get(cell) ?? [];
    context.found.set(cell, columns);
    while (columns.length <= column) columns.push([]);
    columns[column]!.push({ order, contribution: contributionOf(amount) });
  }
}

const businessDateOf = (event: BookkeepingEvent): string =>
  bookkeepingModule(event.type).definition.businessDate(event.data);

/**
 * Each verifikation's share: what it changes in the rows when added to the structure and the
 * verifikationer recorded before it (for a linear row, the structure plus the verifikation alone,
 * minus the structure). The shares add up to the rows whatever the order: each is a step from
 * the last. The structure is built once more here, and grows by each verifikation.
 */
function addVerifikationShares(context: ExplainContext, base: CellAmounts): void {
  const projection = ledgerTotalsProjection(context.chart);
  const running = structureOf(context, new Set());
  let previous = base;
  context.posted.forEach((posted, order) => {
    for (const verifikation of posted.verifikationer) {
      // Closing entries are left out of every statement; a later year's lines reach no figure
      // of this report (the sum assertion would show it if they did).
      if (verifikation.bokslut !== undefined || verifikation.år > context.year) continue;
      projection.apply(running, { event: posted.event, verifikationer: [verifikation] });
      const cells = cellsOf(context.parts, inputsOf(context, running, context.emptyItems));
      const differences = amountDifferences(cells, previous, false);
      previous = cells;
      record(context, order, differences, (amount) => ({
        källa: 'verifikation',
        amount,
        ...eventFields(posted.event),
        datum: verifikation.datum,
        text: verifikation.text,
        verifikationer: [verifikation],
        ...(posted.event.type === 'VerifikationImporterad'
          ? { importeradFrån: posted.event.data.källa }
          : {}),
      }));
    }
  });
}

const eventFields = (event: BookkeepingEvent) => ({
  eventId: event.eventId,
  eventType: event.type,
  recordedAt: event.metadata.recordedAt,
});

/** Each event's open items at the year end, alone, as Not 3 and Not 4 list them. */
function addOpenItemShares(context: ExplainContext, structure: LedgerTotals): void {
  const parts = context.parts.filter((part) => part === 'not3' || part === 'not4');
  if (parts.length === 0) return;
  const base = cellsOf(parts, inputsOf(context, structure, context.emptyItems));
  const projection = openItemsAtYearEndProjection(context.chart, context.year);
  context.posted.forEach((posted, order) => {
    const items = foldPosted(projection, [posted]);
    if (items.items.length === 0) return;
    const cells = cellsOf(parts, inputsOf(context, structure, items));
    record(context, order, amountDifferences(cells, base, false), (amount) => ({
      källa: 'öppen post',
      amount,
      ...eventFields(posted.event),
      datum: businessDateOf(posted.event),
      text: items.items.map((item) => item.text).join('; '),
      verifikationer: posted.verifikationer,
    }));
  });
}

/** A stated figure's text: the event's own text, decision or source, else its type and year. */
function statedText(event: BookkeepingEvent): string {
  const data = event.data as { text?: unknown; beslut?: unknown; år?: unknown };
  if (typeof data.text === 'string') return data.text;
  if (typeof data.beslut === 'string') return data.beslut;
  return `${event.type}${typeof data.år === 'number' ? ` ${data.år}` : ''}`;
}

/**
 * When a stated figure was stated: a budget decision's `beslutsdatum` (its business date is
 * 1 January of the budget's year, which is not when the board decided it), else the event's
 * business date.
 */
function statedDate(event: BookkeepingEvent): string {
  const { beslutsdatum } = event.data as { beslutsdatum?: unknown };
  return typeof beslutsdatum === 'string' ? beslutsdatum : businessDateOf(event);
}

/**
 * The structure's own figures, taken apart: the events that book nothing (historical figures,
 * budgets, personnel) are removed one at a time in recorded order, each credited with what
 * its removal changes. Without them, no figure is left (asserted).
 */
function addStatedFigures(context: ExplainContext, base: CellAmounts): void {
  const excluded = new Set<string>();
  let previous = base;
  context.posted.forEach((posted, order) => {
    if (posted.verifikationer.length > 0) return;
    excluded.add(posted.event.eventId);
    const cells = cellsOf(
      context.parts,
      inputsOf(context, structureOf(context, excluded), context.emptyItems),
    );
    record(context, order, amountDifferences(previous, cells, true), (amount) => ({
      källa: 'uppgift',
      amount,
      ...eventFields(posted.event),
      datum: statedDate(posted.event),
      text: statedText(posted.event),
      verifikationer: [],
    }));
    previous = cells;
  });
  for (const [cell, amounts] of previous)
    for (const amount of amounts)
      assert(amount === null || amount.isZero(), 'every stated figure comes from an event', {
        cell,
        amount: amount?.toString(),
      });
}

/** The explanations, each asserted to add up to the figure the annual report prints. */
function assembled(context: ExplainContext, inputs: AnnualReportInputs): ReportExplanation {
  const statements = new Map<AnnualReportPart, Statement>();
  const rows = new Map<string, CellExplanation[]>();
  for (const part of context.parts) {
    const statement = statementOfPart(part, inputs);
    statements.set(part, statement);
    for (const row of statement.rows) {
      const cell = `${part}/${row.key}`;
      const found = context.found.get(cell) ?? [];
      context.found.delete(cell);
      rows.set(
        cell,
        statement.columns.map((column, columnIndex): CellExplanation => {
          const contributions = withoutPresenceOnly(
            (found[columnIndex] ?? [])
              .sort((left, right) => left.order - right.order)
              .map(({ contribution }) => contribution),
          );
          const amount = row.amounts[columnIndex] ?? null;
          assertAddsUp(cell, columnIndex, amount, contributions);
          return {
            part,
            statement: statement.name,
            rowKey: row.key,
            label: row.label,
            columnIndex,
            column,
            amount,
            contributions,
          };
        }),
      );
    }
  }
  // A row that only a part of the books shows (zero in the whole) must have parts adding to zero.
  for (const [cell, columns] of context.found)
    columns.forEach((found, columnIndex) =>
      assertAddsUp(
        cell,
        columnIndex,
        null,
        found.map(({ contribution }) => contribution),
      ),
    );
  return { year: context.year, statements, rows };
}

/** The contributions without those of zero, unless every one is zero. */
function withoutPresenceOnly(contributions: RowContribution[]): RowContribution[] {
  const amounts = contributions.filter((contribution) => !contribution.amount.isZero());
  return amounts.length === 0 ? contributions : amounts;
}

function assertAddsUp(
  cell: string,
  columnIndex: number,
  amount: Money | null,
  contributions: readonly RowContribution[],
): void {
  const sum = Money.sum(contributions.map((contribution) => contribution.amount));
  assert(sum.equals(amount ?? Money.zero), 'the parts of a row add up to the row', {
    cell,
    columnIndex,
    amount: amount?.toString() ?? null,
    sum: sum.toString(),
  });
}
