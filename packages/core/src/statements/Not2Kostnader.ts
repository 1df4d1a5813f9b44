import { områden, områdeNames, type Chart, type Område } from '../bookkeeping/ChartOfAccounts.js';
import type { Dimensioner } from '../bookkeeping/Verifikation.js';
import { assert } from '../error.js';
import { Money } from '../money/Money.js';
import {
  columnSourceOf,
  fromBooksOrHistory,
  isFromHistory,
  type SourcedFigures,
} from './fromBooksOrHistory.js';
import {
  budgetInForce,
  dimensionTotalsOf,
  yearAmount,
  type BudgetInForce,
  type LedgerTotals,
} from './LedgerTotals.js';
import type { Statement, StatementColumn, StatementRow } from './Statement.js';

/** Options of {@link not2Kostnader}. */
export interface Not2Options {
  /**
   * The budget is taken as in force at this date (`YYYY-MM-DD`, default the year end):
   * ändringsbeslut dated later are left out. A date that is malformed or does not exist throws
   * `VALIDATION_FAILED`.
   */
  readonly budgetDatum?: string;
}

/**
 * Where a cost line lands in Not 2: on a post (and underpost), or unallocated (booked without
 * område and post).
 */
export type Not2Placement =
  | {
      readonly kind: 'post';
      readonly område: Område;
      readonly post: string;
      readonly underpost: string | undefined;
    }
  | { readonly kind: 'ej-fördelat'; readonly område: Område | undefined; readonly konto: string };

const isOmråde = (value: string | undefined): value is Område => områden.includes(value as Område);

/**
 * The Not 2 placement of a cost line, from its dimensions: område and post (and the
 * underpost, if any) when it has them; otherwise unallocated, in the område whose cost
 * account the line is on (when the chart maps exactly one område to that account) or in
 * none.
 */
export function not2PlacementOf(
  chart: Chart,
  konto: string,
  dimensioner: Dimensioner | undefined,
): Not2Placement {
  const område = dimensioner?.område;
  if (isOmråde(område) && dimensioner?.post !== undefined)
    return { kind: 'post', område, post: dimensioner.post, underpost: dimensioner.underpost };
  if (isOmråde(område)) return { kind: 'ej-fördelat', område, konto };
  const candidates = områden.filter(
    (candidate) => chart.costAccount(candidate, dimensioner?.post ?? '') === konto,
  );
  return {
    kind: 'ej-fördelat',
    område: candidates.length === 1 ? candidates[0] : undefined,
    konto,
  };
}

/**
 * The costs of one column by their Not 2 placement, held as the placement's own parts so
 * that no row kind is ever told from the text of a key.
 */
interface PlacedCosts {
  /** område → post → underpost (`''`: booked on the post itself) → cost, positive. */
  readonly posts: Map<Område, Map<string, Map<string, Money>>>;
  /** område (`undefined`: not known) → account → cost booked without område and post. */
  readonly unallocated: Map<Område | undefined, Map<string, Money>>;
}

const entryOf = <Key, Value>(map: Map<Key, Value>, key: Key, create: () => Value): Value => {
  const existing = map.get(key);
  if (existing !== undefined) return existing;
  const created = create();
  map.set(key, created);
  return created;
};

/**
 * The amounts a placement is summed into (created when first needed): a post's by underpost, or an
 * område's unallocated by account.
 */
function amountsFor(costs: PlacedCosts, placement: Not2Placement): Map<string, Money> {
  return placement.kind === 'post'
    ? entryOf(
        entryOf(costs.posts, placement.område, () => new Map()),
        placement.post,
        () => new Map(),
      )
    : entryOf(costs.unallocated, placement.område, () => new Map());
}

/** The key of a placement within its post's or område's amounts: the underpost, or the account. */
const innerKeyOf = (placement: Not2Placement): string =>
  placement.kind === 'post' ? (placement.underpost ?? '') : placement.konto;

