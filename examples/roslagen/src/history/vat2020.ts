import { kr, öre } from './amounts.js';
import { nextWorkday, payday2020 } from './calendar.js';
import { dateOfDraft, historyDraft, vatOfDraft, type HistoryDraft } from './historyDraft.js';

/**
 * The VAT refunds of 2020 (RECONSTRUCTED rhythm: the förbund asks for its VAT back per
 * half-year). The 2019 receivable (PRINTED 374 527) comes back in February; the VAT of
 * January–June 2020 in September; the VAT of July–December is still receivable at year
 * end: PRINTED 332 225 (Not 3 "Moms fordring").
 */
export function vatRefunds2020(opening: string, drafts: readonly HistoryDraft[]): HistoryDraft[] {
  const firstHalf = drafts
    .filter((draft) => dateOfDraft(draft) >= '2020-01-01' && dateOfDraft(draft) <= '2020-06-30')
    .reduce((sum, draft) => sum + öre(vatOfDraft(draft)), 0n);
  const february = payday2020(2, 20);
  const september = payday2020(9, 18);
  return [
    historyDraft('MomsÅterbetald', 'moms-aterbetald-2019-h2', nextWorkday(february), {
      datum: february,
      period: '2019 jul-dec',
      belopp: opening,
      text: 'Momsåterbetalning 2019 jul-dec (rekonstruerad period)',
    }),
    historyDraft('MomsÅterbetald', 'moms-aterbetald-2020-h1', nextWorkday(september), {
      datum: september,
      period: '2020 jan-jun',
      belopp: kr(firstHalf),
      text: 'Momsåterbetalning 2020 jan-jun (rekonstruerad period)',
    }),
  ];
}

/** The VAT booked from `from` to `to` (inclusive), in öre. */
export const vatBetween = (drafts: readonly HistoryDraft[], from: string, to: string): bigint =>
  drafts
    .filter((draft) => dateOfDraft(draft) >= from && dateOfDraft(draft) <= to)
    .reduce((sum, draft) => sum + öre(vatOfDraft(draft)), 0n);
