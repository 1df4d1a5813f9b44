import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, freeText } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { positiveAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { debet, kredit } from '../Verifikation.js';

/**
 * VAT the förbund paid on its purchases was refunded (momsfordran återbetald). The
 * ledger refuses a refund larger than the VAT receivable (`VAT_REFUND_EXCEEDS_RECEIVABLE`, naming
 * `data.belopp`): this is the event the rule is for (`vatRefund`).
 */
export const MomsÅterbetald = defineBookkeepingEvent({
  correctable: true,
  vatRefund: true,
  definition: defineEvent({
    type: 'MomsÅterbetald',
    category: 'bokföring',
    schema: z
      .object({
        datum: calendarDate(),
        period: freeText(50),
        belopp: positiveAmount(),
        text: freeText().optional(),
      })
      .strict(),
    businessDate: (data) => data.datum,
    description:
      'VAT paid on purchases was refunded into the bank; never more than the VAT receivable.',
  }),
  post: (data, chart) => [
    {
      datum: data.datum,
      text: data.text ?? `Momsåterbetalning ${data.period}`,
      motpart: 'Skatteverket',
      rader: [
        debet(chart.roles.bank, Money.from(data.belopp)),
        kredit(chart.roles.momsfordran, Money.from(data.belopp)),
      ],
    },
  ],
});