const addCost = (costs: PlacedCosts, placement: Not2Placement, amount: Money): void => {
  const amounts = amountsFor(costs, placement);
  const key = innerKeyOf(placement);
  amounts.set(key, (amounts.get(key) ?? Money.zero).plus(amount));
};

/** The cost at a placement; zero where nothing was booked. */
const costAt = (costs: PlacedCosts, placement: Not2Placement): Money => {
  const amounts =
    placement.kind === 'post'
      ? costs.posts.get(placement.område)?.get(placement.post)
      : costs.unallocated.get(placement.område);
  return amounts?.get(innerKeyOf(placement)) ?? Money.zero;
};

/**
 * One column of utfall: costs (positive) by placement from the books, or only the total from
 * historical figures.
 */
interface CostFigures {
  readonly placed: PlacedCosts | undefined;
  readonly summa: Money;
}
type CostColumn = SourcedFigures<CostFigures>;

function costColumn(totals: LedgerTotals, year: number): CostColumn | undefined {
  return fromBooksOrHistory<CostFigures>(totals, year, {
    books: () => costsFromBooks(totals, year),
    history: ({ resultaträkning: history }) => ({
      placed: undefined,
      summa: Money.from(history.verksamhetensKostnader),
    }),
  });
}

function costsFromBooks(totals: LedgerTotals, year: number): CostFigures {
  const placed: PlacedCosts = { posts: new Map(), unallocated: new Map() };
  let summa = Money.zero;
  for (const total of dimensionTotalsOf(totals, year)) {
    if (total.line !== 'verksamhetens-kostnader') continue;
    addCost(placed, not2PlacementOf(totals.chart, total.konto, total.dimensioner), total.belopp);
    summa = summa.plus(total.belopp);
  }
  const rr = yearAmount(totals, year, ['verksamhetens-kostnader']).negated();
  assert(summa.equals(rr), 'Not 2 adds up to the resultaträkning’s verksamhetens kostnader', {
    year,
    not2: summa.toString(),
    resultaträkning: rr.toString(),
  });
  return { placed, summa };
}

/**
 * The posts of one område in print order, each with its underposts in print order, and its
 * unallocated accounts.
 */
interface OmrådeLayout {
  readonly posts: Map<string, string[]>;
  readonly unallocated: string[];
}

/**
 * The layout of Not 2: per område, the budget's lines first in budget order, then the
 * posts and underposts booked up to `year` in the order first booked; unallocated
 * accounts by account number.
 */
function layoutOf(
  totals: LedgerTotals,
  year: number,
  budget: BudgetInForce | undefined,
): { byOmråde: Map<Område, OmrådeLayout>; unplaced: string[] } {
  const byOmråde = new Map<Område, OmrådeLayout>(
    områden.map((område) => [område, { posts: new Map(), unallocated: [] }]),
  );
  const unplaced: string[] = [];
  const addPost = (område: Område, post: string, underpost: string | undefined) => {
    const posts = byOmråde.get(område)!.posts;
    const underposts = posts.get(post) ?? [];
    posts.set(post, underposts);
    if (underpost !== undefined && underpost !== '' && !underposts.includes(underpost))
      underposts.push(underpost);
  };
  for (const rad of budget?.kostnader.values() ?? []) addPost(rad.område, rad.post, rad.underpost);
  const years = [...totals.resultByDimension.keys()]
    .filter((booked) => booked <= year)
    .sort((left, right) => left - right);
  for (const booked of years) {
    for (const total of dimensionTotalsOf(totals, booked)) {
      if (total.line !== 'verksamhetens-kostnader') continue;
      const placement = not2PlacementOf(totals.chart, total.konto, total.dimensioner);
      if (placement.kind === 'post') addPost(placement.område, placement.post, placement.underpost);
      else {
        const list =
          placement.område === undefined ? unplaced : byOmråde.get(placement.område)!.unallocated;
        if (!list.includes(placement.konto)) list.push(placement.konto);
      }
    }
  }
  const byNumber = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0);
  for (const layout of byOmråde.values()) layout.unallocated.sort(byNumber);
  unplaced.sort(byNumber);
  return { byOmråde, unplaced };
}

