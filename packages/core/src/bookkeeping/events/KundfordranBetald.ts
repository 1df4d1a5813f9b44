import { defineEvent } from '../../events/defineEvent.js';
import { Money } from '../../money/Money.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { debet, kredit } from '../Verifikation.js';
import { openItemPaymentSchema } from './openItemPaymentSchema.js';

/**
 * A receivable (kundfordran) was paid into the bank, in whole or in part. The ledger
 * refuses a payment of an unknown receivable or above its open amount.
 */
export const KundfordranBetald = defineBookkeepingEvent({
  correctable: true,
  definition: defineEvent({
    type: 'KundfordranBetald',
    category: 'bokföring',
    schema: openItemPaymentSchema(),
    businessDate: (data) => data.datum,
    description:
      'A kundfordran was paid into the bank, in whole or in part; never above its open amount.',
  }),
  post: (data, chart) => [
    {
      datum: data.datum,
      text: data.text ?? `Inbetalning kundfordran ${data.postId}`,
      ...(data.motpart === undefined ? {} : { motpart: data.motpart }),
      rader: [
        debet(chart.roles.bank, Money.from(data.belopp)),
        kredit(chart.roles.kundfordringar, Money.from(data.belopp)),
      ],
    },
  ],
  openItemEffects: (data) => [
    {
      effect: 'settle',
      postId: data.postId,
      belopp: data.belopp,
      slag: ['kundfordran'],
      whole: false,
    },
  ],
});
