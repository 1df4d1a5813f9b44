import { defineEvent } from '../../events/defineEvent.js';
import { Money } from '../../money/Money.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { debet, kredit } from '../Verifikation.js';
import { openItemPaymentSchema } from './openItemPaymentSchema.js';

/**
 * An övrig kortfristig skuld (a cost owed to someone other than a supplier, opened by
 * `KostnadBokförd` with `betalning.sätt: 'övrig-skuld'`) was paid from the bank, in whole
 * or in part. The ledger refuses a payment of an unknown debt or above its open amount.
 */
export const ÖvrigSkuldBetald = defineBookkeepingEvent({
  correctable: true,
  definition: defineEvent({
    type: 'ÖvrigSkuldBetald',
    category: 'bokföring',
    schema: openItemPaymentSchema(),
    businessDate: (data) => data.datum,
    description:
      'An övrig kortfristig skuld was paid from the bank, in whole or in part; never above its open amount.',
  }),
  post: (data, chart) => [
    {
      datum: data.datum,
      text: data.text ?? `Betalning övrig skuld ${data.postId}`,
      ...(data.motpart === undefined ? {} : { motpart: data.motpart }),
      rader: [
        debet(chart.roles.övrigaKortfristigaSkulder, Money.from(data.belopp)),
        kredit(chart.roles.bank, Money.from(data.belopp)),
      ],
    },
  ],
  openItemEffects: (data) => [
    {
      effect: 'settle',
      postId: data.postId,
      belopp: data.belopp,
      slag: ['övrig-kortfristig-skuld'],
      whole: false,
    },
  ],
});