/** What the rows of one Not 2 are computed from. */
interface Not2Context {
  readonly totals: LedgerTotals;
  readonly budget: BudgetInForce | undefined;
  readonly actual: CostColumn | undefined;
  readonly previous: CostColumn | undefined;
}

/**
 * The utfall of a row in the year and the year before; `null` where a column has no placed costs.
 */
interface Utfall {
  readonly actual: Money | null;
  readonly previous: Money | null;
}

const utfallIn = (column: CostColumn | undefined, placements: readonly Not2Placement[]) =>
  column?.placed === undefined
    ? null
    : Money.sum(placements.map((placement) => costAt(column.placed!, placement)));

const utfallAt = (context: Not2Context, placements: readonly Not2Placement[]): Utfall => ({
  actual: utfallIn(context.actual, placements),
  previous: utfallIn(context.previous, placements),
});

const isNonZero = ({ actual, previous }: Utfall): boolean =>
  [actual, previous].some((amount) => amount !== null && !amount.isZero());

/** A row of amounts: utfall, budget, avvikelse = budget − utfall, and the year before. */
const costRow = (
  row: { key: string; label: string; kind: StatementRow['kind']; level?: 2 },
  utfall: Utfall,
  budgetAmount: Money | null,
): StatementRow => ({
  ...row,
  amounts: [
    utfall.actual,
    budgetAmount,
    utfall.actual !== null && budgetAmount !== null ? budgetAmount.minus(utfall.actual) : null,
    utfall.previous,
  ],
});

const headingRow = (key: string, label: string): StatementRow => ({
  key,
  label,
  kind: 'heading',
  amounts: [null, null, null, null],
});

/**
 * The budget's cost lines of an område, optionally of one post and one underpost (`''`: on the post
 * itself).
 */
const budgetLines = (
  budget: BudgetInForce | undefined,
  område: Område,
  post?: string,
  underpost?: string,
) =>
  [...(budget?.kostnader.values() ?? [])].filter(
    (rad) =>
      rad.område === område &&
      (post === undefined || rad.post === post) &&
      (underpost === undefined || (rad.underpost ?? '') === underpost),
  );

const budgetSum = (
  budget: BudgetInForce | undefined,
  område: Område,
  post?: string,
  underpost?: string,
): Money | null =>
  budget === undefined
    ? null
    : Money.sum(budgetLines(budget, område, post, underpost).map((rad) => Money.from(rad.belopp)));

/** Rows of a part of Not 2, the placements they cover, and whether any is unallocated. */
interface Section {
  readonly rows: StatementRow[];
  readonly placements: Not2Placement[];
  readonly hasUnallocated: boolean;
}

/**
 * A post's row and, when it has underposts to show, the underposts' rows after it (with a
 * row for the part booked on the post itself, `(ej på underpost)`). An underpost shows a
 * budget only when the budget is set on underposts.
 */
function postSection(
  context: Not2Context,
  område: Område,
  post: string,
  underposts: readonly string[],
): Section {
  const { budget } = context;
  const placementAt = (underpost: string): Not2Placement => ({
    kind: 'post',
    område,
    post,
    underpost,
  });
  const placements = ['', ...underposts].map(placementAt);
  const split = budgetLines(budget, område, post).some((rad) => (rad.underpost ?? '') !== '');
  const childBudget = (underpost: string): Money | null =>
    budget === undefined || !split ? null : budgetSum(budget, område, post, underpost);
  const childRow = (underpost: string, label: string, utfall: Utfall) =>
    costRow(
      { key: `underpost:${område}|${post}|${underpost}`, label, kind: 'line', level: 2 },
      utfall,
      childBudget(underpost),
    );
  const children: StatementRow[] = [];
  for (const underpost of underposts) {
    const utfall = utfallAt(context, [placementAt(underpost)]);
    if (budgetLines(budget, område, post, underpost).length > 0 || isNonZero(utfall))
      children.push(childRow(underpost, underpost, utfall));
  }
  const own = utfallAt(context, [placementAt('')]);
  const ownBudgeted = split && budgetLines(budget, område, post, '').length > 0;
  if (children.length > 0 && (isNonZero(own) || ownBudgeted))
    children.push(childRow('', `${post} (ej på underpost)`, own));
  const utfall = utfallAt(context, placements);
  const shown =
    children.length > 0 || budgetLines(budget, område, post).length > 0 || isNonZero(utfall);
  const postRow = costRow(
    {
      key: `post:${område}|${post}`,
      label: post,
      kind: children.length > 0 ? 'subtotal' : 'line',
    },
    utfall,
    budgetSum(budget, område, post),
  );
  return { rows: shown ? [postRow, ...children] : [], placements, hasUnallocated: false };
}

