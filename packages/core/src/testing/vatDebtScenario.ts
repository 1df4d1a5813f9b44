import type { BookkeepingEventType } from '../bookkeeping/bookkeepingCatalog.js';
import { ingåendeBalans2021 } from './bookkeepingFixtures.js';

/** One event of a scenario, as a caller sends it: its type and data (the rules check both). */
export type ScenarioEvent = readonly [BookkeepingEventType, unknown];

/**
 * 2021 ending with a VAT debt, for the specs of what shows it (statements, SIE, hledger): books
 * opened with 100 000 kr in the bank; a course of 10 000 + 2 500 moms paid; the 2 500 refunded
 * in full (MomsÅterbetald); then the supplier's credit note of 2 000 + 500 moms, repaid to the
 * bank. The VAT account ends at −500: the förbund owes Skatteverket 500 kr, the bank holds
 * 92 500 and the year's result is −8 000.
 */
export const vatDebtYear2021: readonly ScenarioEvent[] = [
  ['IngåendeBalansRegistrerad', ingåendeBalans2021],
  [
    'KostnadBokförd',
    {
      datum: '2021-03-10',
      område: 'operativa',
      post: 'Insatser',
      belopp: '10000.00',
      moms: '2500.00',
      text: 'Utbildning coacher',
      betalning: { sätt: 'bank' },
    },
  ],
  ['MomsÅterbetald', { datum: '2021-04-12', period: '2021 kv 1', belopp: '2500.00' }],
  [
    'KostnadKrediterad',
    {
      datum: '2021-05-20',
      område: 'operativa',
      post: 'Insatser',
      belopp: '2000.00',
      moms: '500.00',
      text: 'Kreditfaktura, inställd kursdag',
      reglering: { sätt: 'bank' },
    },
  ],
];

/**
 * 2022 after {@link vatDebtYear2021}: a cost of 4 000 + 1 000 moms paid on 2022-02-10, which
 * nets the debt: the VAT account is a receivable of 500 again.
 */
export const vatDebtNetted2022: readonly ScenarioEvent[] = [
  [
    'KostnadBokförd',
    {
      datum: '2022-02-10',
      område: 'administrativa',
      post: 'Kansli',
      belopp: '4000.00',
      moms: '1000.00',
      text: 'Konferens',
      betalning: { sätt: 'bank' },
    },
  ],
];
