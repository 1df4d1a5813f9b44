import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, freeText, identifier } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { nonNegativeAmount, positiveAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import type { Chart } from '../ChartOfAccounts.js';
import {
  costPlacementFields,
  withPlacementOf,
  type OpenItemEffect,
  type OpenItemSpec,
} from '../OpenItem.js';
import { checkVatAtMostHighestRate } from '../vatAtMostHighestRate.js';
import { compactRader, costDimensionerOf, debet, kredit } from '../Verifikation.js';

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
      // A predicate, not a `superRefine`: zod's compiled parser calls it without a payload per
      // event.
      .refine((data) => data.betalning.sätt !== 'upplupen' || Money.from(data.moms).isZero(), {
        path: ['moms'],
        message: 'an accrued cost carries no VAT: VAT is booked when the invoice comes',
        params: { rule: 'no-vat-on-accrual' },
      }),
    businessDate: (data) => data.datum,
    description:
      'A cost in its område, post and insats; net of VAT, with the VAT to get back (at most 25 % of the net, plus a krona for rounding); paid at once, owed to the supplier, or accrued at year end.',
  }),
  // The VAT rule on the write side only: see checkVatAtMostHighestRate.
  check: (_state, { data }) => checkVatAtMostHighestRate(data),
  post(data, chart) {
    // Every cost recorded is posted here: no object or list beyond the verifikation's own.
    const belopp = Money.from(data.belopp);
    const moms = Money.from(data.moms);
    // The data's own cost placement: it has no other dimension's member.
    const cost = debet(chart.costAccount(data.område, data.post), belopp, costDimensionerOf(data));
    const credit = kredit(creditAccountOf(chart, data.betalning.sätt), belopp.plus(moms));
    // Most costs carry no VAT: their zero line is left out here rather than dropped after.
    const rader = compactRader(
      moms.isZero() ? [cost, credit] : [cost, debet(chart.roles.momsfordran, moms), credit],
    );
    return [
      data.motpart === undefined
        ? { datum: data.datum, text: data.text, rader }
        : { datum: data.datum, text: data.text, motpart: data.motpart, rader },
    ];
  },
  openItemEffects(data) {
    if (data.betalning.sätt === 'bank') return noEffects;
    const total = Money.from(data.belopp).plus(Money.from(data.moms)).toString();
    const { postId } = data.betalning;
    const slag =
      data.betalning.sätt === 'leverantörsskuld'
        ? 'leverantörsskuld'
        : data.betalning.sätt === 'övrig-skuld'
          ? 'övrig-kortfristig-skuld'
          : 'upplupen-kostnad';
    // The members in the order the item has always had (motpart, then the placement), without
    // the spreads of conditional objects.
    const item: OpenItemSpec =
      data.motpart === undefined
        ? { postId, slag, belopp: total, text: data.text }
        : { postId, slag, belopp: total, text: data.text, motpart: data.motpart };
    // The supplier's due date goes with the item, for the reskontra's ageing.
    if (data.betalning.sätt === 'leverantörsskuld' && data.betalning.förfallodatum !== undefined)
      item.förfallodatum = data.betalning.förfallodatum;
    return [
      {
        effect: 'open',
        path: 'data.betalning.postId',
        datum: data.datum,
        item: withPlacementOf(item, data),
      },
    ];
  },
});

/** How a cost is paid, as its schema gives it. */
type CostPayment = z.output<typeof costPaymentSchema>;

/** The effects of a cost paid at once: none, one list for all. */
const noEffects: readonly OpenItemEffect[] = [];

/** The account a cost is credited to, by how it is paid. */
function creditAccountOf(chart: Chart, sätt: CostPayment['sätt']): string {
  switch (sätt) {
    case 'bank':
      return chart.roles.bank;
    case 'leverantörsskuld':
      return chart.roles.leverantörsskulder;
    case 'upplupen':
      return chart.roles.upplupnaKostnader;
    case 'övrig-skuld':
      return chart.roles.övrigaKortfristigaSkulder;
  }
}
