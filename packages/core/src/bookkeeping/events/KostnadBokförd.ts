import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, freeText, identifier } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { nonNegativeAmount, positiveAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { costPlacementFields, placementOf } from '../OpenItem.js';
import { compactRader, debet, dimensionerOf, kredit } from '../Verifikation.js';

/** How a cost is (to be) paid. */
export const costPaymentSchema = z.discriminatedUnion(
  'sätt',
  [
    z.object({ sätt: z.literal('bank') }).strict(),
    /** An invoice received and not yet paid: a leverantörsskuld until LeverantörsskuldBetald. */
    z
      .object({
        sätt: z.literal('leverantörsskuld'),
        postId: identifier(),
        förfallodatum: calendarDate().optional(),
      })
      .strict(),
    /** A cost of the year whose invoice has not come (upplupen kostnad): reversed next year. */
    z.object({ sätt: z.literal('upplupen'), postId: identifier() }).strict(),
    /**
     * Owed to someone other than a supplier (övrig kortfristig skuld), e.g. an outlay to repay or a
     * fee to a member: open until ÖvrigSkuldBetald.
     */
    z.object({ sätt: z.literal('övrig-skuld'), postId: identifier() }).strict(),
  ],
  { error: 'betalning.sätt must be bank, leverantörsskuld, upplupen or övrig-skuld' },
);

/**
 * A cost was booked: an invoice or a charge for staff lent by a member, placed in its
 * område (administrativa kostnader, strukturpåverkande insatser, operativa
 * individinsatser), its post (the Not 2 line) and optionally its insats. `belopp` is the
 * cost net of VAT; `moms` is the VAT the förbund gets back (momsfordran). Paid at once,
 * owed to the supplier (leverantörsskuld), or accrued at year end (upplupen kostnad,
 * without VAT: VAT is booked when the invoice comes).
 */
export const KostnadBokförd = defineBookkeepingEvent({
  correctable: true,
  definition: defineEvent({
    type: 'KostnadBokförd',
    category: 'bokföring',
    schema: z
      .object({
        datum: calendarDate(),
        ...costPlacementFields,
        belopp: positiveAmount(),
        moms: nonNegativeAmount().default('0.00'),
        text: freeText(),
        motpart: freeText(200).optional(),
        betalning: costPaymentSchema,
      })
      .strict()
      .superRefine((data, context) => {
        if (data.betalning.sätt === 'upplupen' && !Money.from(data.moms).isZero()) {
          context.addIssue({
            code: 'custom',
            path: ['moms'],
            message: 'an accrued cost carries no VAT: VAT is booked when the invoice comes',
            params: { rule: 'no-vat-on-accrual' },
          });
        }
      }),
    businessDate: (data) => data.datum,
    description:
      'A cost in its område, post and insats; net of VAT, with the VAT to get back; paid at once, owed to the supplier, or accrued at year end.',
  }),
  post(data, chart) {
    const belopp = Money.from(data.belopp);
    const moms = Money.from(data.moms);
    const total = belopp.plus(moms);
    const creditAccount = {
      bank: chart.roles.bank,
      leverantörsskuld: chart.roles.leverantörsskulder,
      upplupen: chart.roles.upplupnaKostnader,
      'övrig-skuld': chart.roles.övrigaKortfristigaSkulder,
    }[data.betalning.sätt];
    const placement = dimensionerOf({
      område: data.område,
      post: data.post,
      underpost: data.underpost,
      insats: data.insats,
    });
    return [
      {
        datum: data.datum,
        text: data.text,
        ...(data.motpart === undefined ? {} : { motpart: data.motpart }),
        rader: compactRader([
          debet(chart.costAccount(data.område, data.post), belopp, placement),
          debet(chart.roles.momsfordran, moms),
          kredit(creditAccount, total),
        ]),
      },
    ];
  },
  openItemEffects(data) {
    if (data.betalning.sätt === 'bank') return [];
    const total = Money.from(data.belopp).plus(Money.from(data.moms)).toString();
    const placement = placementOf(data);
    return [
      {
        effect: 'open',
        path: 'data.betalning.postId',
        datum: data.datum,
        item: {
          postId: data.betalning.postId,
          slag:
            data.betalning.sätt === 'leverantörsskuld'
              ? 'leverantörsskuld'
              : data.betalning.sätt === 'övrig-skuld'
                ? 'övrig-kortfristig-skuld'
                : 'upplupen-kostnad',
          belopp: total,
          text: data.text,
          ...(data.motpart === undefined ? {} : { motpart: data.motpart }),
          ...placement,
        },
      },
    ];
  },
});
