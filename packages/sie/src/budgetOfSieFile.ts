import {
  Money,
  budgetIncomeKinds,
  type BudgetIncomeKind,
  type Chart,
  type Område,
} from '@finsam-ledger/core';
import { isSieError, refuseSieErrors, sieError, type SieError } from './error.js';
import { mapSieRow } from './planSieImport.js';
import type { SieBudget, SieFile } from './SieFile.js';
import type { SieMapping } from './SieMapping.js';

/** A cost line of the budget the import books: a Not 2 line with the year's amount. */
export interface SieBudgetCostLine {
  readonly område: Område;
  readonly post: string;
  readonly underpost?: string;
  readonly belopp: string;
}

/** The data of the `BudgetFastställd` an import books from a foreign file's `#PBUDGET`. */
export interface SieBudgetDecision {
  readonly år: number;
  readonly beslutsdatum: string;
  readonly beslut: string;
  readonly kostnader: readonly SieBudgetCostLine[];
  readonly intäkter: readonly { readonly slag: BudgetIncomeKind; readonly belopp: string }[];
}

/** A foreign file's budget as the ledger's decision, with the file's line of each budget line. */
export interface SieBudgetOfFile {
  readonly data: SieBudgetDecision;
  /** The first `#PBUDGET` line of each cost line, by its index in `data.kostnader`. */
  readonly costLines: readonly (number | undefined)[];
  /** The first `#PBUDGET` line of each income line, by its index in `data.intäkter`. */
  readonly incomeLines: readonly (number | undefined)[];
  /** How many `#PBUDGET` rows of year 0 made it. */
  readonly rows: number;
}

interface Line {
  readonly key: string;
  readonly firstLine: number | undefined;
  amount: Money;
}

const refuseRow = (budget: SieBudget, message: string, rule: string, account: string) =>
  sieError('UNMAPPED_ACCOUNT', `#PBUDGET ${budget.period} ${budget.account}: ${message}`, {
    ...(budget.line === undefined ? {} : { line: budget.line }),
    path: '#PBUDGET.kontonr',
    rule,
    details: { account: budget.account, ledgerAccount: account, period: budget.period },
  });

/** The income kind of a budget row on an income account: its `intäktsslag`, or medlemsbidrag. */
function incomeKindOf(
  konto: string,
  intäktsslag: string | undefined,
  chart: Chart,
): BudgetIncomeKind | undefined {
  const kind = budgetIncomeKinds.find((candidate) => candidate === intäktsslag);
  if (kind !== undefined) return kind;
  const contributionAccounts = (['staten', 'region', 'kommun'] as const).map((kategori) =>
    chart.contributionAccount(kategori),
  );
  return contributionAccounts.includes(konto) ? 'medlemsbidrag' : undefined;
}

/**
 * Where one `#PBUDGET` row goes in the ledger's budget, a cost line's or an income kind's key, or
 * why it goes nowhere.
 */
function placeOf(
  budget: SieBudget,
  mapping: SieMapping,
  chart: Chart,
): { readonly kind: 'cost' | 'income'; readonly key: string } | SieError {
  const rad = mapSieRow(
    { account: budget.account, objects: budget.objects, amount: budget.amount, line: budget.line },
    mapping,
    '#PBUDGET',
  );
  const line = chart.accounts.find((account) => account.number === rad.konto)?.line;
  const dimensioner = rad.dimensioner ?? {};
  if (line === 'verksamhetens-kostnader') {
    if (dimensioner.område === undefined || dimensioner.post === undefined)
      return refuseRow(
        budget,
        `maps to cost account ${rad.konto} without a Not 2 post: the mapping's rule for the account (or an object rule) must give område and post`,
        'budget-not2-post',
        rad.konto,
      );
    return {
      kind: 'cost',
      key: JSON.stringify([dimensioner.område, dimensioner.post, dimensioner.underpost ?? null]),
    };
  }
  if (line === 'verksamhetens-intäkter') {
    const kind = incomeKindOf(rad.konto, dimensioner.intäktsslag, chart);
    if (kind === undefined)
      return refuseRow(
        budget,
        `maps to income account ${rad.konto} without a budget income kind: the mapping must give intäktsslag (${budgetIncomeKinds.join(', ')})`,
        'budget-income-kind',
        rad.konto,
      );
    return { kind: 'income', key: kind };
  }
  return refuseRow(
    budget,
    `maps to account ${rad.konto}, which is neither a cost of Not 2 nor verksamhetens intäkter: the ledger's budget has no line for it`,
    'budget-line',
    rad.konto,
  );
}

const addTo = (lines: Map<string, Line>, key: string, budget: SieBudget) => {
  const line = lines.get(key) ?? { key, firstLine: budget.line, amount: Money.zero };
  line.amount = line.amount.plus(Money.from(budget.amount));
  lines.set(key, line);
};

const refuseSign = (line: Line, what: string) =>
  sieError(
    'INVALID_AMOUNT',
    `#PBUDGET rows of ${what} sum to ${line.amount.toString()}: a budgeted ${what.startsWith('cost') ? 'cost is a debet (positive)' : 'income is a kredit (negative)'} for the year`,
    {
      ...(line.firstLine === undefined ? {} : { line: line.firstLine }),
      path: '#PBUDGET.belopp',
      rule: 'budget-sign',
      details: { key: line.key, amount: line.amount.toString() },
    },
  );

