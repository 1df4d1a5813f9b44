import { nextWorkday } from './calendar.js';
import { historyDraft, type HistoryDraft } from './historyDraft.js';
import {
  esfAccrual2021,
  esfPaymentDrafts,
  memberContributionDrafts,
  memberContributions2022,
  statenKv4Receivable2021,
} from './income2021.js';
import { försäljningTjänst, miaVidare } from './not2Lines.js';

/**
 * The income of 2022 (Not 1 of Årsredovisning 2022, tkr): the members as in 2021 (all paid
 * within the year: kundfordran 0 at year end), ESF 2 160, "Intäkt försäljning tjänst" 57.
 *
 * RECONSTRUCTED: the ESF payments (ESF income 2022 = received 2 837 400.00 − the reversed
 * 2021 accrual 761 200.00 + the 2022 accrual 84 000.00 = 2 160 200.00; Bilaga 2: "Utbetalt
 * blev i snitt 216 tkr/mån under jan-oktober"), and the sale of ekonomistöd to
 * Samordningsförbundet Samsund: invoiced per quarter (October–November together), paid
 * within a month, December accrued (Not 3 "Upplupen intäkt ekonomistöd Samsund 2"):
 * 3 × 13 500 + 14 400 + 2 100 = 57 000.00.
 */

/** Not 1 2022 "Medel från europeiska socialfonden": printed 2 160, exact 2 160 200.00. */
export const esfIncome2022 = { printed: '2160', belopp: '2160200.00' } as const;
/** Not 1 2022 "Intäkt försäljning tjänst": printed 57, exact 57 000.00. */
export const serviceIncome2022 = {
  printed: '57',
  belopp: '57000.00',
  not1Text: försäljningTjänst,
} as const;

/** Not 3 "Upplupen intäkt ESF medel nov-dec 2022 84" (PRINTED text; exact 84 000.00). */
export const esfAccrual2022 = {
  postId: 'UI-2022-ESF-NOV-DEC',
  text: 'Upplupen intäkt ESF medel nov-dec 2022',
  belopp: '84000.00',
} as const;

const esfPayments2022 = [
  {
    datum: '2022-03-18',
    projekt: miaVidare,
    period: '2021-09-01–2021-12-31',
    belopp: esfAccrual2021.belopp,
  },
  { datum: '2022-05-20', projekt: miaVidare, period: '2022-01-01–2022-04-30', belopp: '870000.00' },
  { datum: '2022-09-16', projekt: miaVidare, period: '2022-05-01–2022-08-31', belopp: '860000.00' },
  { datum: '2022-12-09', projekt: miaVidare, period: '2022-09-01–2022-10-31', belopp: '346200.00' },
] as const;

const samsund = 'Samordningsförbundet Samsund';
/** The invoices of ekonomistöd to Samsund: date, period, amount, paid. */
const samsundInvoices = [
  { datum: '2022-03-31', period: 'kv 1 2022', belopp: '13500.00', betald: '2022-04-29' },
  { datum: '2022-06-30', period: 'kv 2 2022', belopp: '13500.00', betald: '2022-07-29' },
  { datum: '2022-09-30', period: 'kv 3 2022', belopp: '13500.00', betald: '2022-10-31' },
  { datum: '2022-11-30', period: 'okt-nov 2022', belopp: '14400.00', betald: '2022-12-21' },
] as const;

/** The income events of 2022 (the 2021 items' settlement is in history/index.ts). */
export function income2022(): HistoryDraft[] {
  const drafts: HistoryDraft[] = [
    historyDraft(
      'KundfordranBetald',
      `2022-betald-${statenKv4Receivable2021.postId}`,
      nextWorkday('2022-01-14'),
      {
        datum: '2022-01-14',
        postId: statenKv4Receivable2021.postId,
        belopp: statenKv4Receivable2021.belopp,
        text: `Inbetalning: ${statenKv4Receivable2021.text}`,
        motpart: 'Staten (Försäkringskassan/Arbetsförmedlingen)',
      },
    ),
    historyDraft(
      'PeriodiseringÅterförd',
      `2022-aterforing-${esfAccrual2021.postId}`,
      '2022-01-28',
      {
        datum: '2022-01-01',
        postId: esfAccrual2021.postId,
        slag: 'upplupen-intäkt',
        belopp: esfAccrual2021.belopp,
        intäktsslag: 'esf',
        text: `Återföring: ${esfAccrual2021.text}`,
      },
    ),
    ...memberContributionDrafts(2022, memberContributions2022),
    ...esfPaymentDrafts(2022, esfPayments2022),
    historyDraft('IntäktUpplupen', '2022-upplupen-intakt-esf', '2023-01-26', {
      datum: '2022-12-31',
      postId: esfAccrual2022.postId,
      intäktsslag: 'esf',
      belopp: esfAccrual2022.belopp,
      text: esfAccrual2022.text,
      motpart: 'Svenska ESF-rådet',
    }),
  ];
  samsundInvoices.forEach((invoice, index) => {
    const postId = `KF-2022-SAMSUND-${index + 1}`;
    const text = `Ekonomistöd Samsund ${invoice.period} (rekonstruerad)`;
    drafts.push(
      historyDraft(
        'ÖvrigIntäktBokförd',
        `2022-forsaljning-samsund-${index + 1}`,
        nextWorkday(invoice.datum),
        {
          datum: invoice.datum,
          intäktsslag: 'övrig',
          intäktspost: försäljningTjänst,
          belopp: invoice.belopp,
          text,
          motpart: samsund,
          betalning: { sätt: 'kundfordran', postId },
        },
      ),
      historyDraft('KundfordranBetald', `2022-betald-${postId}`, nextWorkday(invoice.betald), {
        datum: invoice.betald,
        postId,
        belopp: invoice.belopp,
        text: `Inbetalning: ${text}`,
        motpart: samsund,
      }),
    );
  });
  return drafts;
}
