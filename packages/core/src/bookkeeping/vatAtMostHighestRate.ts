import * as E from 'fp-ts/Either';
import type { LedgerError } from '../error.js';
import { Money } from '../money/Money.js';
import { refusal } from './refusal.js';

/**
 * The highest Swedish VAT rate, in percent: 25 % (mervärdesskattelagen 2023:200, 9 kap. 1 §).
 * A cost's deductible VAT can be less (6 %, 12 %, a part not deductible, a line without VAT),
 * never more.
 */
export const vatRateHighestPercent = 25n;

/**
 * How far a cost's VAT may lie above the highest rate of its net amount, in öre: an invoice rounds
 * the VAT of each line to the öre (Roslagen's books hold 477.63 kr on 1 910.50 kr, half an öre
 * above) and may round its total to the krona (öresavrundning), so one krona is allowed.
 */
export const vatRoundingToleranceOre = 100n;

/** The most VAT a net amount can carry: the highest rate of it, rounded up, plus the tolerance. */
export const vatCeilingOf = (belopp: Money): Money => {
  const highestOre = (belopp.toOre() * vatRateHighestPercent + 99n) / 100n;
  return Money.fromOre(highestOre + vatRoundingToleranceOre);
};

/**
 * A cost's `moms` is at most {@link vatRateHighestPercent} of its net `belopp` (plus the rounding
 * tolerance): more is a typing error, most often the gross amount or the VAT typed in the other's
 * field, and would book a VAT receivable the Skatteverket never repays. A write-side rule, not a
 * schema refinement: a store that holds such a cost from before the rule still replays.
 */
export function checkVatAtMostHighestRate(data: {
  readonly belopp: string;
  readonly moms: string;
}): E.Either<LedgerError, void> {
  const moms = Money.from(data.moms);
  // Most costs carry no VAT: nothing to compute for them.
  if (moms.isZero()) return E.right(undefined);
  const ceiling = vatCeilingOf(Money.from(data.belopp));
  if (moms.compare(ceiling) <= 0) return E.right(undefined);
  return refusal(
    'VAT_ABOVE_HIGHEST_RATE',
    `moms ${moms.toString()} kr is more than ${vatRateHighestPercent} % of belopp ${data.belopp} kr (at most ${ceiling.toString()} kr with rounding): belopp is the cost net of VAT, moms the VAT on it`,
    {
      path: 'data.moms',
      rule: 'vat-at-most-highest-rate',
      message: `must be at most ${vatRateHighestPercent} % of belopp, ${ceiling.toString()} kr with rounding`,
    },
    { moms: moms.toString(), belopp: data.belopp, ceiling: ceiling.toString() },
  );
}
