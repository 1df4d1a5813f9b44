import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, freeText, identifier } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { positiveAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { förutbetaldaIntäkterAccount } from '../ChartOfAccounts.js';
import {
  accrualIntäktsslag,
  addPlacementIssues,
  medlemsbidragPlacementIssues,
} from '../OpenItem.js';
import { debet, kredit } from '../Verifikation.js';
import { medlemFields } from './MedlemsbidragFakturerat.js';

/**
 * Money received before the period it belongs to (förutbetald intäkt): next year's grant paid in
 * December, ESF money paid in advance, a course fee for next term. Under LKBR it is a debt, on
 * the balansräkning line "Upplupna kostnader och förutbetalda intäkter" (Kommun-BAS 2970, or the
 * chart's upplupna kostnader account when it has no account of its own for them), not income. It
 * is an open item until it is reversed (PeriodiseringÅterförd) into the income of its period,
 * usually on 1 January, under its intäktsslag and intäktspost.
 *
 * A member's contribution for next year paid in December is intäktsslag `medlemsbidrag` with the
 * member's `medlem` and `medlemskategori` (required then, refused otherwise; no intäktspost): the
 * reversal books it on the member's contribution account with those dimensions, so that it counts
 * in Not 1, the Finsam 5 § split and the members' shares of the year it is for.
 */
export const IntäktFörutbetald = defineBookkeepingEvent({
  correctable: true,
  definition: defineEvent({
    type: 'IntäktFörutbetald',
    category: 'bokföring',
    schema: z
      .object({
        /** The day the money came into the bank. */
        datum: calendarDate(),
        postId: identifier(),
        /** The income it becomes when reversed: esf, bidrag, övrig or medlemsbidrag. */
        intäktsslag: z.enum(accrualIntäktsslag, {
          error: `must be one of ${accrualIntäktsslag.join(', ')}`,
        }),
        /**
         * The Not 1 line of the income it becomes, e.g. `Kursavgifter` (optional; none for a
         * medlemsbidrag, whose line is the member's).
         */
        intäktspost: freeText(100).optional(),
        /** The member whose contribution it is: required for a medlemsbidrag, else refused. */
        medlem: medlemFields.medlem
          .optional()
          .describe(
            'The member whose contribution it is: required with intäktsslag medlemsbidrag.',
          ),
        /** The member's medlemskategori: required for a medlemsbidrag, else refused. */
        medlemskategori: medlemFields.medlemskategori
          .optional()
          .describe('The member’s medlemskategori: required with intäktsslag medlemsbidrag.'),
        /** The period the income belongs to, e.g. `2024` or `vt 2024`. */
        avserPeriod: freeText(50),
        belopp: positiveAmount(),
        text: freeText(),
        motpart: freeText(200).optional(),
      })
      .strict()
      .superRefine((data, context) =>
        addPlacementIssues(context, medlemsbidragPlacementIssues('förutbetald-intäkt', data)),
      ),
    businessDate: (data) => data.datum,
    description:
      'Money received for a later period (förutbetald intäkt), e.g. next year’s grant paid in December: a debt until reversed into the income of its period. A member’s contribution paid ahead is intäktsslag medlemsbidrag with medlem and medlemskategori, reversed onto the member’s contribution account.',
  }),
  post: (data, chart) => [
    {
      datum: data.datum,
      text: data.text,
      ...motpartOf(data),
      rader: [
        debet(chart.roles.bank, Money.from(data.belopp)),
        kredit(förutbetaldaIntäkterAccount(chart), Money.from(data.belopp)),
      ],
    },
  ],
  openItemEffects: (data) => [
    {
      effect: 'open',
      datum: data.datum,
      item: {
        postId: data.postId,
        slag: 'förutbetald-intäkt',
        belopp: data.belopp,
        text: data.text,
        intäktsslag: data.intäktsslag,
        ...(data.intäktspost === undefined ? {} : { intäktspost: data.intäktspost }),
        ...motpartOf(data),
        ...(data.medlem === undefined ? {} : { medlem: data.medlem }),
        ...(data.medlemskategori === undefined ? {} : { medlemskategori: data.medlemskategori }),
      },
    },
  ],
});

/** The counterparty: `motpart`, else a medlemsbidrag's member. */
const motpartOf = (data: { readonly motpart?: string; readonly medlem?: string }) => {
  const motpart = data.motpart ?? data.medlem;
  return motpart === undefined ? {} : { motpart };
};