/**
 * The rows of costs booked without område and post, one per account: in `område`, or,
 * when `område` is undefined, in no område.
 */
function unallocatedSection(
  context: Not2Context,
  område: Område | undefined,
  konton: readonly string[],
): Section {
  const rows: StatementRow[] = [];
  for (const konto of konton) {
    const utfall = utfallAt(context, [{ kind: 'ej-fördelat', område, konto }]);
    if (!isNonZero(utfall)) continue;
    const accountName = `${konto} ${context.totals.chart.account(konto).name}`;
    const row =
      område === undefined
        ? { key: `ej-fördelat:${konto}`, label: `Ej fördelat på område (${accountName})` }
        : { key: `ej-fördelat:${område}|${konto}`, label: `Ej fördelat (${accountName})` };
    rows.push(
      costRow({ ...row, kind: 'line' }, utfall, context.budget === undefined ? null : Money.zero),
    );
  }
  const placements = konton.map((konto): Not2Placement => ({ kind: 'ej-fördelat', område, konto }));
  return { rows, placements, hasUnallocated: rows.length > 0 };
}

/** An område of Not 2: its heading, posts, unallocated accounts and sum. */
function områdeSection(context: Not2Context, område: Område, layout: OmrådeLayout): Section {
  const parts = [
    ...[...layout.posts].map(([post, underposts]) =>
      postSection(context, område, post, underposts),
    ),
    unallocatedSection(context, område, layout.unallocated),
  ];
  const placements = parts.flatMap((part) => part.placements);
  const summa = costRow(
    {
      key: `summa:${område}`,
      label: `Summa ${områdeNames[område].toLowerCase()}`,
      kind: 'subtotal',
    },
    utfallAt(context, placements),
    budgetSum(context.budget, område),
  );
  return {
    rows: [
      headingRow(`område:${område}`, områdeNames[område]),
      ...parts.flatMap((part) => part.rows),
      summa,
    ],
    placements,
    hasUnallocated: parts.some((part) => part.hasUnallocated),
  };
}

/** Asserts that the områden and the costs without område add up to Not 2's total. */
function assertPartsAddUp(context: Not2Context, sections: readonly Section[], year: number) {
  const { actual } = context;
  if (actual?.placed === undefined) return;
  const parts = Money.sum(
    sections.map((section) => utfallIn(actual, section.placements) ?? Money.zero),
  );
  assert(parts.equals(actual.summa), 'the områden of Not 2 add up to its total', {
    year,
    parts: parts.toString(),
    total: actual.summa.toString(),
  });
}

/** Not 2's columns: utfall, budget, avvikelse, and utfall the year before. */
function not2Columns(context: Not2Context, year: number, budgetDatum: string): StatementColumn[] {
  const { budget, actual, previous } = context;
  const amended = budget !== undefined && budget.beslut.length > 1 ? ' (inkl. ändringsbeslut)' : '';
  const per = budgetDatum === `${year}-12-31` ? '' : ` per ${budgetDatum}`;
  return [
    { year, kind: 'utfall', label: `Utfall ${year}-12-31`, source: columnSourceOf(actual) },
    {
      year,
      kind: 'budget',
      label: `Budget ${year}${amended}${per}`,
      source: budget === undefined ? 'saknas' : 'bokföring',
    },
    {
      year,
      kind: 'avvikelse',
      label: 'Avvikelse budget − utfall',
      source: budget === undefined ? 'saknas' : columnSourceOf(actual),
    },
    {
      year: year - 1,
      kind: 'jämförelseår',
      label: `Utfall ${year - 1}-12-31`,
      source: columnSourceOf(previous),
    },
  ];
}

