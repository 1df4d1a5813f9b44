import { defineEvent } from '../../events/defineEvent.js';
import { Money } from '../../money/Money.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { debet, kredit } from '../Verifikation.js';
import { openItemPaymentSchema } from './openItemPaymentSchema.js';

/**
 * A supplier invoice that was owed (leverantörsskuld) was paid from the bank, in whole
 * or in part. The ledger refuses a payment of an unknown payable or above its open amount.
 */
export const LeverantörsskuldBetald = defineBookkeepingEvent({
  correctable: true,
  definition: defineEvent({
    type: 'LeverantörsskuldBetald',
    category: 'bokföring',
    schema: openItemPaymentSchema(),
    businessDate: (data) => data.datum,
    description:
      'A leverantörsskuld was paid from the bank, in whole or in part; never above its open amount.',
  }),
  post: (data, chart) => [
    {
      datum: data.datum,
      text: data.text ?? `Betalning leverantörsskuld ${data.postId}`,
      ...(data.motpart === undefined ? {} : { motpart: data.motpart }),
      rader: [
        debet(chart.roles.leverantörsskulder, Money.from(data.belopp)),
        kredit(chart.roles.bank, Money.from(data.belopp)),
      ],
    },
  ],
  openItemEffects: (data) => [
    {
      effect: 'settle',
      postId: data.postId,
      belopp: data.belopp,
      slag: ['leverantörsskuld'],
      whole: false,
    },
  ],
});
