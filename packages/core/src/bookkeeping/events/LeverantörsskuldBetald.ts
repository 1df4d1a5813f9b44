import { defineEvent } from '../../events/defineEvent.js';
import { Money } from '../../money/Money.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import type { OpenItemKind } from '../OpenItem.js';
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
  post(data, chart) {
    // Every payment recorded is posted here: its amount parsed once, and the draft's members
    // (motpart only when given) in one object literal, not a spread of a conditional one.
    const belopp = Money.from(data.belopp);
    const text = data.text ?? `Betalning leverantörsskuld ${data.postId}`;
    const rader = [debet(chart.roles.leverantörsskulder, belopp), kredit(chart.roles.bank, belopp)];
    return [
      data.motpart === undefined
        ? { datum: data.datum, text, rader }
        : { datum: data.datum, text, motpart: data.motpart, rader },
    ];
  },
  openItemEffects: (data) => [
    { effect: 'settle', postId: data.postId, belopp: data.belopp, slag: settles, whole: false },
  ],
});

/** The kinds a supplier payment settles: one list for every payment (the rules only read it). */
const settles: readonly OpenItemKind[] = Object.freeze(['leverantörsskuld']);
