import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { financialYear, freeText } from '../../events/zodFields.js';
import { nonNegativeAmount, signedAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
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
  .strict();

/** The balansräkning at the end of a year before the ledger. */
export const historicalBalanceSheetSchema = z
  .object({
    kundfordringar: nonNegativeAmount().default('0.00'),
    förutbetaldaKostnaderUpplupnaIntäkter: nonNegativeAmount().default('0.00'),
    övrigaFordringar: nonNegativeAmount().default('0.00'),
    kassaOchBank: nonNegativeAmount(),
    åretsResultat: signedAmount(),
    övrigtEgetKapital: signedAmount(),
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
    schema: z
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
      .strict(),
    businessDate: (data) => `${data.år}-12-31`,
    description:
      'The adopted figures of a year before the ledger (resultaträkning, and where known balansräkning and kassaflödesanalys): comparison columns and early flerårsöversikt years come from here. Checked for consistency, never posted.',
  }),
  post: () => [],
});
