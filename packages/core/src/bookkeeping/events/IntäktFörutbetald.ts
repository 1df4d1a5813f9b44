import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, freeText, identifier } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { positiveAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { förutbetaldaIntäkterAccount, intäktsslag } from '../ChartOfAccounts.js';
import { debet, kredit } from '../Verifikation.js';

/**
 * Money received before the period it belongs to (förutbetald intäkt): next year's grant paid in
 * December, ESF money paid in advance, a course fee for next term. Under LKBR it is a debt, on
 * the balansräkning line "Upplupna kostnader och förutbetalda intäkter" (Kommun-BAS 2970, or the
 * chart's upplupna kostnader account when it has no account of its own for them), not income. It
 * is an open item until it is reversed (PeriodiseringÅterförd) into the income of its period,
 * usually on 1 January, under its intäktsslag and intäktspost.
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
        /** The income it becomes when reversed: esf, bidrag or övrig. */
        intäktsslag: z.enum(intäktsslag, { error: `must be one of ${intäktsslag.join(', ')}` }),
        /** The Not 1 line of the income it becomes, e.g. `Kursavgifter` (optional). */
        intäktspost: freeText(100).optional(),
        /** The period the income belongs to, e.g. `2024` or `vt 2024`. */
        avserPeriod: freeText(50),
        belopp: positiveAmount(),
        text: freeText(),
        motpart: freeText(200).optional(),
      })
      .strict(),
    businessDate: (data) => data.datum,
    description:
      'Money received for a later period (förutbetald intäkt), e.g. next year’s grant paid in December: a debt until reversed into the income of its period.',
  }),
  post: (data, chart) => [
    {
      datum: data.datum,
      text: data.text,
      ...(data.motpart === undefined ? {} : { motpart: data.motpart }),
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
        ...(data.motpart === undefined ? {} : { motpart: data.motpart }),
      },
    },
  ],
});
