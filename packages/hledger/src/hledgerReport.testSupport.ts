import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  Money,
  defaultChart,
  isIncomeStatementLine,
  vatDebtLine,
  vatDebtOfBalance,
  type Chart,
  type LedgerTotals,
} from '@finsam-ledger/core';

const run = promisify(execFile);

/** The hledger binary the tests run: Debian's, as `.ci/run` installs it. */
export const hledgerBinary = process.env['HLEDGER'] ?? 'hledger';

interface HledgerAmount {
  readonly acommodity: string;
  readonly aquantity: { readonly decimalMantissa: number; readonly decimalPlaces: number };
}
interface HledgerRow {
  readonly prrName: string;
  readonly prrTotal: readonly HledgerAmount[];
}
interface HledgerCompoundReport {
  readonly cbrSubreports: readonly [
    string,
    { readonly prRows: readonly HledgerRow[]; readonly prTotals: HledgerRow },
    boolean,
  ][];
  readonly cbrTotals: { readonly prrTotal: readonly HledgerAmount[] };
}

/**
 * An hledger amount as exact money: its decimal mantissa and places (never the float hledger
 * prints beside them). Only SEK is expected; anything else fails the test.
 */
export function moneyOfHledger(amounts: readonly HledgerAmount[]): Money {
  if (amounts.length === 0) return Money.zero;
  const [amount] = amounts;
  if (amounts.length > 1 || amount!.acommodity !== 'SEK')
    throw new TypeError(`expected one SEK amount, got ${JSON.stringify(amounts)}`);
  const { decimalMantissa, decimalPlaces } = amount!.aquantity;
  const negative = decimalMantissa < 0;
  const digits = String(Math.abs(decimalMantissa)).padStart(decimalPlaces + 1, '0');
  const decimal =
    decimalPlaces === 0
      ? digits
      : `${digits.slice(0, -decimalPlaces)}.${digits.slice(-decimalPlaces)}`;
  return Money.from(`${negative ? '-' : ''}${decimal}`);
}

/** What a compound report (`bse`, `is`) shows: each subreport's rows and total, and the net. */
export interface HledgerStatement {
  /** Subreport (Assets, Liabilities, Equity, Revenues, Expenses) → account name → amount. */
  readonly rows: ReadonlyMap<string, ReadonlyMap<string, Money>>;
  readonly totals: ReadonlyMap<string, Money>;
  readonly net: Money;
}

