import { områden, områdeNames, type StatementLine } from '../bookkeeping/ChartOfAccounts.js';
import type { OpenItemKind } from '../bookkeeping/OpenItem.js';
import { assert, ledgerError } from '../error.js';
import { kronorText as kr } from './kronorText.js';
import { Money } from '../money/Money.js';
import { balanceColumn, type BalanceColumn } from './Balansräkning.js';
import { columnSourceOf } from './fromBooksOrHistory.js';
import type { LedgerTotals } from './LedgerTotals.js';
import type { OpenItemAtYearEnd, OpenItemsAtYearEnd } from './openItemsAtYearEnd.js';
import type { Statement, StatementRow } from './Statement.js';

/**
 * Internal: what Not 3 and Not 4 share. Each note lists balansräkning lines; each line is a
 * group of rows: a heading, the open items of the line item by item (optionally under a
 * heading per område), any extra rows (the VAT receivable), a row for what the items do
 * not explain, and the line's total, which equals the balansräkning's line (asserted).
 */

/** One balansräkning line of a note. */
export interface NoteLine {
  readonly line: StatementLine;
  /** The heading as the reports print it, e.g. `Leverantörsskulder`. */
  readonly label: string;
  /**
   * The balansräkning's figure for the line (assets debet positive, liabilities credit positive).
   */
  readonly pick: (column: BalanceColumn) => Money;
  /** Group the items under a heading per område (when at least one item has one). */
  readonly byOmråde?: boolean;
  /**
   * Kinds of open item listed under a heading of their own after the line's other items (the
   * förutbetalda intäkter among the upplupna kostnader), each with the heading's key and label.
   */
  readonly ownHeadings?: readonly {
    readonly slag: OpenItemKind;
    readonly key: string;
    readonly label: string;
  }[];
  /** Rows that explain part of the line without being open items (the VAT receivable). */
  readonly extraRows?: (
    totals: LedgerTotals,
    year: number,
  ) => readonly { key: string; label: string; amount: Money }[];
}

/** The label and key of the row that holds what the items do not explain. */
export const unexplainedLabel = 'Övrigt (utan specifikation)';

const noteRow = (
  key: string,
  label: string,
  kind: StatementRow['kind'],
  amount: Money | null,
  level?: 2,
): StatementRow => ({
  key,
  label,
  kind,
  ...(level === undefined ? {} : { level }),
  amounts: [amount],
});

/**
 * Builds a note (Not 3 or Not 4) of `year` from the balansräkning's lines and the open items at the
 * year end.
 */
