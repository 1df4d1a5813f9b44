import { z } from 'zod';

/**
 * True if `digits` (ten digits) end in the check digit of the Luhn algorithm (mod 10), as
 * every Swedish organisationsnummer and personnummer does.
 */
export function hasLuhnCheckDigit(digits: string): boolean {
  let sum = 0;
  for (const [index, character] of [...digits].entries()) {
    const product = Number(character) * (index % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return sum % 10 === 0;
}

/**
 * A Swedish organisationsnummer, written `NNNNNN-NNNN` (ten digits, a hyphen after the
 * sixth), whose last digit is the Luhn check digit. A samordningsförbund is a public legal
 * person (group 2, so its number starts with 2, e.g. `222000-0000`), but the check accepts
 * any group. The number is public: it is the förbund's, not a person's.
 */
export const organisationsnummerSchema = z
  .string({ error: 'must be a string NNNNNN-NNNN' })
  .regex(/^\d{6}-\d{4}$/, {
    error: 'must be ten digits written NNNNNN-NNNN (a hyphen after the sixth digit)',
  })
  .refine((value) => hasLuhnCheckDigit(value.replace('-', '')), {
    error: 'the last digit is not the Luhn check digit of the first nine: check for a typo',
    params: { rule: 'luhn-check-digit' },
  });
