import type { BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import {
  defaultChart,
  isIncomeStatementLine,
  type Chart,
  type StatementLine,
} from '../bookkeeping/ChartOfAccounts.js';
import type { PostedEvent } from '../bookkeeping/postingFold.js';
import { assert } from '../error.js';
import type { DomainEvent } from '../ledger/EventCatalog.js';
import { Money } from '../money/Money.js';
import type { Projection } from '../projections/Projection.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import { balansräkning } from './Balansräkning.js';
import { firstLedgerYear, yearResult, type LedgerTotals } from './LedgerTotals.js';
import { replayBookkeeping } from './replayStatements.js';
import { resultaträkning } from './Resultaträkning.js';
import { rowOf, type Statement } from './Statement.js';
import { verifikationNumberOf } from './verifikationRegistration.js';
import { vatDebtLine, vatDebtOfBalance } from './vatDebt.js';

/** One transaction on an account: a line of a verifikation, with the balance after it. */
export interface HuvudbokTransaktion {
  readonly datum: string;
  /** The verifikation's number, e.g. `2020-17`. */
  readonly verifikation: string;
  /** The line's own text where it has one (an imported `#TRANS` row's), else the verifikation's. */
  readonly text: string;
  /** Debet positive, kredit negative. */
  readonly belopp: Money;
  /** The account's balance after the transaction (debet positive). */
  readonly saldo: Money;
  readonly eventId: string;
}

/** One account of the huvudbok: opening balance, every transaction of the year, closing balance. */
export interface HuvudbokKonto {
  readonly konto: string;
  readonly namn: string;
  readonly line: StatementLine;
  /** At the start of the year; zero for a result account (the result starts anew each year). */
  readonly ingåendeBalans: Money;
  readonly transaktioner: readonly HuvudbokTransaktion[];
  readonly utgåendeBalans: Money;
}

/** A figure of the annual report recomputed from the huvudbok's closing balances. */
export interface HuvudbokKontroll {
  /** The row, e.g. `balansräkning/kundfordringar`. */
  readonly rad: string;
  readonly label: string;
  /** As the statement shows it. */
  readonly enligtÅrsredovisning: Money;
  /** From the huvudbok's closing balances, in the statement's sign convention. */
  readonly enligtHuvudbok: Money;
  /**
   * What the statement moves between its rows and `enligtHuvudbok` therefore includes, with why:
   * a negative balance of the VAT account is a debt to Skatteverket (`vatDebtAtEndOf`), taken
   * out of its receivable line and shown under övriga kortfristiga skulder. Absent when nothing
   * is moved.
   */
  readonly omförd?: { readonly text: string; readonly belopp: Money };
}

/**
 * Huvudbok (general ledger, Bokföringslagen 5 kap. 1 §) of a year: per account, the
 * opening balance, every transaction in number order with the running balance, and the
 * closing balance; and the checks that the closing balances give the balansräkning's and
 * resultaträkning's figures (asserted equal).
 */
export interface Huvudbok {
  readonly år: number;
  /** By account number; an account with no opening balance and no transaction is left out. */
  readonly konton: readonly HuvudbokKonto[];
  readonly kontroller: readonly HuvudbokKontroll[];
}

/** What the huvudbok projection gathers: balances before the year, the year's lines per account. */
export interface HuvudbokState {
  readonly opening: Map<string, Money>;
  readonly lines: Map<string, Omit<HuvudbokTransaktion, 'saldo'>[]>;
}

/**
 * The huvudbok's projection over posted events: the opening balance of every balance-sheet
 * account (every line dated before `year`, and the opening balance's lines in its own
 * year) and every line dated in `year`. Memory: the accounts and the year's lines.
 */
export const huvudbokProjection = (
  chart: Chart,
  year: number,
): Projection<PostedEvent<BookkeepingEvent>, HuvudbokState, HuvudbokState> => ({
  name: `huvudbok(${year})`,
  init: () => ({ opening: new Map(), lines: new Map() }),
  apply(state, { event, verifikationer }) {
    for (const verifikation of verifikationer) {
      if (verifikation.år > year) continue;
      const isOpening = event.type === 'IngåendeBalansRegistrerad' || verifikation.år < year;
      for (const rad of verifikation.rader) {
        if (isOpening) {
          // A result account starts each year at zero: only balance-sheet accounts carry over.
          if (isIncomeStatementLine(chart.account(rad.konto).line)) continue;
          state.opening.set(
            rad.konto,
            (state.opening.get(rad.konto) ?? Money.zero).plus(rad.belopp),
          );
          continue;
        }
        const lines = state.lines.get(rad.konto) ?? [];
        state.lines.set(rad.konto, lines);
        lines.push({
          datum: verifikation.datum,
          verifikation: verifikationNumberOf(verifikation),
          text: rad.text ?? verifikation.text,
          belopp: rad.belopp,
          eventId: verifikation.eventId,
        });
      }
    }
    return state;
  },
  result: (state) => state,
});

/** The accounts of the huvudbok from the projection's state, by account number. */
function accountsOf(chart: Chart, state: HuvudbokState): HuvudbokKonto[] {
  const numbers = [...new Set([...state.opening.keys(), ...state.lines.keys()])].sort();
  return numbers.flatMap((konto): HuvudbokKonto[] => {
    const ingåendeBalans = state.opening.get(konto) ?? Money.zero;
    const lines = state.lines.get(konto) ?? [];
    if (ingåendeBalans.isZero() && lines.length === 0) return [];
    let saldo = ingåendeBalans;
    const transaktioner = lines.map((line) => {
      saldo = saldo.plus(line.belopp);
      return { ...line, saldo };
    });
    const account = chart.account(konto);
    return [
      {
        konto,
        namn: account.name,
        line: account.line,
        ingåendeBalans,
        transaktioner,
        utgåendeBalans: saldo,
      },
    ];
  });
}

/** The rows of the statements the huvudbok is checked against, and the lines that give them. */
const checkedRows: readonly {
  readonly statement: 'resultaträkning' | 'balansräkning';
  readonly row: string;
  readonly lines: readonly StatementLine[];
  /** Assets and costs are debet positive in the statements; the rest credit positive. */
  readonly sign: 1 | -1;
}[] = [
  {
    statement: 'resultaträkning',
    row: 'verksamhetens-intäkter',
    lines: ['verksamhetens-intäkter'],
    sign: -1,
  },
  {
    statement: 'resultaträkning',
    row: 'verksamhetens-kostnader',
    lines: ['verksamhetens-kostnader'],
    sign: -1,
  },
  { statement: 'resultaträkning', row: 'avskrivningar', lines: ['avskrivningar'], sign: -1 },
  {
    statement: 'resultaträkning',
    row: 'finansiella-intäkter',
    lines: ['finansiella-intäkter'],
    sign: -1,
  },
  {
    statement: 'resultaträkning',
    row: 'finansiella-kostnader',
    lines: ['finansiella-kostnader'],
    sign: -1,
  },
  {
    statement: 'balansräkning',
    row: 'anläggningstillgångar',
    lines: ['anläggningstillgångar'],
    sign: 1,
  },
  { statement: 'balansräkning', row: 'kundfordringar', lines: ['kundfordringar'], sign: 1 },
  {
    statement: 'balansräkning',
    row: 'förutbetalda-kostnader-upplupna-intäkter',
    lines: ['förutbetalda-kostnader-upplupna-intäkter'],
    sign: 1,
  },
  { statement: 'balansräkning', row: 'övriga-fordringar', lines: ['övriga-fordringar'], sign: 1 },
  { statement: 'balansräkning', row: 'kassa-och-bank', lines: ['kassa-och-bank'], sign: 1 },
  {
    statement: 'balansräkning',
    row: 'långfristiga-skulder',
    lines: ['långfristiga-skulder'],
    sign: -1,
  },
  {
    statement: 'balansräkning',
    row: 'leverantörsskulder',
    lines: ['leverantörsskulder'],
    sign: -1,
  },
  {
    statement: 'balansräkning',
    row: 'övriga-kortfristiga-skulder',
    lines: ['övriga-kortfristiga-skulder'],
    sign: -1,
  },
  {
    statement: 'balansräkning',
    row: 'upplupna-kostnader',
    lines: ['upplupna-kostnader-förutbetalda-intäkter'],
    sign: -1,
  },
];

const closingOf = (konton: readonly HuvudbokKonto[], lines: readonly StatementLine[]): Money =>
  Money.sum(
    konton.filter((konto) => lines.includes(konto.line)).map((konto) => konto.utgåendeBalans),
  );

/**
 * Summa eget kapital from the huvudbok: the equity accounts and the year's result accounts
 * (with the closing entry, when the year is closed), credit positive, plus the results of
 * earlier years of the books that were never closed (their result accounts start the year
 * at zero, but their result never reached an equity account). Every verifikation balances,
 * so this is the balansräkning's summa eget kapital.
 */
function equityFromHuvudbok(totals: LedgerTotals, year: number, konton: readonly HuvudbokKonto[]) {
  const resultAccounts = Money.sum(
    konton
      .filter((konto) => isIncomeStatementLine(konto.line))
      .map((konto) => konto.utgåendeBalans),
  );
  let unclosedResults = Money.zero;
  for (let earlier = firstLedgerYear(totals) ?? year; earlier < year; earlier += 1)
    if (!totals.closedYears.has(earlier))
      unclosedResults = unclosedResults.plus(yearResult(totals, earlier));
  return closingOf(konton, ['eget-kapital']).plus(resultAccounts).negated().plus(unclosedResults);
}

/**
 * The VAT debt the balansräkning moves (see `vatDebt.ts`), from the huvudbok's own closing
 * balance of the VAT account: for a checked row, what it adds to the row's closing balances
 * (the debt, to the VAT account's receivable line and to övriga kortfristiga skulder), or
 * undefined. Undefined when there is no debt.
 */
function vatDebtMoved(
  totals: LedgerTotals,
  konton: readonly HuvudbokKonto[],
): ((row: string, lines: readonly StatementLine[]) => HuvudbokKontroll['omförd']) | undefined {
  const line = vatDebtLine(totals);
  const vat = konton.find((konto) => konto.konto === totals.chart.roles.momsfordran);
  const debt = vatDebtOfBalance(vat?.utgåendeBalans ?? Money.zero);
  if (line === undefined || vat === undefined || debt.isZero()) return undefined;
  const why = `${vat.konto} ${vat.namn} har ett negativt saldo, en momsskuld till Skatteverket`;
  return (row, lines) => {
    if (lines.includes(line))
      return { text: `${why}, visad under övriga kortfristiga skulder`, belopp: debt };
    if (row === 'övriga-kortfristiga-skulder')
      return { text: `${why}, visad här i stället för som negativ fordran`, belopp: debt };
    return undefined;
  };
}

/** The checks of the huvudbok against the resultaträkning and balansräkning of its year. */
function checksOf(
  totals: LedgerTotals,
  year: number,
  konton: readonly HuvudbokKonto[],
): HuvudbokKontroll[] {
  const statements: Record<'resultaträkning' | 'balansräkning', Statement> = {
    resultaträkning: resultaträkning(totals, year),
    balansräkning: balansräkning(totals, year),
  };
  const figureOf = (statement: 'resultaträkning' | 'balansräkning', row: string) => {
    const found = statements[statement].rows.find((candidate) => candidate.key === row);
    return { label: found?.label, amount: found?.amounts[0] ?? Money.zero };
  };
  const moved = vatDebtMoved(totals, konton);
  const checks = checkedRows.flatMap(({ statement, row, lines, sign }) => {
    const closing = sign === 1 ? closingOf(konton, lines) : closingOf(konton, lines).negated();
    const omförd = moved?.(row, lines);
    const fromHuvudbok = omförd === undefined ? closing : closing.plus(omförd.belopp);
    const { label, amount } = figureOf(statement, row);
    // An optional row left out of the statement is zero there; checked only when it is not.
    if (label === undefined && fromHuvudbok.isZero()) return [];
    return [
      {
        rad: `${statement}/${row}`,
        label: label ?? row,
        enligtÅrsredovisning: amount,
        enligtHuvudbok: fromHuvudbok,
        ...(omförd === undefined ? {} : { omförd }),
      },
    ];
  });
  const equity = rowOf(statements.balansräkning, 'summa-eget-kapital');
  checks.push({
    rad: 'balansräkning/summa-eget-kapital',
    label: equity.label,
    enligtÅrsredovisning: equity.amounts[0] ?? Money.zero,
    enligtHuvudbok: equityFromHuvudbok(totals, year, konton),
  });
  return checks;
}

/**
 * The huvudbok of `year` from the projection's state and the totals (pure); every check
 * against the statements is asserted to hold.
 */
export function huvudbok(totals: LedgerTotals, state: HuvudbokState, year: number): Huvudbok {
  const konton = accountsOf(totals.chart, state);
  const kontroller = checksOf(totals, year, konton);
  for (const check of kontroller)
    assert(
      check.enligtHuvudbok.equals(check.enligtÅrsredovisning),
      'the huvudbok gives the statements’ figures',
      {
        year,
        row: check.rad,
        huvudbok: check.enligtHuvudbok.toString(),
        statement: check.enligtÅrsredovisning.toString(),
      },
    );
  return { år: year, konton, kontroller };
}

/**
 * Replays a förbund's bookkeeping events and returns the huvudbok of `year`, checked against
 * the resultaträkning and balansräkning of the same replay.
 */
export async function replayHuvudbok(
  events: AsyncIterable<StoredEvent | DomainEvent> | Iterable<StoredEvent | DomainEvent>,
  year: number,
  options: { readonly chart?: Chart } = {},
): Promise<Huvudbok> {
  const chart = options.chart ?? defaultChart;
  const { totals, huvudbok: state } = await replayBookkeeping(events, {
    chart,
    extra: { huvudbok: huvudbokProjection(chart, year) },
  });
  return huvudbok(totals, state, year);
}
