import type { Chart } from '@finsam-ledger/core';
import { SieError, type SieIssue } from './error.js';
import { sieProofBasis } from './proofBalancesOfSieFile.js';
import type { SieFile } from './SieFile.js';
import {
  identitySieMapping,
  isSieBalanceAccount,
  sieAccountPlacement,
  type SieMapping,
} from './SieMapping.js';

/**
 * An account of a file that an import cannot book: the mapping places it nowhere
 * (`mapped-account`), or places it on an account the chart does not have (`account-in-chart`).
 */
export interface UnmappedSieAccount {
  /** The file's account number. */
  readonly account: string;
  readonly rule: 'mapped-account' | 'account-in-chart';
  /** Where the mapping places it, for `account-in-chart`. */
  readonly konto?: string;
  /** The first record of year 0 that names it (`#IB`, `#UB`, `#RES`, or a `#VER` by its rows). */
  readonly record: string;
  /** That record's 1-based line, or its `#VER`'s; absent in a file built in memory. */
  readonly line: number | undefined;
  /** How many records of year 0 name it. */
  readonly records: number;
}

/** What the check looks at besides the mapping. */
export interface UnmappedSieAccountsOptions {
  /** The ledger's chart: a `#TRANS` row the mapping places on an account it lacks is one too. */
  readonly chart?: Chart;
  /** True when the import books the file's `#PBUDGET`: its accounts of year 0 are placed too. */
  readonly budget?: boolean;
  /**
   * True when the import opens the books with the file's `#IB`: its accounts are booked then,
   * so they too must land on accounts of the chart.
   */
  readonly opening?: boolean;
}

/** The accounts named in a refusal's message; its issues name every one. */
const accountsInMessageMax = 10;

/** Where a record of year 0 names an account. */
interface AccountUse {
  readonly account: string;
  readonly record: string;
  readonly line: number | undefined;
  /** True for what is booked (a `#TRANS` row, an opening `#IB`): it must land in the chart. */
  readonly booked: boolean;
}

/**
 * Every record of year 0 that names an account and that the import reads, in the file's order:
 * balances, then rows, then (when `budget`) the budget's.
 */
function* accountUses(
  file: SieFile,
  { budget = false, opening = false }: UnmappedSieAccountsOptions,
): Generator<AccountUse> {
  // A file proved by #IB and its rows never has its #UB and #RES read, so an account only they
  // name is neither booked nor compared.
  const closingRead = sieProofBasis(file) === 'balances';
  for (const balance of file.balances) {
    if (balance.yearIndex !== 0 || (balance.kind !== 'IB' && !closingRead)) continue;
    yield {
      account: balance.account,
      record: `#${balance.kind}`,
      line: balance.line,
      booked: opening && balance.kind === 'IB',
    };
  }
  for (const verifikation of file.verifikationer)
    for (const row of verifikation.transactions)
      yield {
        account: row.account,
        record: `#VER ${verifikation.series} ${verifikation.number}`,
        line: row.line ?? verifikation.line,
        booked: true,
      };
  if (!budget) return;
  for (const row of file.budgets ?? [])
    if (row.yearIndex === 0)
      yield { account: row.account, record: '#PBUDGET', line: row.line, booked: false };
}

/** What keeps `use` out of the books, if anything. */
function problemOf(
  use: AccountUse,
  mapping: SieMapping,
  chart: Chart | undefined,
): Pick<UnmappedSieAccount, 'rule' | 'konto'> | undefined {
  const konto = sieAccountPlacement(use.account, mapping)?.konto;
  if (konto === undefined) return { rule: 'mapped-account' };
  if (use.booked && chart !== undefined && !chart.hasAccount(konto))
    return { rule: 'account-in-chart', konto };
  return undefined;
}

/**
 * Every account of year 0 (its `#IB`, `#UB`, `#RES`, the `#TRANS` rows of its `#VER`s and, with
 * `budget`, its `#PBUDGET`) that an import through `mapping` cannot book (a file proved by its
 * `#IB` and rows, see {@link sieProofBasis}, has its `#UB` and `#RES` not asked), each
 * once with the first record that names it and how many do, in account order. With `chart`, a
 * `#TRANS` row placed on an account the chart lacks is one too. Empty when the mapping places
 * the whole file: what a förbund setting up its mapping needs to see at once, rather than one
 * account a run.
 */
