import { områden, områdeNames, type Chart, type Område } from '../bookkeeping/ChartOfAccounts.js';
import type { Dimensioner } from '../bookkeeping/Verifikation.js';
import { assert } from '../error.js';
import { Money } from '../money/Money.js';
import {
  budgetInForce,
  coversYear,
  dimensionTotalsOf,
  yearAmount,
  type BudgetInForce,
  type LedgerTotals,
} from './LedgerTotals.js';
import type { ColumnSource, Statement, StatementColumn, StatementRow } from './Statement.js';

/** Options of {@link not2Kostnader}. */
export interface Not2Options {
  /** The budget is taken as in force at this date (`YYYY-MM-DD`, default the year end): ändringsbeslut dated later are left out. A date that is malformed or does not exist throws `VALIDATION_FAILED`. */
  readonly budgetDatum?: string;
}

/** Where a cost line lands in Not 2: on a post (and underpost), or unallocated (booked without område and post). */
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

/** The amount key of a placement: `område|post|underpost` (as `budgetRadKey`), or `ej-fördelat:område|konto`. */
const amountKey = (placement: Not2Placement): string =>
  placement.kind === 'post'
    ? `${placement.område}|${placement.post}|${placement.underpost ?? ''}`
    : `ej-fördelat:${placement.område ?? ''}|${placement.konto}`;

/** One column of utfall: costs (positive) by amount key from the books, or only the total from historical figures. */
interface CostColumn {
  readonly source: ColumnSource;
  readonly byKey: ReadonlyMap<string, Money> | undefined;
  readonly summa: Money;
}

function costColumn(totals: LedgerTotals, year: number): CostColumn | undefined {
  if (coversYear(totals, year)) {
    const byKey = new Map<string, Money>();
    for (const total of dimensionTotalsOf(totals, year)) {
      if (total.line !== 'verksamhetens-kostnader') continue;
      const key = amountKey(not2PlacementOf(totals.chart, total.konto, total.dimensioner));
      byKey.set(key, (byKey.get(key) ?? Money.zero).plus(total.belopp));
    }
    const summa = Money.sum(byKey.values());
    const rr = yearAmount(totals, year, ['verksamhetens-kostnader']).negated();
    assert(summa.equals(rr), 'Not 2 adds up to the resultaträkning’s verksamhetens kostnader', {
      year,
      not2: summa.toString(),
      resultaträkning: rr.toString(),
    });
    return { source: 'bokföring', byKey, summa };
  }
  const history = totals.historical.get(year)?.resultaträkning;
  return history === undefined
    ? undefined
    : {
        source: 'historiska uppgifter',
        byKey: undefined,
        summa: Money.from(history.verksamhetensKostnader),
      };
}

