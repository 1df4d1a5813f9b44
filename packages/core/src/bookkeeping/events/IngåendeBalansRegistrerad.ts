import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { z } from 'zod';
import type { LedgerError } from '../../error.js';
import { defineEvent } from '../../events/defineEvent.js';
import { accountNumber, calendarDate, freeText, yearOf } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { nonNegativeAmount, signedAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import type { BookkeepingState } from '../BookkeepingState.js';
import { isIncomeStatementLine } from '../ChartOfAccounts.js';
import { accountOfKind, isReceivableKind, openItemKinds, openItemSpecSchema } from '../OpenItem.js';
import { refusal } from '../refusal.js';
import { compactRader, debet, kredit, type VerifikationRad } from '../Verifikation.js';
import { compareWithOpeningBalance } from './HistoriskaÅrsuppgifterRegistrerade.js';

/**
 * The balance of one of the chart's other balance-sheet accounts: a fixed asset and its
 * depreciation, a long-term debt, cash in hand, a tax account. Debet positive, kredit negative.
 */
const övrigBalansSchema = z
  .object({
    konto: accountNumber().describe(
      'A balance-sheet account of the chart, e.g. "1220"; saldo is debet positive.',
    ),
    saldo: signedAmount(),
  })
  .strict();

/** The schema of {@link IngåendeBalansRegistrerad}. */
export const ingåendeBalansSchema = z
  .object({
    datum: calendarDate().refine((value) => value.endsWith('-01-01'), {
      error: 'an opening balance is dated the first day of a financial year (YYYY-01-01)',
      params: { rule: 'first-day-of-year' },
    }),
    text: freeText(),
    kassaOchBank: nonNegativeAmount(),
    /**
     * The VAT account's balance brought forward: the VAT receivable, or below zero a VAT debt to
     * Skatteverket (a year that ended with a credit note's VAT after a full refund; see
     * `vatDebtAtEndOf`), which the next claim's VAT nets.
     */
    momsfordran: signedAmount(),
    /** Eget kapital brought forward (balanserat resultat including last year's result). */
    balanseratResultat: signedAmount(),
    öppnaPoster: z.array(openItemSpecSchema).max(10_000),
    /**
     * The balances of the chart's other balance-sheet accounts (fixed assets, long-term debts,
     * a second bank or cash account): those that hold no open items and are not equity.
     */
    övrigaBalanser: z
      .array(övrigBalansSchema)
      .max(1_000)
      .optional()
      .describe(
        'Fixed assets, long-term debts, cash in hand: accounts without open items, not equity.',
      ),
  })
  .strict()
  .superRefine((data, context) => {
    const konton = new Set<string>();
    data.övrigaBalanser?.forEach((balance, index) => {
      if (konton.has(balance.konto))
        context.addIssue({
          code: 'custom',
          path: ['övrigaBalanser', index, 'konto'],
          message: `account ${balance.konto} appears twice`,
          params: { rule: 'unique-account' },
        });
      konton.add(balance.konto);
    });
    const ids = new Set<string>();
    data.öppnaPoster.forEach((item, index) => {
      if (ids.has(item.postId))
        context.addIssue({
          code: 'custom',
          path: ['öppnaPoster', index, 'postId'],
          message: `open item ${item.postId} appears twice`,
          params: { rule: 'unique-open-item' },
        });
      ids.add(item.postId);
    });
  });

/** The data of {@link IngåendeBalansRegistrerad}. */
export type IngåendeBalansData = z.output<typeof ingåendeBalansSchema>;

/**
 * The opening balance (ingående balans) of a förbund that starts using the library
 * mid-life: the bank balance, the VAT receivable, every open receivable, accrual,
 * prepayment and payable item by item, the balance of any other balance-sheet account of the
 * chart (fixed assets, long-term debts), and the equity brought forward. It must balance
 * (assets = liabilities + equity); the ledger refuses it otherwise, naming the difference.
 * It is recorded once, before any other booking, dated the first day of the first year.
 * A newly formed förbund may open with every amount zero: the event then fixes the first
 * year and posts no verifikation.
 */
export const IngåendeBalansRegistrerad = defineBookkeepingEvent({
  definition: defineEvent({
    type: 'IngåendeBalansRegistrerad',
    category: 'bokföring',
    schema: ingåendeBalansSchema,
    businessDate: (data) => data.datum,
    description:
      'The opening balance of a förbund that starts using the ledger mid-life: bank, VAT receivable (below zero a VAT debt), each open receivable, accrual, prepayment and payable, the balances of other balance-sheet accounts (fixed assets, long-term debts), and the equity brought forward. Recorded once, first, dated YYYY-01-01; it must balance.',
  }),
  post(data, chart) {
    const rader: VerifikationRad[] = [
      debet(chart.roles.bank, Money.from(data.kassaOchBank)),
      debet(chart.roles.momsfordran, Money.from(data.momsfordran)),
      ...data.öppnaPoster.map((item) =>
        (isReceivableKind(item.slag) ? debet : kredit)(
          accountOfKind(chart, item.slag),
          Money.from(item.belopp),
        ),
      ),
      ...(data.övrigaBalanser ?? []).map((balance) => ({
        konto: balance.konto,
        belopp: Money.from(balance.saldo),
      })),
      kredit(chart.roles.balanseratResultat, Money.from(data.balanseratResultat)),
    ];
    const compacted = compactRader(rader);
    // A förbund that opens its books with nothing (newly formed, no bank balance yet) has an
    // opening balance of all zeros: the event still fixes the first year, but a verifikation
    // without amounts documents nothing, so none is posted (as a year closed at zero posts none).
    if (compacted.length === 0) return [];
    return [{ datum: data.datum, text: data.text, rader: compacted }];
  },
  fieldPaths: { amount: 'data.balanseratResultat' },
  evolve(state, { data }) {
    state.openingBalance = data;
    state.firstYear = yearOf(data.datum);
  },
  openItemEffects: (data) =>
    data.öppnaPoster.map((item, index) => ({
      effect: 'open' as const,
      item,
      datum: data.datum,
      path: `data.öppnaPoster.${index}.postId`,
    })),
  check: (state, { data }) =>
    pipe(
      checkFirst(state),
      E.chain(() => checkOtherBalanceAccounts(state, data)),
      E.chain(() => checkNoEarlierDecisions(state, data)),
      E.chain(() => checkAgreesWithHistory(state, data)),
    ),
});

/** Once, and before any booking. */
function checkFirst(state: BookkeepingState): E.Either<LedgerError, void> {
  const openingDate = state.openingBalance?.datum;
  if (openingDate !== undefined)
    return refusal(
      'OPENING_BALANCE_ALREADY_RECORDED',
      `The opening balance was already recorded (${openingDate})`,
      { path: 'data.datum', rule: 'recorded-once', message: `recorded on ${openingDate}` },
    );
  if (state.firstYear !== undefined)
    return refusal(
      'OPENING_BALANCE_AFTER_BOOKING',
      `An opening balance must come before any booking: the books already hold bookings from ${state.firstYear}, which opened them with zero balances`,
      {
        path: 'data.datum',
        rule: 'before-any-booking',
        message: `the books already hold bookings from ${state.firstYear}`,
      },
    );
  return E.right(undefined);
}

/**
 * Each other balance is on a balance-sheet account of the chart that no other field carries:
 * the bank and VAT accounts have their fields, an open item's account holds items (a balance
 * without them could never be paid off item by item), and equity is brought forward whole.
 */
function checkOtherBalanceAccounts(
  state: BookkeepingState,
  data: IngåendeBalansData,
): E.Either<LedgerError, void> {
  const { chart } = state;
  const { roles } = chart;
  const carried = new Map<string, string>([
    [roles.bank, 'kassaOchBank'],
    [roles.momsfordran, 'momsfordran'],
    ...openItemKinds.map((slag) => [accountOfKind(chart, slag), 'öppnaPoster'] as const),
  ]);
  const issues = (data.övrigaBalanser ?? []).flatMap(({ konto }, index) => {
    const why = whyNotOtherBalance(chart, carried, konto);
    if (why === undefined) return [];
    const path = `data.övrigaBalanser.${index}.konto`;
    return [{ path, rule: 'other-balance-account', message: why }];
  });
  if (issues.length === 0) return E.right(undefined);
  return refusal(
    'VALIDATION_FAILED',
    `The opening balance's övrigaBalanser hold accounts it cannot carry there: ${issues.map((issue) => issue.message).join('; ')}`,
    issues,
  );
}

/** Why `konto` cannot carry an other balance, or `undefined` when it can. */
function whyNotOtherBalance(
  chart: BookkeepingState['chart'],
  carried: ReadonlyMap<string, string>,
  konto: string,
): string | undefined {
  if (!chart.hasAccount(konto)) return `account ${konto} is not in chart ${chart.name}`;
  const { line } = chart.account(konto);
  if (isIncomeStatementLine(line))
    return `account ${konto} is on the resultaträkning, which opens every year at zero`;
  if (line === 'eget-kapital')
    return `account ${konto} is equity, brought forward as balanseratResultat`;
  const field = carried.get(konto);
  return field === undefined ? undefined : `account ${konto} is carried by ${field}`;
}

/**
 * Budgets and staffing post nothing, so they may come before the opening balance, but only
 * for its year or later: recorded after it, one for an earlier year is refused.
 */
function checkNoEarlierDecisions(
  state: BookkeepingState,
  data: IngåendeBalansData,
): E.Either<LedgerError, void> {
  const year = yearOf(data.datum);
  const before = (years: Iterable<number>) => [...years].filter((år) => år < year);
  const earlier = [
    ...before(state.budgetDecisionDates.keys()).map((år) => `the budget of ${år}`),
    ...before(state.staffingYears).map((år) => `the staffing of ${år}`),
  ];
  if (earlier.length === 0) return E.right(undefined);
  return refusal(
    'BEFORE_FIRST_YEAR',
    `The opening balance of ${data.datum} would leave ${earlier.join(' and ')} before the ledger's first year ${year}; years before the ledger carry their personnel on HistoriskaÅrsuppgifterRegistrerade`,
    {
      path: 'data.datum',
      rule: 'after-recorded-years',
      message: `must be on or before the first day of the earliest year with a budget or staffing (${earlier.join(', ')})`,
    },
    { datum: data.datum },
  );
}

/** The opening balance agrees with the recorded balansräkning of the year before, if any. */
function checkAgreesWithHistory(
  state: BookkeepingState,
  data: IngåendeBalansData,
): E.Either<LedgerError, void> {
  const year = yearOf(data.datum);
  const history = state.historicalYears.get(year - 1);
  if (history?.balansräkning === undefined) return E.right(undefined);
  const mismatch = compareWithOpeningBalance(history.balansräkning, data, state.chart);
  if (mismatch.length === 0) return E.right(undefined);
  return refusal(
    'HISTORICAL_FIGURES_INCONSISTENT',
    `The opening balance does not agree with the balance sheet of ${year - 1}: ${mismatch.map((issue) => issue.message).join('; ')}`,
    mismatch,
    { år: year - 1 },
  );
}