export function unmappedSieAccounts(
  file: SieFile,
  mapping: SieMapping,
  options: UnmappedSieAccountsOptions = {},
): UnmappedSieAccount[] {
  const records = new Map<string, number>();
  const found = new Map<string, Omit<UnmappedSieAccount, 'records'>>();
  for (const use of accountUses(file, options)) {
    const { account, record, line } = use;
    records.set(account, (records.get(account) ?? 0) + 1);
    if (found.has(account)) continue;
    const problem = problemOf(use, mapping, options.chart);
    if (problem !== undefined) found.set(account, { account, ...problem, record, line });
  }
  return [...found.values()]
    .map((unmapped) => ({ ...unmapped, records: records.get(unmapped.account)! }))
    .sort((left, right) => left.account.localeCompare(right.account, 'en', { numeric: true }));
}

/** Why no rule places `account`, and, for a balance account, why ejFördelat does not. */
const nowhereText = (account: string, mapping: SieMapping): string =>
  mapping.ejFördelat !== undefined && isSieBalanceAccount(account)
    ? 'the mapping places it nowhere: it is a balance account (class 1 or 2), which ejFördelat, a cost, does not take; give it a rule'
    : 'the mapping places it nowhere';

/**
 * The issue of one account: the field, the rule, and where the file names it first. Without a
 * mapping of the förbund's own (`identitySieMapping`: each account keeps its number) nothing
 * "places" it: the account is its own number, which the chart lacks.
 */
function issueOf(unmapped: UnmappedSieAccount, mapping: SieMapping): SieIssue {
  const where = `${unmapped.record}${unmapped.line === undefined ? '' : `, line ${unmapped.line}`}`;
  const times = unmapped.records === 1 ? 'once' : `${unmapped.records} times`;
  // An account off the chart is named where it is first booked: its earlier balances are not.
  const [first, why] =
    unmapped.rule === 'mapped-account'
      ? ['first in', nowhereText(unmapped.account, mapping)]
      : [
          'first booked in',
          mapping === identitySieMapping
            ? `no sie mapping places it, so it keeps its number, which the chart does not have`
            : `the mapping places it on ${unmapped.konto}, which the chart does not have`,
        ];
  return {
    path: `${unmapped.record.startsWith('#VER') ? '#TRANS' : unmapped.record}.kontonr`,
    rule: unmapped.rule,
    message: `account ${unmapped.account} (${first} ${where}; named ${times}): ${why}`,
  };
}

/**
 * Refuses a file with any {@link unmappedSieAccounts}: one `UNMAPPED_ACCOUNT` whose issues name
 * every such account (in account order), at the earliest line among them. Nothing is read into
 * the books from a refused file.
 */
export function refuseUnmappedSieAccounts(
  file: SieFile,
  mapping: SieMapping,
  options: UnmappedSieAccountsOptions = {},
): void {
  const unmapped = unmappedSieAccounts(file, mapping, options);
  const first = unmapped[0];
  if (first === undefined) return;
  const named = unmapped.slice(0, accountsInMessageMax).map((account) => account.account);
  const more = unmapped.length - named.length;
  const count = unmapped.length === 1 ? 'one account' : `${unmapped.length} accounts`;
  const lines = unmapped.flatMap((account) => (account.line === undefined ? [] : [account.line]));
  const line = lines.length === 0 ? undefined : Math.min(...lines);
  throw new SieError(
    'UNMAPPED_ACCOUNT',
    `The file names ${count} the import cannot place in the books: ${named.join(', ')}` +
      `${more > 0 ? ` and ${more} more` : ''}. ${mapping === identitySieMapping ? 'The configuration has no sie section, so each account keeps its number: add one and map them there' : "Map them in the configuration's sie section"}` +
      ` (konton, or ejFördelat)${options.chart === undefined ? '' : ', onto accounts of the chart'}`,
    {
      ...(line === undefined ? {} : { line }),
      issues: unmapped.map((account) => issueOf(account, mapping)),
      details: { account: first.account, accounts: unmapped },
    },
  );
}