function not2Notes(
  context: Not2Context,
  year: number,
  budgetDatum: string,
  hasUnallocated: boolean,
): string[] {
  const { budget, actual, previous } = context;
  return [
    'Avvikelse = budget − utfall: ett positivt belopp är en kostnad under budget, ett negativt en kostnad över budget.',
    budget === undefined
      ? `Ingen budget för ${year} fastställd per ${budgetDatum}.`
      : `Budget i kraft ${budgetDatum}: ${budget.beslut.join('; ')}.`,
    ...(hasUnallocated ? ['Ej fördelat: kostnader bokförda utan område och post, per konto.'] : []),
    ...[actual, previous].flatMap((column, index) =>
      isFromHistory(column)
        ? [`${year - index}: endast summan är känd (historiska uppgifter).`]
        : [],
    ),
  ];
}

/**
 * Not 2 Verksamhetens kostnader for `year`: per område (administrativa, strukturpåverkande,
 * operativa) a heading (`område:<område>`), its posts (`post:<område>|<post>`), each post
 * with underposts followed by them (`underpost:<område>|<post>|<underpost>`, and
 * `underpost:<område>|<post>|` for the part booked on the post itself), costs booked
 * without område and post per account (`ej-fördelat:<område>|<konto>`), the område's sum
 * (`summa:<område>`); costs whose område is unknown (`ej-fördelat:<konto>`); and the total
 * (`summa`, Verksamhetens kostnader), which equals the resultaträkning's (asserted).
 *
 * Columns: utfall `year` (costs positive), the budget in force at `budgetDatum` (default
 * the year end, so ändringsbeslut up to then are included), avvikelse = budget − utfall
 * (as the reports print Not 2: positive is a cost below budget), and utfall `year − 1`.
 * A post's budget is its own budget line plus its underposts'; an underpost shows a
 * budget only when the budget is set on underposts (otherwise `null`: it is in the post's).
 * Without a budget the budget and avvikelse columns are `null` (source `saknas`).
 *
 * Order: the budget's lines first, in budget order, then posts first booked later. A post
 * or underpost without budget line and zero in both utfall columns is left out. A year
 * the books do not cover has only `summa`, from historical figures, or nothing.
 */
export function not2Kostnader(
  totals: LedgerTotals,
  year: number,
  options: Not2Options = {},
): Statement {
  const budgetDatum = options.budgetDatum ?? `${year}-12-31`;
  const budget = budgetInForce(totals, year, budgetDatum);
  const context: Not2Context = {
    totals,
    budget,
    actual: costColumn(totals, year),
    previous: costColumn(totals, year - 1),
  };
  const { byOmråde, unplaced } = layoutOf(totals, year, budget);
  const sections = [
    ...områden.map((område) => områdeSection(context, område, byOmråde.get(område)!)),
    unallocatedSection(context, undefined, unplaced),
  ];
  assertPartsAddUp(context, sections, year);
  const budgetTotal =
    budget === undefined
      ? null
      : Money.sum([...budget.kostnader.values()].map((rad) => Money.from(rad.belopp)));
  const total = costRow(
    { key: 'summa', label: 'Verksamhetens kostnader', kind: 'total' },
    { actual: context.actual?.summa ?? null, previous: context.previous?.summa ?? null },
    budgetTotal,
  );
  const hasUnallocated = sections.some((section) => section.hasUnallocated);
  return {
    name: 'Not 2 Verksamhetens kostnader',
    year,
    columns: not2Columns(context, year, budgetDatum),
    rows: [...sections.flatMap((section) => section.rows), total],
    notes: not2Notes(context, year, budgetDatum, hasUnallocated),
  };
}
