import { öre } from './amounts.js';
import { nextWorkday } from './calendar.js';
import { historyDraft, type HistoryDraft } from './historyDraft.js';
import { esfPayments2021 } from './income2021.js';
import { esfAccrual2020 } from './yearEnd2020.js';

/**
 * The one correction of an earlier year's books: övrigt eget kapital.
 *
 * PRINTED: 2020 closes with eget kapital 3 541 284 (Årsredovisning 2020: övrigt eget kapital
 * 2 974 356 + årets resultat 566 928; driftredovisning "3 541"), but the 2021 column of
 * Årsredovisning 2022 shows övrigt eget kapital 3 525 (tkr), 16 tkr less, and no line says
 * why. A kommunalförbund's equity moves only by the result, so the 16 tkr is a correction
 * of the 2020 balance sheet booked directly against eget kapital.
 *
 * RECONSTRUCTED: what was wrong and when it was found. Svenska ESF-rådet paid the claim for
 * September–December 2020 in April 2021 with 755 420.00, 16 000.00 less than the
 * 771 420.00 accrued in the adopted 2020 accounts (Not 3 2020 "Upplupen intäkt ESF medel
 * sep-dec 2020"). The ekonom lowers the accrual by 16 000.00 against eget kapital
 * (`EgetKapitalRättat`), reverses what remains and books the payment: the 2021 result is
 * not touched, eget kapital 2021 opens at 3 541 284 − 16 000 = 3 525 284 (prints 3 525).
 * KF 2021 then shows the 16 000 under "Justering för ej likviditetspåverkande poster" (−16)
 * and the change in receivables as −393; the report prints +13 and −422, the same sum −409
 * (README, "Discrepancies").
 */
export const esfCorrection2020 = {
  datum: esfPayments2021[0].datum,
  belopp: '-16000.00',
  postId: esfAccrual2020.postId,
  /** What the accrual should have been: the payment. */
  rättatBelopp: esfPayments2021[0].belopp,
} as const;

/**
 * The correction, the reversal of the corrected accrual and the payment, all on the day the payment
 * came.
 */
export function correctionOfEsf2020(): HistoryDraft[] {
  const { datum, belopp, postId, rättatBelopp } = esfCorrection2020;
  if (öre(esfAccrual2020.belopp) + öre(belopp) !== öre(rättatBelopp))
    throw new Error('the ESF correction does not make the payment');
  const payment = esfPayments2021[0];
  return [
    historyDraft(
      'EgetKapitalRättat',
      '2021-eget-kapital-rattat-esf-sep-dec-2020',
      nextWorkday(datum),
      {
        datum,
        belopp,
        motpost: { slag: 'upplupen-intäkt', postId },
        text: `Rättelse bokslut 2020: ${esfAccrual2020.text} 16 000 kr för hög`,
        skäl:
          'Svenska ESF-rådet betalade ansökan för september–december 2020 med 755 420 kr, 16 000 kr mindre än den upplupna intäkten 771 420 kr i den fastställda ' +
          'årsredovisningen 2020. Felet i 2020 års balansräkning rättas mot eget kapital, inte över 2021 års resultat (rekonstruerat: Årsredovisning 2022 visar övrigt ' +
          'eget kapital 3 525 tkr för 2021 mot utgående eget kapital 3 541 tkr 2020).',
      },
    ),
    historyDraft('PeriodiseringÅterförd', `2021-aterforing-${postId}`, nextWorkday(datum), {
      datum,
      postId,
      slag: 'upplupen-intäkt',
      belopp: rättatBelopp,
      intäktsslag: 'esf',
      text: `Återföring: ${esfAccrual2020.text} (efter rättelse)`,
    }),
    historyDraft('ESFUtbetalning', `2021-esf-${payment.datum}`, nextWorkday(payment.datum), {
      ...payment,
      text: `ESF-utbetalning ${payment.projekt} ${payment.period} (rekonstruerad)`,
    }),
  ];
}
