import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, freeText } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { positiveAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { debet, kredit } from '../Verifikation.js';

/**
 * A payment from the European Social Fund (Svenska ESF-rådet) was received. ESF pays in
 * arrears on the hours reported for a project period, so the income of months not yet
 * paid at year end is accrued with IntäktUpplupen and reversed the next year.
 */
export const ESFUtbetalning = defineBookkeepingEvent({
  correctable: true,
  definition: defineEvent({
    type: 'ESFUtbetalning',
    category: 'bokföring',
    schema: z
      .object({
        datum: calendarDate(),
        /** The ESF project, e.g. `MIA vidare Roslagen`. */
        projekt: freeText(100),
        /** The reporting period paid, e.g. `2020-05-01–2020-08-31`. */
        period: freeText(50),
        belopp: positiveAmount(),
        text: freeText().optional(),
      })
      .strict(),
    businessDate: (data) => data.datum,
    description:
      'A payment from the European Social Fund for a project period, paid in arrears on reported hours; income when received.',
  }),
  post(data, chart) {
    // Its amount parsed once, not once per line.
    const belopp = Money.from(data.belopp);
    return [
      {
        datum: data.datum,
        text: data.text ?? `ESF-utbetalning ${data.projekt} ${data.period}`,
        motpart: 'Svenska ESF-rådet',
        rader: [
          debet(chart.roles.bank, belopp),
          kredit(chart.incomeAccount('esf'), belopp, { intäktsslag: 'esf' }),
        ],
      },
    ];
  },
});