/** Runs `hledger -f journal <command> -O json <args>` and reads its rows exactly. */
export async function hledgerStatement(
  journal: string,
  command: 'bse' | 'is',
  args: readonly string[] = [],
): Promise<HledgerStatement> {
  const { stdout } = await run(hledgerBinary, ['-f', journal, command, '-O', 'json', ...args], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const report = JSON.parse(stdout) as HledgerCompoundReport;
  const rows = new Map<string, Map<string, Money>>();
  const totals = new Map<string, Money>();
  for (const [name, subreport] of report.cbrSubreports) {
    rows.set(
      name,
      new Map(subreport.prRows.map((row) => [row.prrName, moneyOfHledger(row.prrTotal)])),
    );
    totals.set(name, moneyOfHledger(subreport.prTotals.prrTotal));
  }
  return { rows, totals, net: moneyOfHledger(report.cbrTotals.prrTotal) };
}

/** Each posting's tags as hledger reads them (`print -O json`), in journal order. */
export async function hledgerPostingTags(journal: string): Promise<[string, string][][]> {
  const { stdout } = await run(hledgerBinary, ['-f', journal, 'print', '-O', 'json'], {
    maxBuffer: 256 * 1024 * 1024,
  });
  const transactions = JSON.parse(stdout) as { tpostings: { ptags: [string, string][] }[] }[];
  return transactions.flatMap((transaction) => transaction.tpostings.map((p) => p.ptags));
}

/** Runs `hledger check` with the given checks; resolves with its output, rejects on failure. */
export async function hledgerCheck(journal: string, checks: readonly string[]): Promise<string> {
  const { stdout, stderr } = await run(hledgerBinary, ['-f', journal, 'check', ...checks]);
  return stdout + stderr;
}

/** What hledger says of a year's journal, by our accounts and our statements' row keys. */
export interface HledgerFigures {
  /** Account number → balance at the year end or the year's result, debet positive. */
  readonly byAccount: ReadonlyMap<string, Money>;
  /** Balansräkning row key → amount as the statement signs it. */
  readonly balansräkning: ReadonlyMap<string, Money>;
  /** Resultaträkning row key → amount as the statement signs it. */
  readonly resultaträkning: ReadonlyMap<string, Money>;
}

const sumUnder = (rows: ReadonlyMap<string, Money> | undefined, parent: string): Money =>
  Money.sum(
    [...(rows ?? new Map<string, Money>()).entries()]
      .filter(([name]) => name.startsWith(`${parent}:`))
      .map(([, amount]) => amount),
  );

const numberOf = (name: string): string => name.slice(name.lastIndexOf(':') + 1).split(' ')[0]!;

/**
 * The balansräkning rows as hledger sums them, with a VAT debt moved as the ledger moves it
 * (core's `vatDebtLine` and `vatDebtOfBalance`): hledger sums raw accounts, so a negative VAT
 * account lowers its receivable line; the ledger shows it as a debt instead, under övriga
 * kortfristiga skulder, and both totals grow by it.
 */
function withVatDebtMoved(
  rows: Map<string, Money>,
  byAccount: ReadonlyMap<string, Money>,
  chart: Chart,
): Map<string, Money> {
  const line = vatDebtLine({ chart });
  const debt = vatDebtOfBalance(byAccount.get(chart.roles.momsfordran) ?? Money.zero);
  if (line === undefined || debt.isZero()) return rows;
  for (const key of [line, 'övriga-kortfristiga-skulder', 'summa-tillgångar'])
    rows.set(key, rows.get(key)!.plus(debt));
  const total = 'summa-eget-kapital-och-skulder';
  return rows.set(total, rows.get(total)!.plus(debt));
}

/**
 * Runs `hledger bse --flat`, `hledger is --flat not:tag:bokslut` (the resultaträkning without
 * the closing entries) and `hledger is --flat` (whose net is the result not yet closed into
 * eget kapital) on a journal, and reads them as our accounts and statement rows (a VAT debt
 * moved as `chart`'s statements move it).
 */
export async function hledgerFiguresOfJournal(
  journal: string,
  chart: Chart = defaultChart,
): Promise<HledgerFigures> {
  const [balance, income, incomeWithClosing] = await Promise.all([
    hledgerStatement(journal, 'bse', ['--flat']),
    hledgerStatement(journal, 'is', ['--flat', 'not:tag:bokslut']),
    hledgerStatement(journal, 'is', ['--flat']),
  ]);
  const byAccount = new Map<string, Money>();
  const read = (rows: ReadonlyMap<string, Money> | undefined, sign: 1 | -1) => {
    for (const [name, amount] of rows ?? [])
      byAccount.set(numberOf(name), sign === 1 ? amount : amount.negated());
  };
  read(balance.rows.get('Assets'), 1);
  read(balance.rows.get('Liabilities'), -1);
  read(balance.rows.get('Equity'), -1);
  read(income.rows.get('Revenues'), -1);
  read(income.rows.get('Expenses'), 1);
  const assets = balance.rows.get('Assets');
  const liabilities = balance.rows.get('Liabilities');
  const equity = balance.totals.get('Equity')!.plus(incomeWithClosing.net);
  const revenues = income.rows.get('Revenues');
  const expenses = income.rows.get('Expenses');
  const balanceRows = new Map<string, Money>([
    ['anläggningstillgångar', sumUnder(assets, 'Tillgångar:Anläggningstillgångar')],
    ['kundfordringar', sumUnder(assets, 'Tillgångar:Kundfordringar')],
    [
      'förutbetalda-kostnader-upplupna-intäkter',
      sumUnder(assets, 'Tillgångar:Förutbetalda kostnader och upplupna intäkter'),
    ],
    ['övriga-fordringar', sumUnder(assets, 'Tillgångar:Övriga fordringar')],
    ['kassa-och-bank', sumUnder(assets, 'Tillgångar:Kassa och bank')],
    ['summa-tillgångar', balance.totals.get('Assets')!],
    ['summa-eget-kapital', equity],
    ['långfristiga-skulder', sumUnder(liabilities, 'Skulder:Långfristiga skulder')],
    ['leverantörsskulder', sumUnder(liabilities, 'Skulder:Leverantörsskulder')],
    ['övriga-kortfristiga-skulder', sumUnder(liabilities, 'Skulder:Övriga kortfristiga skulder')],
    [
      'upplupna-kostnader',
      sumUnder(liabilities, 'Skulder:Upplupna kostnader och förutbetalda intäkter'),
    ],
    ['summa-eget-kapital-och-skulder', balance.totals.get('Liabilities')!.plus(equity)],
  ]);
  return {
    byAccount,
    balansräkning: withVatDebtMoved(balanceRows, byAccount, chart),
    resultaträkning: new Map([
      ['verksamhetens-intäkter', sumUnder(revenues, 'Intäkter:Verksamhetens intäkter')],
      [
        'verksamhetens-kostnader',
        sumUnder(expenses, 'Kostnader:Verksamhetens kostnader').negated(),
      ],
      ['avskrivningar', sumUnder(expenses, 'Kostnader:Avskrivningar').negated()],
      ['finansiella-intäkter', sumUnder(revenues, 'Intäkter:Finansiella intäkter')],
      ['finansiella-kostnader', sumUnder(expenses, 'Kostnader:Finansiella kostnader').negated()],
      ['årets-resultat', income.net],
    ]),
  };
}

/** A statement as `finsam report --format json` and `JSON.stringify` give it. */
export interface StatementJson {
  readonly rows: readonly { readonly key: string; readonly amounts: readonly (string | null)[] }[];
}

/**
 * The differences between hledger's figures and a statement's first column, as text (empty
 * when they agree to the öre); a row the statement leaves out must be zero in hledger.
 */
export function differencesFromStatement(
  figures: ReadonlyMap<string, Money>,
  statement: StatementJson,
): string[] {
  return [...figures.entries()].flatMap(([key, amount]) => {
    const row = statement.rows.find((candidate) => candidate.key === key);
    const ours = Money.from(row?.amounts[0] ?? '0.00');
    return ours.equals(amount) ? [] : [`${key}: hledger ${amount.toString()}, ours ${ours}`];
  });
}

/**
 * Every account's figure of `year` from the ledger's totals, debet positive: the year's
 * movement of a result account, the closing balance of an asset or liability. Equity accounts
 * are left out: the totals leave out the closing entries that move the result into them.
 */
export function accountFiguresOfTotals(totals: LedgerTotals, year: number): Map<string, Money> {
  const figures = new Map<string, Money>();
  const add = (account: string, amount: Money) =>
    figures.set(account, (figures.get(account) ?? Money.zero).plus(amount));
  const lineOf = (account: string) => totals.chart.account(account).line;
  for (const [account, amount] of totals.opening)
    if (lineOf(account) !== 'eget-kapital') add(account, amount);
  for (const [movementYear, movements] of totals.movements)
    for (const [account, amount] of movements) {
      const line = lineOf(account);
      if (line === 'eget-kapital') continue;
      if (isIncomeStatementLine(line) ? movementYear === year : movementYear <= year)
        add(account, amount);
    }
  return new Map([...figures].filter(([, amount]) => !amount.isZero()));
}
