import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, freeText, identifier } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { nonNegativeAmount, positiveAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { costPlacementFields, type OpenItemEffect, type OpenItemKind } from '../OpenItem.js';
import { checkVatAtMostHighestRate } from '../vatAtMostHighestRate.js';
import { compactRader, costDimensionerOf, debet, kredit } from '../Verifikation.js';

/** How a supplier's credit note is settled. */
export const creditNoteSettlementSchema = z.discriminatedUnion(
  'sätt',
  [
    /**
     * The credit reduces a supplier invoice still owed: the leverantörsskuld `postId` is settled
     * by the credited amount with its VAT, in part or in whole, never above what is open.
     */
    z.object({ sätt: z.literal('leverantörsskuld'), postId: identifier() }).strict(),
    /** The supplier paid the credited amount back into the bank. */
    z.object({ sätt: z.literal('bank') }).strict(),
  ],
  { error: 'reglering.sätt must be leverantörsskuld or bank' },
);

/**
 * A supplier's credit note (kreditfaktura) was received: part or all of a cost is credited (a
 * wrong amount invoiced, a cancelled course, a rebate). Its own verifikation, dated on the credit
 * note: kredit the cost account of its placement (the Not 2 line it reduces) by `belopp`, net of
 * VAT; kredit the VAT receivable by `moms`, the VAT credited (at most 25 % of `belopp`, plus a
 * krona for rounding, as for {@link KostnadBokförd}); debet the payable it reduces
 * (`reglering.sätt: 'leverantörsskuld'`, settling that item by `belopp + moms`) or the bank the
 * supplier paid it back into (`'bank'`).
 *
 * A credit note is a business document, not a bookkeeping error: an error in a booked cost is
 * corrected with `HändelseRättad`; a credit note wrongly recorded is itself corrected that way.
 *
 * No rule keeps the credited line at or above zero for the year: a credit note for last year's
 * invoice can exceed what this year has booked on the line, and the line then shows a net
 * credit. The ledger's common rules still hold: the payable is known, of the leverantörsskuld
 * kind and has at least `belopp + moms` open.
 *
 * The credited VAT may exceed the VAT receivable: after a refund (`MomsÅterbetald`) of all that
 * was receivable, a credit note's VAT is owed back to Skatteverket (lag (2005:807) om ersättning
 * för viss mervärdesskatt; it is netted in the next claim). The VAT account then goes below zero,
 * a VAT debt, and a year end shows it under övriga kortfristiga skulder (Not 4 `momsskuld`, see
 * `vatDebtAtEndOf`). Only a refund is held to the receivable.
 */
export const KostnadKrediterad = defineBookkeepingEvent({
  correctable: true,
  definition: defineEvent({
    type: 'KostnadKrediterad',
    category: 'bokföring',
    schema: z
      .object({
        datum: calendarDate(),
        ...costPlacementFields,
        belopp: positiveAmount(),
        moms: nonNegativeAmount().default('0.00'),
        text: freeText(),
        motpart: freeText(200).optional(),
        reglering: creditNoteSettlementSchema,
      })
      .strict(),
    businessDate: (data) => data.datum,
    description:
      "A supplier's credit note: reduces a cost in its område, post and insats by the credited net amount, and the VAT receivable by the credited VAT (at most 25 % of the net, plus a krona for rounding; VAT above the receivable, after a refund, is a VAT debt to Skatteverket); settles a payable owed to the supplier, or was paid back into the bank.",
  }),
  // The VAT rule on the write side only, as for the cost: see checkVatAtMostHighestRate.
  check: (_state, { data }) => checkVatAtMostHighestRate(data),
  post(data, chart) {
    const belopp = Money.from(data.belopp);
    const moms = Money.from(data.moms);
    const cost = kredit(chart.costAccount(data.område, data.post), belopp, costDimensionerOf(data));
    const account =
      data.reglering.sätt === 'bank' ? chart.roles.bank : chart.roles.leverantörsskulder;
    const settled = debet(account, belopp.plus(moms));
    const rader = compactRader(
      moms.isZero() ? [cost, settled] : [cost, kredit(chart.roles.momsfordran, moms), settled],
    );
    return [
      data.motpart === undefined
        ? { datum: data.datum, text: data.text, rader }
        : { datum: data.datum, text: data.text, motpart: data.motpart, rader },
    ];
  },
  openItemEffects(data): readonly OpenItemEffect[] {
    if (data.reglering.sätt === 'bank') return noEffects;
    return [
      {
        effect: 'settle',
        path: 'data.reglering.postId',
        postId: data.reglering.postId,
        belopp: Money.from(data.belopp).plus(Money.from(data.moms)).toString(),
        slag: settles,
        whole: false,
      },
    ];
  },
});

/** The effects of a credit paid back into the bank: none, one list for all. */
const noEffects: readonly OpenItemEffect[] = [];

/** The kinds a credit note settles: one list for every credit (the rules only read it). */
const settles: readonly OpenItemKind[] = Object.freeze(['leverantörsskuld']);
