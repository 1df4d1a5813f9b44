import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { z } from 'zod';
import type { Issue, LedgerError } from '../../error.js';
import { defineEvent } from '../../events/defineEvent.js';
import { financialYear, freeText, yearOf } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { nonNegativeAmount, signedAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import type { BookkeepingState } from '../BookkeepingState.js';
import type { StatementLine } from '../ChartOfAccounts.js';
import { refusal } from '../refusal.js';
import type { IngåendeBalansData } from './IngåendeBalansRegistrerad.js';
import { årsarbetarePerOmrådeSchema } from './PersonalresurserRegistrerade.js';

/** The resultaträkning of a year before the ledger (all amounts as printed, costs positive). */
export const historicalIncomeStatementSchema = z
  .object({
    verksamhetensIntäkter: signedAmount(),
    verksamhetensKostnader: signedAmount(),
    avskrivningar: nonNegativeAmount().default('0.00'),
    finansiellaIntäkter: nonNegativeAmount().default('0.00'),
    finansiellaKostnader: nonNegativeAmount().default('0.00'),
  })
  .strict()
  .describe(
    'Every amount as the flerårsöversikt shows it, costs positive: verksamhetens kostnader printed as −1 850 000 is "1850000.00". A sign other than that only for a year whose income or costs were net negative.',
  );

/** The balansräkning at the end of a year before the ledger. */
export const historicalBalanceSheetSchema = z
  .object({
    /**
     * Fixed assets, net of depreciation. Optional without a default (read as zero), unlike the
     * older lines: a default is written into every event recorded, so the same history recorded
     * again would no longer give the same events.
     */
    anläggningstillgångar: nonNegativeAmount().optional(),
    kundfordringar: nonNegativeAmount().default('0.00'),
    förutbetaldaKostnaderUpplupnaIntäkter: nonNegativeAmount().default('0.00'),
    övrigaFordringar: nonNegativeAmount().default('0.00'),
    kassaOchBank: nonNegativeAmount(),
    åretsResultat: signedAmount(),
    övrigtEgetKapital: signedAmount(),
    /** Long-term debts; optional without a default, as anläggningstillgångar. */
    långfristigaSkulder: nonNegativeAmount().optional(),
    leverantörsskulder: nonNegativeAmount().default('0.00'),
    övrigaKortfristigaSkulder: nonNegativeAmount().default('0.00'),
    upplupnaKostnader: nonNegativeAmount().default('0.00'),
  })
  .strict();

/** The kassaflödesanalys of a year before the ledger (signs as printed). */
export const historicalCashFlowSchema = z
  .object({
    justeringEjLikviditetspåverkandePoster: signedAmount().default('0.00'),
    förändringKortfristigaFordringar: signedAmount(),
    förändringKortfristigaSkulder: signedAmount(),
    investeringsverksamhet: signedAmount().default('0.00'),
    finansieringsverksamhet: signedAmount().default('0.00'),
    likvidaMedelVidÅretsBörjan: nonNegativeAmount(),
  })
  .strict();

/** The schema of {@link HistoriskaÅrsuppgifterRegistrerade}. */
export const historicalFiguresSchema = z
  .object({
    år: financialYear(),
    /** Where the figures come from, e.g. `Årsredovisning 2020, jämförelsekolumn 2019`. */
    källa: freeText(1000),
    resultaträkning: historicalIncomeStatementSchema,
    balansräkning: historicalBalanceSheetSchema.optional(),
    kassaflödesanalys: historicalCashFlowSchema.optional(),
    /** Average personnel per område (årsarbetare), for the flerårsöversikt. */
    personalresurser: årsarbetarePerOmrådeSchema.optional(),
  })
  .strict();

/** The data of {@link HistoriskaÅrsuppgifterRegistrerade}. */
export type HistoriskaÅrsuppgifterData = z.output<typeof historicalFiguresSchema>;
/** A balansräkning of a year before the ledger. */
export type HistoricalBalanceSheet = z.output<typeof historicalBalanceSheetSchema>;

/**
 * The figures of a year before the ledger's first year, as adopted in that year's
 * årsredovisning: the comparison column of the first year's statements and the early
 * years of the flerårsöversikt come from here, not from code. They are not bookings (no
 * verifikation), but the ledger checks that they are consistent in themselves (the
 * balance sheet balances, the result agrees, the cash flow adds up) and, for the year just
 * before the opening balance, that they agree with it. Where the printed report
 * contradicts itself, record the consistent figures and keep the discrepancy in `källa`.
 */
export const HistoriskaÅrsuppgifterRegistrerade = defineBookkeepingEvent({
  definition: defineEvent({
    type: 'HistoriskaÅrsuppgifterRegistrerade',
    category: 'bokföring',
    schema: historicalFiguresSchema,
    businessDate: (data) => `${data.år}-12-31`,
    description:
      'The adopted figures of a year before the ledger (resultaträkning, and where known balansräkning and kassaflödesanalys): comparison columns and early flerårsöversikt years come from here. Checked for consistency, never posted.',
  }),
  posted: false,
  evolve: (state, { data }) => {
    state.historicalYears.set(data.år, data);
  },
  fieldPaths: { date: 'data.år' },
  post: () => [],
  check: (state, { data }) =>
    pipe(
      checkHistoricalYear(state, data.år),
      E.chain(() => {
        const issues = consistencyIssues(state, data);
        return issues.length === 0
          ? E.right(undefined)
          : refusal(
              'HISTORICAL_FIGURES_INCONSISTENT',
              `The figures for ${data.år} do not add up: ${issues.map((issue) => issue.message).join('; ')}`,
              issues,
              { år: data.år },
            );
      }),
    ),
});

/** Historical figures are for a year before the ledger, once per year. */
function checkHistoricalYear(state: BookkeepingState, år: number): E.Either<LedgerError, void> {
  const ledgerStart =
    state.openingBalance === undefined ? state.firstYear : yearOf(state.openingBalance.datum);
  if (ledgerStart !== undefined && år >= ledgerStart)
    return refusal(
      'VALIDATION_FAILED',
      `Historical figures are for years before the ledger's first year ${ledgerStart}, not ${år}`,
      {
        path: 'data.år',
        rule: 'historical-before-ledger',
        message: `must be before ${ledgerStart}`,
      },
      { år },
    );
  if (state.historicalYears.has(år))
    return refusal(
      'VALIDATION_FAILED',
      `Historical figures for ${år} are already recorded`,
      { path: 'data.år', rule: 'one-per-year', message: 'already recorded' },
      { år },
    );
  return E.right(undefined);
}

const m = Money.from;

/** The year's result as the resultaträkning states it. */
const resultOf = (rr: HistoriskaÅrsuppgifterData['resultaträkning']): Money =>
  m(rr.verksamhetensIntäkter)
    .minus(m(rr.verksamhetensKostnader))
    .minus(m(rr.avskrivningar))
    .plus(m(rr.finansiellaIntäkter))
    .minus(m(rr.finansiellaKostnader));

/** Every way the figures disagree with each other or with the opening balance that follows. */
function consistencyIssues(state: BookkeepingState, data: HistoriskaÅrsuppgifterData): Issue[] {
  const result = resultOf(data.resultaträkning);
  const br = data.balansräkning;
  const opening = state.openingBalance;
  return [
    ...(br === undefined ? [] : balanceSheetIssues(br, result)),
    ...(br === undefined || data.kassaflödesanalys === undefined
      ? []
      : cashFlowIssues(data.kassaflödesanalys, br, result)),
    ...(br !== undefined && opening !== undefined && yearOf(opening.datum) === data.år + 1
      ? compareWithOpeningBalance(br, opening, state.chart)
      : []),
  ];
}

function balanceSheetIssues(br: HistoricalBalanceSheet, result: Money): Issue[] {
  const issues: Issue[] = [];
  const assets = Money.sum(
    [
      br.anläggningstillgångar ?? '0.00',
      br.kundfordringar,
      br.förutbetaldaKostnaderUpplupnaIntäkter,
      br.övrigaFordringar,
      br.kassaOchBank,
    ].map(m),
  );
  const equityAndLiabilities = Money.sum(
    [
      br.åretsResultat,
      br.övrigtEgetKapital,
      br.långfristigaSkulder ?? '0.00',
      br.leverantörsskulder,
      br.övrigaKortfristigaSkulder,
      br.upplupnaKostnader,
    ].map(m),
  );
  if (!assets.equals(equityAndLiabilities))
    issues.push({
      path: 'data.balansräkning',
      rule: 'balance-sheet-balances',
      message: `summa tillgångar ${assets.toString()} ≠ summa eget kapital och skulder ${equityAndLiabilities.toString()}`,
    });
  if (!m(br.åretsResultat).equals(result))
    issues.push({
      path: 'data.balansräkning.åretsResultat',
      rule: 'result-agrees',
      message: `årets resultat ${br.åretsResultat} ≠ resultaträkningens ${result.toString()} (intäkter − kostnader − avskrivningar + finansiella intäkter − finansiella kostnader, costs positive)`,
    });
  return issues;
}

function cashFlowIssues(
  kf: NonNullable<HistoriskaÅrsuppgifterData['kassaflödesanalys']>,
  br: HistoricalBalanceSheet,
  result: Money,
): Issue[] {
  const flow = Money.sum([
    result,
    m(kf.justeringEjLikviditetspåverkandePoster),
    m(kf.förändringKortfristigaFordringar),
    m(kf.förändringKortfristigaSkulder),
    m(kf.investeringsverksamhet),
    m(kf.finansieringsverksamhet),
  ]);
  if (m(kf.likvidaMedelVidÅretsBörjan).plus(flow).equals(m(br.kassaOchBank))) return [];
  return [
    {
      path: 'data.kassaflödesanalys',
      rule: 'cash-flow-adds-up',
      message: `likvida medel ${kf.likvidaMedelVidÅretsBörjan} + årets kassaflöde ${flow.toString()} ≠ kassa och bank ${br.kassaOchBank}`,
    },
  ];
}

const liabilityLines: readonly StatementLine[] = [
  'långfristiga-skulder',
  'leverantörsskulder',
  'övriga-kortfristiga-skulder',
  'upplupna-kostnader-förutbetalda-intäkter',
];

/**
 * The opening balance's other balances summed per line of the chart, as the balansräkning
 * states them: assets debet positive, liabilities kredit positive.
 */
function otherBalancesByLine(
  opening: IngåendeBalansData,
  chart: BookkeepingState['chart'],
): (line: StatementLine) => Money {
  const byLine = new Map<StatementLine, Money>();
  for (const { konto, saldo } of opening.övrigaBalanser ?? []) {
    const { line } = chart.account(konto);
    const stated = liabilityLines.includes(line) ? m(saldo).negated() : m(saldo);
    byLine.set(line, (byLine.get(line) ?? Money.zero).plus(stated));
  }
  return (line) => byLine.get(line) ?? Money.zero;
}

/**
 * Where a year's closing balansräkning disagrees with the opening balance of the next
 * year: one issue per line, naming the line of the balansräkning.
 */
export function compareWithOpeningBalance(
  br: HistoricalBalanceSheet,
  opening: IngåendeBalansData,
  chart: BookkeepingState['chart'],
): Issue[] {
  const other = otherBalancesByLine(opening, chart);
  // A VAT balance brought forward below zero is a debt: the balansräkning that closed the year
  // before showed it under övriga kortfristiga skulder, not as a negative receivable.
  const vat = m(opening.momsfordran);
  const vatDebt = vat.isNegative() ? vat.negated() : Money.zero;
  const sumOf = (kinds: readonly string[], line: StatementLine) =>
    Money.sum(
      opening.öppnaPoster.filter((item) => kinds.includes(item.slag)).map((item) => m(item.belopp)),
    ).plus(other(line));
  const pairs: [string, Money, Money][] = [
    [
      'anläggningstillgångar',
      m(br.anläggningstillgångar ?? '0.00'),
      other('anläggningstillgångar'),
    ],
    ['kassaOchBank', m(br.kassaOchBank), m(opening.kassaOchBank).plus(other('kassa-och-bank'))],
    [
      'övrigaFordringar',
      m(br.övrigaFordringar),
      vat.plus(vatDebt).plus(other('övriga-fordringar')),
    ],
    ['kundfordringar', m(br.kundfordringar), sumOf(['kundfordran'], 'kundfordringar')],
    [
      'förutbetaldaKostnaderUpplupnaIntäkter',
      m(br.förutbetaldaKostnaderUpplupnaIntäkter),
      sumOf(['upplupen-intäkt', 'förutbetald-kostnad'], 'förutbetalda-kostnader-upplupna-intäkter'),
    ],
    ['långfristigaSkulder', m(br.långfristigaSkulder ?? '0.00'), other('långfristiga-skulder')],
    [
      'leverantörsskulder',
      m(br.leverantörsskulder),
      sumOf(['leverantörsskuld'], 'leverantörsskulder'),
    ],
    [
      'upplupnaKostnader',
      m(br.upplupnaKostnader),
      sumOf(['upplupen-kostnad', 'förutbetald-intäkt'], 'upplupna-kostnader-förutbetalda-intäkter'),
    ],
    [
      'övrigaKortfristigaSkulder',
      m(br.övrigaKortfristigaSkulder),
      sumOf(['övrig-kortfristig-skuld'], 'övriga-kortfristiga-skulder').plus(vatDebt),
    ],
    [
      'eget kapital',
      m(br.åretsResultat).plus(m(br.övrigtEgetKapital)),
      m(opening.balanseratResultat),
    ],
  ];
  return pairs
    .filter(([, closing, opened]) => !closing.equals(opened))
    .map(([field, closing, opened]) => ({
      path: `balansräkning.${field}`,
      rule: 'agrees-with-opening-balance',
      message: `${field}: ${closing.toString()} at year end, ${opened.toString()} in the opening balance`,
    }));
}
