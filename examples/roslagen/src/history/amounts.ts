import { Money } from '@finsam-ledger/core';

/**
 * Amount helpers for the history: arithmetic in integer öre (bigint), amounts out as the
 * decimal strings the events carry. No JavaScript number ever holds money here.
 */

/** A decimal string (`"363333.33"`) in öre. */
export const öre = (amount: string): bigint => Money.from(amount).toOre();

/** Öre as the canonical decimal string with two decimals. */
export function kr(amountÖre: bigint): string {
  const sign = amountÖre < 0n ? '-' : '';
  const abs = amountÖre < 0n ? -amountÖre : amountÖre;
  return Money.from(`${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`).toString();
}

/** The sum of decimal strings, as a decimal string. */
export const sumKr = (amounts: Iterable<string>): string =>
  Money.sum([...amounts].map((amount) => Money.from(amount))).toString();

/**
 * Splits `total` öre in proportion to `weights`, in whole multiples of `unit` öre; the
 * rounding remainder goes to the last part, so the parts always add up to `total` exactly.
 */
export function splitÖre(total: bigint, weights: readonly bigint[], unit = 1n): bigint[] {
  if (total % unit !== 0n) throw new Error(`splitÖre: ${total} öre is not a multiple of ${unit}`);
  const units = total / unit;
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0n);
  const parts = weights.map((weight) => ((units * weight) / weightSum) * unit);
  parts[parts.length - 1] = total - parts.slice(0, -1).reduce((sum, part) => sum + part, 0n);
  for (const part of parts)
    if (part <= 0n)
      throw new Error(`splitÖre: ${total} öre in ${weights.length} parts leaves a part of ${part}`);
  return parts;
}

/** VAT at `ratePercent` on a net amount in öre, rounded half up to whole öre. */
export const vatÖre = (netÖre: bigint, ratePercent: bigint): bigint =>
  (netÖre * ratePercent + 50n) / 100n;
