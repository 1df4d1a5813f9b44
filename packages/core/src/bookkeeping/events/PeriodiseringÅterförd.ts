import * as E from 'fp-ts/Either';
import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, freeText, identifier } from '../../events/zodFields.js';
import { assert } from '../../error.js';
import { Money } from '../../money/Money.js';
import { positiveAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { accountOfKind, openItemPlacementFields, openItemPlacementNames } from '../OpenItem.js';
import { refusal } from '../refusal.js';
import { debet, dimensionerOf, kredit, type VerifikationRad } from '../Verifikation.js';

/**
 * An accrual or prepayment is reversed (periodisering återförd), usually on the first
 * day of the next year: an upplupen kostnad back against its cost (the real invoice is
 * then booked as a cost), an upplupen intäkt back against its income (the payment is then
 * booked as income), a förutbetald kostnad into the cost of the period it belongs to.
 *
 * The event repeats the item's kind, amount and placement so that its posting needs
 * nothing but the event; the ledger checks them against the open item, and
 * `reverseAccrual` in the ledger builds the event from the open item for you.
 */
export const PeriodiseringÅterförd = defineBookkeepingEvent({
  correctable: true,
  definition: defineEvent({
    type: 'PeriodiseringÅterförd',
    category: 'bokföring',
    schema: z
      .object({
        datum: calendarDate(),
        postId: identifier(),
        slag: z.enum(['upplupen-intäkt', 'förutbetald-kostnad', 'upplupen-kostnad'], {
          error: 'must be upplupen-intäkt, förutbetald-kostnad or upplupen-kostnad',
        }),
        belopp: positiveAmount(),
        ...openItemPlacementFields,
        text: freeText(),
      })
      .strict()
      .superRefine((data, context) => {
        if (data.slag === 'upplupen-intäkt' && data.intäktsslag === undefined) {
          context.addIssue({
            code: 'custom',
            path: ['intäktsslag'],
            message: 'reversing an upplupen intäkt needs its intäktsslag',
            params: { rule: 'income-accrual-needs-kind' },
          });
        }
        if (
          data.slag !== 'upplupen-intäkt' &&
          (data.område === undefined || data.post === undefined)
        ) {
          context.addIssue({
            code: 'custom',
            path: ['område'],
            message: `reversing a ${data.slag} needs område and post`,
            params: { rule: 'cost-accrual-needs-placement' },
          });
        }
      }),
    businessDate: (data) => data.datum,
    description:
      'An accrual or prepayment reversed, usually on 1 January: an upplupen kostnad back against its cost, an upplupen intäkt against its income, a förutbetald kostnad into its period.',
  }),
  post(data, chart) {
    const amount = Money.from(data.belopp);
    const balanceAccount = accountOfKind(chart, data.slag);
    let rader: VerifikationRad[];
    if (data.slag === 'upplupen-intäkt') {
      rader = [
        debet(
          chart.incomeAccount(data.intäktsslag!),
          amount,
          dimensionerOf({ intäktsslag: data.intäktsslag, intäktspost: data.intäktspost }),
        ),
        kredit(balanceAccount, amount),
      ];
    } else {
      assert(
        data.område !== undefined && data.post !== undefined,
        'cost accrual reversal has a placement',
      );
      const costAccount = chart.costAccount(data.område, data.post);
      const placement = dimensionerOf({
        område: data.område,
        post: data.post,
        underpost: data.underpost,
        insats: data.insats,
      });
      rader =
        data.slag === 'upplupen-kostnad'
          ? [debet(balanceAccount, amount), kredit(costAccount, amount, placement)]
          : [debet(costAccount, amount, placement), kredit(balanceAccount, amount)];
    }
    return [{ datum: data.datum, text: data.text, rader }];
  },
  openItemEffects: (data) => [
    { effect: 'settle', postId: data.postId, belopp: data.belopp, slag: [data.slag], whole: true },
  ],
  // The reversal states the item's whole placement exactly: its posting cannot see the open
  // item, and without the underpost, insats or intäktspost the reversed amount would land on
  // another Not 1 or Not 2 line than the accrual it reverses. An unknown item, another kind
  // or another amount are the decider's open-item rules.
  check(state, { data }) {
    const item = state.openItems.get(data.postId);
    if (item === undefined) return E.right(undefined);
    const mismatch = openItemPlacementNames
      .filter((field) => data[field] !== item[field])
      .map((field) => ({
        path: `data.${field}`,
        rule: 'placement-of-open-item',
        message: `${field} is ${item[field] ?? '(none)'}, not ${data[field] ?? '(none)'}`,
      }));
    if (mismatch.length === 0) return E.right(undefined);
    return refusal(
      'OPEN_ITEM_MISMATCH',
      `${data.postId}: ${mismatch.map((issue) => issue.message).join('; ')}`,
      mismatch,
      { postId: data.postId },
    );
  },
});
