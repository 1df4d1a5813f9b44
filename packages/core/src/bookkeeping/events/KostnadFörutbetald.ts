import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, freeText, identifier } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { nonNegativeAmount, positiveAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { costPlacementFields, placementOf } from '../OpenItem.js';
import { checkVatAtMostHighestRate } from '../vatAtMostHighestRate.js';
import { compactRader, debet, kredit } from '../Verifikation.js';

/**
 * An invoice for a later period was received (förutbetald kostnad), e.g. next quarter's
 * rent. It is an asset until it is reversed (PeriodiseringÅterförd) into the period it
 * belongs to; the invoice is paid at once or owed (leverantörsskuld).
 */
export const KostnadFörutbetald = defineBookkeepingEvent({
  correctable: true,
  definition: defineEvent({
    type: 'KostnadFörutbetald',
    category: 'bokföring',
    schema: z
      .object({
        datum: calendarDate(),
        ...costPlacementFields,
        postId: identifier(),
        /** The period the cost belongs to, e.g. `2021 kv 1`. */
        avserPeriod: freeText(50),
        belopp: positiveAmount(),
        moms: nonNegativeAmount().default('0.00'),
        text: freeText(),
        motpart: freeText(200).optional(),
        betalning: z.discriminatedUnion('sätt', [
          z.object({ sätt: z.literal('bank') }).strict(),
          z
            .object({
              sätt: z.literal('leverantörsskuld'),
              postId: identifier(),
              förfallodatum: calendarDate().optional(),
              /**
               * The payable's own text in Not 4, when it differs from the prepayment's in Not 3.
               */
              text: freeText().optional(),
            })
            .strict(),
        ]),
      })
      .strict()
      .superRefine((data, context) => {
        if (data.betalning.sätt === 'leverantörsskuld' && data.betalning.postId === data.postId) {
          context.addIssue({
            code: 'custom',
            path: ['betalning', 'postId'],
            message: 'the payable needs its own id, different from the prepayment',
            params: { rule: 'unique-open-item' },
          });
        }
      }),
    businessDate: (data) => data.datum,
    description:
      "An invoice for a later period (e.g. next quarter's rent): a prepaid cost until reversed into its period; its VAT at most 25 % of the net, plus a krona for rounding; paid at once or owed.",
  }),
  // The VAT rule on the write side only: see checkVatAtMostHighestRate.
  check: (_state, { data }) => checkVatAtMostHighestRate(data),
  post(data, chart) {
    const total = Money.from(data.belopp).plus(Money.from(data.moms));
    return [
      {
        datum: data.datum,
        text: data.text,
        ...(data.motpart === undefined ? {} : { motpart: data.motpart }),
        rader: compactRader([
          debet(chart.roles.förutbetaldaKostnaderUpplupnaIntäkter, Money.from(data.belopp)),
          debet(chart.roles.momsfordran, Money.from(data.moms)),
          kredit(
            data.betalning.sätt === 'bank' ? chart.roles.bank : chart.roles.leverantörsskulder,
            total,
          ),
        ]),
      },
    ];
  },
  openItemEffects(data) {
    const placement = placementOf(data);
    const motpart = data.motpart === undefined ? {} : { motpart: data.motpart };
    const prepaid = {
      effect: 'open' as const,
      datum: data.datum,
      item: {
        postId: data.postId,
        slag: 'förutbetald-kostnad' as const,
        belopp: data.belopp,
        text: data.text,
        ...motpart,
        ...placement,
      },
    };
    if (data.betalning.sätt === 'bank') return [prepaid];
    const total = Money.from(data.belopp).plus(Money.from(data.moms)).toString();
    return [
      prepaid,
      {
        effect: 'open' as const,
        path: 'data.betalning.postId',
        datum: data.datum,
        item: {
          postId: data.betalning.postId,
          slag: 'leverantörsskuld' as const,
          belopp: total,
          text: data.betalning.text ?? data.text,
          ...motpart,
          ...placement,
          ...(data.betalning.förfallodatum === undefined
            ? {}
            : { förfallodatum: data.betalning.förfallodatum }),
        },
      },
    ];
  },
});
