import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, freeText, identifier } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { positiveAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { intäktsslag } from '../ChartOfAccounts.js';
import { debet, dimensionerOf, kredit } from '../Verifikation.js';

/**
 * Income earned in the year but not yet received (upplupen intäkt), typically the ESF
 * money for the last months of the year. It is an open item until it is reversed
 * (PeriodiseringÅterförd) in the next year, when the payment itself is booked as income.
 */
export const IntäktUpplupen = defineBookkeepingEvent({
  correctable: true,
  definition: defineEvent({
    type: 'IntäktUpplupen',
    category: 'bokföring',
    schema: z
      .object({
        datum: calendarDate(),
        postId: identifier(),
        intäktsslag: z.enum(intäktsslag, { error: `must be one of ${intäktsslag.join(', ')}` }),
        /**
         * The Not 1 line, e.g. `Intäkt försäljning tjänst` (optional; ESF and grants have their own
         * lines).
         */
        intäktspost: freeText(100).optional(),
        belopp: positiveAmount(),
        text: freeText(),
        motpart: freeText(200).optional(),
      })
      .strict(),
    businessDate: (data) => data.datum,
    description:
      'Income earned but not yet received (upplupen intäkt), e.g. ESF money for the last months of the year; open until reversed next year.',
  }),
  post: (data, chart) => [
    {
      datum: data.datum,
      text: data.text,
      ...(data.motpart === undefined ? {} : { motpart: data.motpart }),
      rader: [
        debet(chart.roles.förutbetaldaKostnaderUpplupnaIntäkter, Money.from(data.belopp)),
        kredit(
          chart.incomeAccount(data.intäktsslag),
          Money.from(data.belopp),
          dimensionerOf({ intäktsslag: data.intäktsslag, intäktspost: data.intäktspost }),
        ),
      ],
    },
  ],
  openItemEffects: (data) => [
    {
      effect: 'open',
      datum: data.datum,
      item: {
        postId: data.postId,
        slag: 'upplupen-intäkt',
        belopp: data.belopp,
        text: data.text,
        intäktsslag: data.intäktsslag,
        ...(data.intäktspost === undefined ? {} : { intäktspost: data.intäktspost }),
        ...(data.motpart === undefined ? {} : { motpart: data.motpart }),
      },
    },
  ],
});