/** The posts of one område in print order, each with its underposts in print order, and its unallocated accounts. */
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
  const actual = costColumn(totals, year);
  const previous = costColumn(totals, year - 1);
  const { byOmråde, unplaced } = layoutOf(totals, year, budget);

  const amountIn = (column: CostColumn | undefined, keys: readonly string[]): Money | null =>
    column?.byKey === undefined
      ? null
      : Money.sum(keys.map((key) => column.byKey!.get(key) ?? Money.zero));
  const budgetLines = (område: Område, post?: string, underpost?: string) =>
    [...(budget?.kostnader.values() ?? [])].filter(
      (rad) =>
        rad.område === område &&
        (post === undefined || rad.post === post) &&
        (underpost === undefined || (rad.underpost ?? '') === underpost),
    );
  const budgetSum = (område: Område, post?: string, underpost?: string): Money | null =>
    budget === undefined
      ? null
      : Money.sum(budgetLines(område, post, underpost).map((rad) => Money.from(rad.belopp)));
  const nonZero = (...amounts: (Money | null)[]) =>
    amounts.some((amount) => amount !== null && !amount.isZero());
  const row = (
    key: string,
    label: string,
    kind: StatementRow['kind'],
    utfall: Money | null,
    budgetAmount: Money | null,
    previousAmount: Money | null,
  ): StatementRow => ({
    key,
    label,
    kind,
    ...(key.startsWith('underpost:') ? { level: 2 as const } : {}),
    amounts:
      kind === 'heading'
        ? [null, null, null, null]
        : [
            utfall,
            budgetAmount,
            utfall !== null && budgetAmount !== null ? budgetAmount.minus(utfall) : null,
            previousAmount,
          ],
  });

  const rows: StatementRow[] = [];
  let hasUnallocated = false;
  for (const område of områden) {
    const layout = byOmråde.get(område)!;
    const allKeys: string[] = layout.unallocated.map((konto) => `ej-fördelat:${område}|${konto}`);
    rows.push(row(`område:${område}`, områdeNames[område], 'heading', null, null, null));
    for (const [post, underposts] of layout.posts) {
      const ownKey = `${område}|${post}|`;
      const keys = [ownKey, ...underposts.map((underpost) => `${område}|${post}|${underpost}`)];
      allKeys.push(...keys);
      const split = budgetLines(område, post).some((rad) => (rad.underpost ?? '') !== '');
      const childBudget = (underpost: string): Money | null =>
        budget === undefined || !split ? null : budgetSum(område, post, underpost);
      const children: StatementRow[] = [];
      for (const underpost of underposts) {
        const key = `${område}|${post}|${underpost}`;
        const [utfall, before] = [amountIn(actual, [key]), amountIn(previous, [key])];
        if (budgetLines(område, post, underpost).length > 0 || nonZero(utfall, before))
          children.push(
            row(`underpost:${key}`, underpost, 'line', utfall, childBudget(underpost), before),
          );
      }
      const [ownUtfall, ownBefore] = [amountIn(actual, [ownKey]), amountIn(previous, [ownKey])];
      if (
        children.length > 0 &&
        (nonZero(ownUtfall, ownBefore) || (split && budgetLines(område, post, '').length > 0))
      ) {
        children.push(
          row(
            `underpost:${ownKey}`,
            `${post} (ej på underpost)`,
            'line',
            ownUtfall,
            childBudget(''),
            ownBefore,
          ),
        );
      }
      const [utfall, before] = [amountIn(actual, keys), amountIn(previous, keys)];
      if (
        children.length === 0 &&
        budgetLines(område, post).length === 0 &&
        !nonZero(utfall, before)
      )
        continue;
      rows.push(
        row(
          `post:${område}|${post}`,
          post,
          children.length > 0 ? 'subtotal' : 'line',
          utfall,
          budgetSum(område, post),
          before,
        ),
        ...children,
      );
    }
    for (const konto of layout.unallocated) {
      const key = `ej-fördelat:${område}|${konto}`;
      const [utfall, before] = [amountIn(actual, [key]), amountIn(previous, [key])];
      if (!nonZero(utfall, before)) continue;
      hasUnallocated = true;
      rows.push(
        row(
          key,
          `Ej fördelat (${konto} ${totals.chart.account(konto).name})`,
          'line',
          utfall,
          budget === undefined ? null : Money.zero,
          before,
        ),
      );
    }
    rows.push(
      row(
        `summa:${område}`,
        `Summa ${områdeNames[område].toLowerCase()}`,
        'subtotal',
        amountIn(actual, allKeys),
        budgetSum(område),
        amountIn(previous, allKeys),
      ),
    );
  }
  for (const konto of unplaced) {
    const key = `ej-fördelat:|${konto}`;
    const [utfall, before] = [amountIn(actual, [key]), amountIn(previous, [key])];
    if (!nonZero(utfall, before)) continue;
    hasUnallocated = true;
    rows.push(
      row(
        `ej-fördelat:${konto}`,
        `Ej fördelat på område (${konto} ${totals.chart.account(konto).name})`,
        'line',
        utfall,
        budget === undefined ? null : Money.zero,
        before,
      ),
    );
  }
  if (actual?.byKey !== undefined) {
    const parts = Money.sum([
      ...rows
        .filter(
          (candidate) =>
            candidate.key.startsWith('summa:') ||
            (candidate.key.startsWith('ej-fördelat:') && !candidate.key.includes('|')),
        )
        .map((candidate) => candidate.amounts[0]!),
    ]);
    assert(parts.equals(actual.summa), 'the områden of Not 2 add up to its total', {
      year,
      parts: parts.toString(),
      total: actual.summa.toString(),
    });
  }
  const budgetTotal =
    budget === undefined
      ? null
      : Money.sum([...budget.kostnader.values()].map((rad) => Money.from(rad.belopp)));
  rows.push(
    row(
      'summa',
      'Verksamhetens kostnader',
      'total',
      actual?.summa ?? null,
      budgetTotal,
      previous?.summa ?? null,
    ),
  );

  const budgetLabel = `Budget ${year}${budget !== undefined && budget.beslut.length > 1 ? ' (inkl. ändringsbeslut)' : ''}${budgetDatum === `${year}-12-31` ? '' : ` per ${budgetDatum}`}`;
  const columns: StatementColumn[] = [
    { year, kind: 'utfall', label: `Utfall ${year}-12-31`, source: actual?.source ?? 'saknas' },
    {
      year,
      kind: 'budget',
      label: budgetLabel,
      source: budget === undefined ? 'saknas' : 'bokföring',
    },
    {
      year,
      kind: 'avvikelse',
      label: 'Avvikelse budget − utfall',
      source: budget === undefined || actual === undefined ? 'saknas' : actual.source,
    },
    {
      year: year - 1,
      kind: 'jämförelseår',
      label: `Utfall ${year - 1}-12-31`,
      source: previous?.source ?? 'saknas',
    },
  ];
  const notes = [
    'Avvikelse = budget − utfall: ett positivt belopp är en kostnad under budget, ett negativt en kostnad över budget.',
    budget === undefined
      ? `Ingen budget för ${year} fastställd per ${budgetDatum}.`
      : `Budget i kraft ${budgetDatum}: ${budget.beslut.join('; ')}.`,
    ...(hasUnallocated ? ['Ej fördelat: kostnader bokförda utan område och post, per konto.'] : []),
    ...[actual, previous].flatMap((column, index) =>
      column?.source === 'historiska uppgifter'
        ? [`${year - index}: endast summan är känd (historiska uppgifter).`]
        : [],
    ),
  ];
  return { name: 'Not 2 Verksamhetens kostnader', year, columns, rows, notes };
}