/** Every `#PBUDGET` row of a month outside `#RAR 0`, refused at once. */
function refuseMonthsOutsideYear(
  rows: readonly SieBudget[],
  months: { readonly first: string; readonly last: string },
): void {
  const outside = rows.filter(
    (budget) => budget.period < months.first || budget.period > months.last,
  );
  const refusals = outside.map((budget) =>
    sieError('INVALID_DATE', `#PBUDGET ${budget.period} is a month outside #RAR 0`, {
      ...(budget.line === undefined ? {} : { line: budget.line }),
      path: '#PBUDGET.period',
      rule: 'within-year',
    }),
  );
  refuseSieErrors(
    'INVALID_DATE',
    refusals,
    `${refusals.length} #PBUDGET rows are of months outside #RAR 0`,
  );
}

/**
 * The rows summed into the budget's cost and income lines. Every account whose rows have no line
 * of the ledger's budget is refused at once, each by its first such row.
 */
function budgetLinesOf(
  rows: readonly SieBudget[],
  mapping: SieMapping,
  chart: Chart,
): { readonly costs: Map<string, Line>; readonly incomes: Map<string, Line> } {
  const costs = new Map<string, Line>();
  const incomes = new Map<string, Line>();
  // One refusal an account and reason: its other months (and objects) share it.
  const refused = new Map<string, SieError>();
  for (const budget of rows) {
    const place = placeOf(budget, mapping, chart);
    if (!isSieError(place)) {
      addTo(place.kind === 'cost' ? costs : incomes, place.key, budget);
      continue;
    }
    const reason = `${budget.account} ${place.issues[0]!.rule}`;
    if (!refused.has(reason)) refused.set(reason, place);
  }
  const refusals = [...refused.values()];
  refuseSieErrors(
    'UNMAPPED_ACCOUNT',
    refusals,
    `${refusals.length} #PBUDGET accounts have no line in the ledger's budget`,
  );
  return { costs, incomes };
}

/** Every budget line whose months sum to the wrong sign, refused at once. */
function refuseWrongSigns(costs: readonly Line[], incomes: readonly Line[]): void {
  const refusals = [
    ...costs
      .filter((line) => line.amount.isNegative())
      .map((line) => refuseSign(line, `cost line ${line.key}`)),
    ...incomes
      .filter((line) => line.amount.isPositive())
      .map((line) => refuseSign(line, `income ${line.key}`)),
  ].sort((left, right) => (left.line ?? Infinity) - (right.line ?? Infinity));
  refuseSieErrors(
    'INVALID_AMOUNT',
    refusals,
    `${refusals.length} budget lines sum to the wrong sign`,
  );
}

/**
 * A foreign program's budget of year 0 (`#PBUDGET` rows, a result account's budget per month
 * and objects) as the ledger's `BudgetFastställd` of `år`: each row mapped as a `#TRANS` row
 * is (accounts and objects through the mapping), the months summed into the year. A row on a
 * cost account becomes the Not 2 line its område, post and underpost name; a row on an income
 * account the income kind its `intäktsslag` names (member contributions without one). A row
 * that maps onto no Not 2 post or income kind, a month outside `#RAR 0`, or a line whose months
 * sum to the wrong sign is refused with its line (`INVALID_DATE`, `UNMAPPED_ACCOUNT`,
 * `INVALID_AMOUNT`, in that order, each naming every row, account or line it finds at once): a
 * budget booked without some of its lines would print a wrong
 * driftredovisning. `undefined` when the file has no budget of year 0. The file says nothing
 * of the decision, so it is dated 1 January of the year and says where it came from.
 */
export function budgetOfSieFile(
  file: SieFile,
  mapping: SieMapping,
  år: number,
  chart: Chart,
): SieBudgetOfFile | undefined {
  const rows = (file.budgets ?? []).filter((budget) => budget.yearIndex === 0);
  if (rows.length === 0) return undefined;
  const year = file.years.find((candidate) => candidate.index === 0);
  const months = {
    first: year?.start.slice(0, 7).replace('-', '') ?? `${år}01`,
    last: year?.end.slice(0, 7).replace('-', '') ?? `${år}12`,
  };
  refuseMonthsOutsideYear(rows, months);
  const { costs, incomes } = budgetLinesOf(rows, mapping, chart);
  refuseWrongSigns([...costs.values()], [...incomes.values()]);
  const kostnader = [...costs.values()].map((line) => {
    const [område, post, underpost] = JSON.parse(line.key) as [Område, string, string | null];
    return {
      område,
      post,
      ...(underpost === null ? {} : { underpost }),
      belopp: line.amount.toString(),
    };
  });
  const intäkter = [...incomes.values()].map((line) => ({
    slag: line.key as BudgetIncomeKind,
    belopp: line.amount.negated().toString(),
  }));
  const source = `${file.program.name} ${file.program.version}`.trim();
  return {
    data: {
      år,
      beslutsdatum: `${år}-01-01`,
      beslut: `Budget ur SIE-fil (#PBUDGET), ${source}, ${file.generated.date}`.slice(0, 300),
      kostnader,
      intäkter,
    },
    costLines: [...costs.values()].map((line) => line.firstLine),
    incomeLines: [...incomes.values()].map((line) => line.firstLine),
    rows: rows.length,
  };
}
