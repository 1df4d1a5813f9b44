import * as E from 'fp-ts/Either';
import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, freeText, identifier } from '../../events/zodFields.js';
import { assert } from '../../error.js';
import { Money } from '../../money/Money.js';
import { positiveAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import type { Chart, Intäktsslag, Medlemskategori } from '../ChartOfAccounts.js';
import {
  accountOfKind,
  addPlacementIssues,
  isIncomeAccrualKind,
  medlemsbidragPlacementIssues,
  openItemPlacementFields,
  openItemPlacementNames,
} from '../OpenItem.js';
import { refusal } from '../refusal.js';
import { debet, dimensionerOf, kredit, type VerifikationRad } from '../Verifikation.js';

/** The open-item kinds a {@link PeriodiseringÅterförd} reverses. */
const reversibleKinds = [
  'upplupen-intäkt',
  'förutbetald-kostnad',
  'upplupen-kostnad',
  'förutbetald-intäkt',
] as const;

/**
 * An accrual or prepayment is reversed (periodisering återförd), usually on the first
 * day of the next year: an upplupen kostnad back against its cost (the real invoice is
 * then booked as a cost), an upplupen intäkt back against its income (the payment is then
 * booked as income), a förutbetald kostnad into the cost of the period it belongs to, a
 * förutbetald intäkt (money received in advance) into the income of its period: a
 * medlemsbidrag paid ahead (intäktsslag `medlemsbidrag`) onto the member's contribution account
 * with its medlem and medlemskategori, as `MedlemsbidragMottaget` books it.
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
        slag: z.enum(reversibleKinds, {
          error: `must be ${reversibleKinds.slice(0, -1).join(', ')} or ${reversibleKinds.at(-1)}`,
        }),
        belopp: positiveAmount(),
        ...openItemPlacementFields,
        text: freeText(),
      })
      .strict()
      .superRefine((data, context) => {
        if (isIncomeAccrualKind(data.slag) && data.intäktsslag === undefined) {
          context.addIssue({
            code: 'custom',
            path: ['intäktsslag'],
            message: `reversing a ${data.slag} needs its intäktsslag`,
            params: { rule: 'income-accrual-needs-kind' },
          });
        }
        if (
          !isIncomeAccrualKind(data.slag) &&
          (data.område === undefined || data.post === undefined)
        ) {
          context.addIssue({
            code: 'custom',
            path: ['område'],
            message: `reversing a ${data.slag} needs område and post`,
            params: { rule: 'cost-accrual-needs-placement' },
          });
        }
        addPlacementIssues(context, medlemsbidragPlacementIssues(data.slag, data));
      }),
    businessDate: (data) => data.datum,
    description:
      'An accrual or prepayment reversed, usually on 1 January: an upplupen kostnad back against its cost, an upplupen intäkt against its income, a förutbetald kostnad or förutbetald intäkt into its period (a medlemsbidrag paid ahead onto the member’s contribution account, with medlem and medlemskategori).',
  }),
  post(data, chart) {
    const amount = Money.from(data.belopp);
    const balanceAccount = accountOfKind(chart, data.slag);
    let rader: VerifikationRad[];
    if (isIncomeAccrualKind(data.slag)) {
      const { konto: incomeAccount, dimensioner: placement } = incomePlacementOf(data, chart);
      // An upplupen intäkt leaves the income of the year it is paid; a förutbetald intäkt
      // becomes the income of the year it belongs to.
      rader =
        data.slag === 'upplupen-intäkt'
          ? [debet(incomeAccount, amount, placement), kredit(balanceAccount, amount)]
          : [debet(balanceAccount, amount), kredit(incomeAccount, amount, placement)];
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
    // A medlemsbidrag's verifikation names its member as counterparty, as MedlemsbidragMottaget's.
    const motpart = data.intäktsslag === 'medlemsbidrag' ? data.medlem : undefined;
    return [
      { datum: data.datum, text: data.text, ...(motpart === undefined ? {} : { motpart }), rader },
    ];
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
    // Reversed before it was booked, the item would stand negative between the two dates and a
    // year end in between would show a debt or a receivable that never existed.
    if (data.datum < item.datum)
      return refusal(
        'OPEN_ITEM_MISMATCH',
        `${data.postId} was booked on ${item.datum}; it cannot be reversed on ${data.datum}`,
        [
          {
            path: 'data.datum',
            rule: 'not-before-open-item',
            message: `must be on or after ${item.datum}, when ${data.postId} was booked`,
          },
        ],
        { postId: data.postId, öppnad: item.datum },
      );
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

/**
 * The income account and dimensions a reversed income accrual lands on: a medlemsbidrag on its
 * medlemskategori's contribution account with medlem and medlemskategori (as MedlemsbidragMottaget
 * books it), any other on its intäktsslag's income account with intäktsslag and intäktspost.
 */
function incomePlacementOf(
  data: {
    readonly intäktsslag?: string | undefined;
    readonly intäktspost?: string | undefined;
    readonly medlem?: string | undefined;
    readonly medlemskategori?: Medlemskategori | undefined;
  },
  chart: Chart,
) {
  if (data.intäktsslag === 'medlemsbidrag') {
    assert(
      data.medlem !== undefined && data.medlemskategori !== undefined,
      'a medlemsbidrag reversal names its member',
    );
    return {
      konto: chart.contributionAccount(data.medlemskategori),
      dimensioner: { medlem: data.medlem, medlemskategori: data.medlemskategori },
    };
  }
  return {
    konto: chart.incomeAccount(data.intäktsslag as Intäktsslag),
    dimensioner: dimensionerOf({ intäktsslag: data.intäktsslag, intäktspost: data.intäktspost }),
  };
}
