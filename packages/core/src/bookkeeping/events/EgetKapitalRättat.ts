import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, freeText, identifier } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { signedAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import {
  accountOfKind,
  isReceivableKind,
  openItemKinds,
  type OpenItemEffect,
} from '../OpenItem.js';
import type { VerifikationRad } from '../Verifikation.js';

/**
 * What a correction against eget kapital is booked against: an open item, or the VAT receivable.
 */
export const equityCorrectionTargets = [...openItemKinds, 'momsfordran'] as const;

/**
 * Rättelse av fel i tidigare års redovisning: an error in a closed year's balance sheet,
 * found later, corrected directly against eget kapital (övrigt eget kapital), not through
 * the open year's result. Examples: an ESF accrual that turned out too high after the
 * year was closed and adopted; a payable booked too low.
 *
 * `belopp` is the change in eget kapital: negative lowers it (a receivable lowered, a debt
 * raised), positive raises it. The counter-entry (`motpost`) is an open item, named by its
 * `postId` so that Not 3 and Not 4 stay item by item, or the VAT receivable; the item must
 * exist (the ledger refuses an unknown `postId` with `OPEN_ITEM_NOT_FOUND`, so a debt that
 * was never booked at all cannot be opened this way). Bank is never
 * a motpost: a cash difference is not corrected against equity. The kassaflödesanalys
 * shows the correction under "Justering för ej likviditetspåverkande poster".
 */
export const EgetKapitalRättat = defineBookkeepingEvent({
  correctable: true,
  definition: defineEvent({
    type: 'EgetKapitalRättat',
    category: 'bokföring',
    schema: z
      .object({
        datum: calendarDate(),
        belopp: signedAmount(),
        motpost: z
          .object({
            slag: z.enum(equityCorrectionTargets, {
              error: `must be one of ${equityCorrectionTargets.join(', ')} (never bank)`,
            }),
            postId: identifier().optional(),
          })
          .strict(),
        text: freeText(),
        /** Why: which year, what was wrong, who decided (e.g. the board's minutes). */
        skäl: freeText(1000),
      })
      .strict()
      .superRefine((data, context) => {
        if (Money.from(data.belopp).isZero())
          context.addIssue({
            code: 'custom',
            path: ['belopp'],
            message: 'a correction changes eget kapital: belopp is not zero',
            params: { rule: 'non-zero' },
          });
        if (data.motpost.slag === 'momsfordran' && data.motpost.postId !== undefined) {
          context.addIssue({
            code: 'custom',
            path: ['motpost', 'postId'],
            message: 'the VAT receivable is not an open item: no postId',
            params: { rule: 'no-post-id-for-vat' },
          });
        }
        if (data.motpost.slag !== 'momsfordran' && data.motpost.postId === undefined) {
          context.addIssue({
            code: 'custom',
            path: ['motpost', 'postId'],
            message: `a ${data.motpost.slag} is corrected item by item: name its postId`,
            params: { rule: 'open-item-needs-post-id' },
          });
        }
      }),
    businessDate: (data) => data.datum,
    description:
      'Rättelse av fel i tidigare års redovisning: a closed year’s balance-sheet error corrected directly against eget kapital, with an open item (or the VAT receivable) as counter-entry.',
  }),
  post(data, chart) {
    const change = Money.from(data.belopp);
    const counterAccount =
      data.motpost.slag === 'momsfordran'
        ? chart.roles.momsfordran
        : accountOfKind(chart, data.motpost.slag);
    // Equity is credit-positive: raising it is a kredit (negative line), lowering it a debet.
    const rader: VerifikationRad[] = [
      { konto: chart.roles.balanseratResultat, belopp: change.negated() },
      { konto: counterAccount, belopp: change },
    ];
    return [{ datum: data.datum, text: data.text, rader }];
  },
  openItemEffects(data): OpenItemEffect[] {
    const { slag, postId } = data.motpost;
    if (slag === 'momsfordran' || postId === undefined) return [];
    const change = Money.from(data.belopp);
    // A receivable falls with equity; a debt rises when equity falls.
    const itemGrows = isReceivableKind(slag) ? !change.isNegative() : change.isNegative();
    const amount = change.abs().toString();
    return itemGrows
      ? [
          {
            effect: 'open',
            path: 'data.motpost.postId',
            datum: data.datum,
            item: { postId, slag, belopp: amount, text: data.text },
            reopen: true,
          },
        ]
      : [
          {
            effect: 'settle',
            path: 'data.motpost.postId',
            postId,
            belopp: amount,
            slag: [slag],
            whole: false,
          },
        ];
  },
});
