import { kr } from './amounts.js';
import { nextWorkday, payday } from './calendar.js';
import { historyDraft, type HistoryDraft } from './historyDraft.js';
import { vatBetween } from './vat2020.js';

/**
 * The VAT of 2021 and 2022. PRINTED: the VAT receivable at the end of 2020 (332 225), 2021
 * (BR "Övrig fordran; moms" 357 tkr) and 2022 (710 tkr; Not 3 "Moms fordring 710").
 * RECONSTRUCTED: the rhythm and the exact receivables, 357 200.00 and 709 700.00. In 2021 the
 * förbund asks for its VAT back per half-year as in 2020, so the receivable at the end of
 * 2021 is the VAT of July–December 2021 (the arbetsträning invoices of July–October are
 * shaped to make it). In 2022 it asks only for the second half of 2021, in February; the
 * VAT of 2022, the project's last year, is all still receivable at year end (the
 * arbetsträning of MIA vidare is shaped to make it).
 */
export const vatReceivable2021 = '357200.00';
export const vatReceivable2022 = '709700.00';

/**
 * The refunds of 2021: the second half of 2020 in February, the first half of 2021 in September.
 */
export function vatRefunds2021(
  receivable2020: string,
  drafts: readonly HistoryDraft[],
): HistoryDraft[] {
  const february = payday(2021, 2, 19);
  const september = payday(2021, 9, 17);
  return [
    historyDraft('MomsÅterbetald', 'moms-aterbetald-2020-h2', nextWorkday(february), {
      datum: february,
      period: '2020 jul-dec',
      belopp: receivable2020,
      text: 'Momsåterbetalning 2020 jul-dec (rekonstruerad period)',
    }),
    historyDraft('MomsÅterbetald', 'moms-aterbetald-2021-h1', nextWorkday(september), {
      datum: september,
      period: '2021 jan-jun',
      belopp: kr(vatBetween(drafts, '2021-01-01', '2021-06-30')),
      text: 'Momsåterbetalning 2021 jan-jun (rekonstruerad period)',
    }),
  ];
}

/** The refund of 2022: the second half of 2021, in February. */
export function vatRefunds2022(drafts: readonly HistoryDraft[]): HistoryDraft[] {
  const february = payday(2022, 2, 18);
  const secondHalf2021 = kr(vatBetween(drafts, '2021-07-01', '2021-12-31'));
  if (secondHalf2021 !== vatReceivable2021)
    throw new Error(`The VAT of July–December 2021 is ${secondHalf2021}, not ${vatReceivable2021}`);
  return [
    historyDraft('MomsÅterbetald', 'moms-aterbetald-2021-h2', nextWorkday(february), {
      datum: february,
      period: '2021 jul-dec',
      belopp: secondHalf2021,
      text: 'Momsåterbetalning 2021 jul-dec (rekonstruerad period)',
    }),
  ];
}