export function openItemNote(
  name: string,
  totals: LedgerTotals,
  openItems: OpenItemsAtYearEnd,
  year: number,
  lines: readonly NoteLine[],
): Statement {
  // The open items are the caller's argument: those of another year are their mistake.
  if (openItems.year !== year) {
    const message = `${name} of ${year} needs the open items at the end of ${year}`;
    throw ledgerError('VALIDATION_FAILED', message, {
      issues: [{ path: 'openItems.year', rule: 'same-year', message: `must be ${year}` }],
      details: { year, openItemsYear: openItems.year },
    });
  }
  const balance = balanceColumn(totals, year);
  const columns = [{ year, label: `${year}-12-31`, source: columnSourceOf(balance) }];
  if (!balance)
    return {
      name,
      year,
      columns,
      rows: [],
      notes: [`${year} finns varken i bokföringen eller bland de historiska uppgifterna.`],
    };
  // Only the books have open items: a year from the historical figures shows the lines' totals.
  const fromBooks = balance.source === 'bokföring';
  const context: NoteContext = { name, totals, openItems, year, balance, fromBooks };
  const parts = lines.map((noteLine) => noteLineRows(context, noteLine));
  const notes = [
    ...(fromBooks
      ? []
      : [
          `${year} är före bokföringens första år: beloppen är balansräkningens enligt historiska uppgifter, utan specifikation per post.`,
        ]),
    ...parts.flatMap((part) => part.notes),
  ];
  return {
    name,
    year,
    columns,
    rows: parts.flatMap((part) => part.rows),
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/** What the rows of one note are built from. */
interface NoteContext {
  readonly name: string;
  readonly totals: LedgerTotals;
  readonly openItems: OpenItemsAtYearEnd;
  readonly year: number;
  readonly balance: BalanceColumn;
  readonly fromBooks: boolean;
}

/**
 * The rows of one balansräkning line of a note: its heading, its open items, extra rows,
 * what they do not explain, and its total (asserted equal to the balansräkning's line).
 * A line that is zero and has nothing to list has no rows.
 */
function noteLineRows(
  context: NoteContext,
  noteLine: NoteLine,
): { rows: StatementRow[]; notes: string[] } {
  const { name, totals, openItems, year, balance, fromBooks } = context;
  const reported = noteLine.pick(balance);
  const items = fromBooks ? openItems.items.filter((item) => item.line === noteLine.line) : [];
  const extras = fromBooks
    ? (noteLine.extraRows?.(totals, year) ?? []).filter((extra) => !extra.amount.isZero())
    : [];
  if (reported.isZero() && items.length === 0 && extras.length === 0)
    return { rows: [], notes: [] };
  const rows = [
    noteRow(`rubrik:${noteLine.line}`, noteLine.label, 'heading', null),
    ...openItemRows(noteLine, items),
    ...extras.map((extra) => noteRow(extra.key, extra.label, 'line', extra.amount)),
  ];
  const notes: string[] = [];
  const explained = Money.sum([
    ...items.map((item) => item.öppetBelopp),
    ...extras.map((extra) => extra.amount),
  ]);
  const unexplained = reported.minus(explained);
  if (!unexplained.isZero()) {
    rows.push(noteRow(`övrigt:${noteLine.line}`, unexplainedLabel, 'line', unexplained));
    if (fromBooks)
      notes.push(
        `${noteLine.label}: ${kr(unexplained)} av balansräkningens ${kr(reported)} förklaras inte av någon öppen post och visas som "${unexplainedLabel}" (en bokning på radens konton som ingen öppen post bär).`,
      );
  }
  const total = explained.plus(unexplained);
  assert(
    total.equals(reported),
    `${name}: the total of ${noteLine.line} equals the balansräkning's line`,
    { year, line: noteLine.line, total: total.toString(), reported: reported.toString() },
  );
  const label = `Summa ${noteLine.label.charAt(0).toLowerCase()}${noteLine.label.slice(1)}`;
  rows.push(noteRow(`summa:${noteLine.line}`, label, 'subtotal', total));
  return { rows, notes };
}

/**
 * The open items of a line, item by item: under a heading per område when the line asks for it and
 * an item has one, then the kinds with a heading of their own (`rubrik:<line>:<key>`) under it.
 * When such a heading is shown, the line's other items are grouped as well, so that none of them
 * seems to stand under it.
 */
function openItemRows(noteLine: NoteLine, items: readonly OpenItemAtYearEnd[]): StatementRow[] {
  const own = (noteLine.ownHeadings ?? [])
    .map((heading) => ({ ...heading, items: items.filter((item) => item.slag === heading.slag) }))
    .filter((heading) => heading.items.length > 0);
  const rest = items.filter((item) => !own.some((heading) => heading.slag === item.slag));
  const grouped =
    own.length > 0
      ? rest.length > 0
      : noteLine.byOmråde === true && rest.some((item) => item.område !== undefined);
  const indented = grouped || own.length > 0;
  const itemRow = (item: OpenItemAtYearEnd) =>
    noteRow(`post:${item.postId}`, item.text, 'line', item.öppetBelopp, indented ? 2 : undefined);
  const group = (key: string, label: string, inGroup: readonly OpenItemAtYearEnd[]) =>
    inGroup.length === 0
      ? []
      : [
          noteRow(`rubrik:${noteLine.line}:${key}`, label, 'heading', null, 2),
          ...inGroup.map(itemRow),
        ];
  const ownRows = own.flatMap((heading) => group(heading.key, heading.label, heading.items));
  if (!grouped) return [...rest.map(itemRow), ...ownRows];
  const byOmråde = noteLine.byOmråde === true;
  return [
    ...(byOmråde
      ? områden.flatMap((område) =>
          group(
            område,
            områdeNames[område],
            rest.filter((item) => item.område === område),
          ),
        )
      : []),
    ...group(
      byOmråde ? 'utan-område' : 'övriga',
      byOmråde ? 'Utan område' : 'Övriga',
      byOmråde ? rest.filter((item) => item.område === undefined) : rest,
    ),
    ...ownRows,
  ];
}

/**
 * The balance (debet positive) of one account at the end of `year`: the opening balance plus every
 * movement up to and including the year.
 */
export function accountBalanceAtEndOf(totals: LedgerTotals, year: number, account: string): Money {
  let balance =
    totals.openingYear !== undefined && totals.openingYear <= year
      ? (totals.opening.get(account) ?? Money.zero)
      : Money.zero;
  for (const [movementYear, amounts] of totals.movements)
    if (movementYear <= year) balance = balance.plus(amounts.get(account) ?? Money.zero);
  return balance;
}
