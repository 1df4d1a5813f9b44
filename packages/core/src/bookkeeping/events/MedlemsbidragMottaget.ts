import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, freeText } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { positiveAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { debet, kredit } from '../Verifikation.js';
import { medlemFields } from './MedlemsbidragFakturerat.js';

/**
 * A member's contribution (medlemsbidrag) was received in the bank. Finsam 5 § splits
 * the allocation: the state (through Försäkringskassan, for itself and
 * Arbetsförmedlingen) pays half, the region a quarter, the municipalities together a
 * quarter. Income on receipt; an invoiced contribution is settled with KundfordranBetald. A
 * contribution paid ahead for a later year is a debt until that year: `IntäktFörutbetald`
 * with intäktsslag `medlemsbidrag`.
 */
export const MedlemsbidragMottaget = defineBookkeepingEvent({
  correctable: true,
  definition: defineEvent({
    type: 'MedlemsbidragMottaget',
    category: 'bokföring',
    schema: z
      .object({
        datum: calendarDate(),
        ...medlemFields,
        belopp: positiveAmount(),
        text: freeText().optional(),
      })
      .strict(),
    businessDate: (data) => data.datum,
    description:
      "A member's contribution was received in the bank; income on receipt (of the year of datum; period is only its label), on the state's or the region's and municipalities' contribution account. Money received ahead for a later year is a förutbetald intäkt: IntäktFörutbetald with intäktsslag medlemsbidrag, income of the year it is reversed into.",
  }),
  post(data, chart) {
    // Every contribution recorded is posted here: its amount parsed once.
    const belopp = Money.from(data.belopp);
    return [
      {
        datum: data.datum,
        text: data.text ?? `Medlemsbidrag ${data.medlem} ${data.period}`,
        motpart: data.medlem,
        rader: [
          debet(chart.roles.bank, belopp),
          kredit(chart.contributionAccount(data.medlemskategori), belopp, {
            medlem: data.medlem,
            medlemskategori: data.medlemskategori,
          }),
        ],
      },
    ];
  },
});
