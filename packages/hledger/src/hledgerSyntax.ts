import type { Money } from '@finsam-ledger/core';

/** The commodity of the journal's amounts: Swedish kronor. */
export const hledgerCommodity = 'SEK';

/** An amount as the journal writes it: a decimal comma, two decimals, the commodity after. */
export const hledgerAmount = (amount: Money): string =>
  `${amount.toString().replace('.', ',')} ${hledgerCommodity}`;

/**
 * A text as a transaction description: on one line, without `;` (which starts a comment) or
 * `|` (which splits payee from note); they become `,` and `/`.
 */
export const hledgerDescription = (text: string): string =>
  text.replace(/;/g, ',').replace(/\|/g, '/').replace(/\s+/g, ' ').trim();

/**
 * A tag value: hledger ends a value at a comma or the end of the line, so a comma becomes `;`
 * and line breaks a space.
 */
export const hledgerTagValue = (value: string): string =>
  value.replace(/,/g, ';').replace(/\s+/g, ' ').trim();

/** A comment of tags, `  ; name:value, name:value`, or nothing when there are none. */
export function hledgerTags(tags: readonly (readonly [string, string | undefined])[]): string {
  const written = tags
    .filter((tag): tag is readonly [string, string] => tag[1] !== undefined)
    .map(([name, value]) => `${name}:${hledgerTagValue(value)}`);
  return written.length === 0 ? '' : `  ; ${written.join(', ')}`;
}
