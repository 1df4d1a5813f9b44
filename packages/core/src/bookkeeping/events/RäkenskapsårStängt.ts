import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, financialYear, freeText } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { signedAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { debet, kredit, type VerifikationDraft } from '../Verifikation.js';

/**
 * The financial year is closed (bokslut): no booking dated in it is accepted after this;
 * a correction found later is booked in the open year. The event states the year's
 * result, which the ledger checks against its own books; it is moved to eget kapital
 * (årets resultat on 31 December, then to balanserat resultat on 1 January). A year can
 * be closed once, and only after the year before it.
 */
export const RäkenskapsårStängt = defineBookkeepingEvent({
  definition: defineEvent({
    type: 'RäkenskapsårStängt',
    category: 'bokföring',
    schema: z
      .object({
        år: financialYear(),
        /** When the year was closed (e.g. the board's decision). */
        datum: calendarDate(),
        åretsResultat: signedAmount(),
        text: freeText().optional(),
      })
      .strict()
      .superRefine((data, context) => {
        if (data.datum < `${data.år}-12-31`) {
          context.addIssue({
            code: 'custom',
            path: ['datum'],
            message: 'a year is closed on or after its last day',
            params: { rule: 'close-after-year-end' },
          });
        }
      }),
    businessDate: (data) => `${data.år}-12-31`,
    description:
      'Closes a financial year: states its result (checked against the books), moves it to eget kapital, and refuses later bookings dated in the year.',
  }),
  post(data, chart): VerifikationDraft[] {
    const result = Money.from(data.åretsResultat);
    if (result.isZero()) return [];
    return [
      {
        datum: `${data.år}-12-31`,
        text: data.text ?? `Årets resultat ${data.år}`,
        bokslut: 'årets-resultat',
        rader: [
          debet(chart.roles.åretsResultatDisposition, result),
          kredit(chart.roles.åretsResultat, result),
        ],
      },
      {
        datum: `${data.år + 1}-01-01`,
        text: `Omföring av årets resultat ${data.år} till balanserat resultat`,
        bokslut: 'omföring',
        rader: [
          debet(chart.roles.åretsResultat, result),
          kredit(chart.roles.balanseratResultat, result),
        ],
      },
    ];
  },
});
