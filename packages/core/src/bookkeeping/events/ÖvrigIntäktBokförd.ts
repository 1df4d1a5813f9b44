import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, freeText, identifier } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { positiveAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { debet, dimensionerOf, kredit } from '../Verifikation.js';

/**
 * Other income: a grant other than ESF (`bidrag`), or other income (`övrig`) such as the
 * sale of a service or lending staff to another organisation. Paid into the bank, or
 * invoiced (a kundfordran until paid).
 */
export const ÖvrigIntäktBokförd = defineBookkeepingEvent({
  correctable: true,
  definition: defineEvent({
    type: 'ÖvrigIntäktBokförd',
    category: 'bokföring',
    schema: z
      .object({
        datum: calendarDate(),
        intäktsslag: z.enum(['bidrag', 'övrig'], {
          error: 'must be bidrag or övrig (ESF has its own events)',
        }),
        /**
         * The Not 1 line, e.g. `Intäkt försäljning tjänst` or `Utlåning av personal` (optional).
         */
        intäktspost: freeText(100).optional(),
        belopp: positiveAmount(),
        text: freeText(),
        motpart: freeText(200).optional(),
        betalning: z.discriminatedUnion('sätt', [
          z.object({ sätt: z.literal('bank') }).strict(),
          z
            .object({
              sätt: z.literal('kundfordran'),
              postId: identifier(),
              /** When the customer is to pay (förfallodag): the reskontra ages the item by it. */
              förfallodatum: calendarDate().optional(),
            })
            .strict(),
        ]),
      })
      .strict(),
    businessDate: (data) => data.datum,
    description:
      'Other income: a non-ESF grant, or e.g. the sale of a service or lending of staff; paid into the bank or invoiced.',
  }),
  post: (data, chart) => [
    {
      datum: data.datum,
      text: data.text,
      ...(data.motpart === undefined ? {} : { motpart: data.motpart }),
      rader: [
        debet(
          data.betalning.sätt === 'bank' ? chart.roles.bank : chart.roles.kundfordringar,
          Money.from(data.belopp),
        ),
        kredit(
          chart.incomeAccount(data.intäktsslag),
          Money.from(data.belopp),
          dimensionerOf({ intäktsslag: data.intäktsslag, intäktspost: data.intäktspost }),
        ),
      ],
    },
  ],
  openItemEffects: (data) =>
    data.betalning.sätt === 'kundfordran'
      ? [
          {
            effect: 'open',
            path: 'data.betalning.postId',
            datum: data.datum,
            item: {
              postId: data.betalning.postId,
              slag: 'kundfordran',
              belopp: data.belopp,
              text: data.text,
              ...(data.motpart === undefined ? {} : { motpart: data.motpart }),
              ...(data.betalning.förfallodatum === undefined
                ? {}
                : { förfallodatum: data.betalning.förfallodatum }),
            },
          },
        ]
      : [],
});
