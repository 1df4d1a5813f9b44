/**
 * Recognises Swedish personnummer and samordningsnummer, so that they can be refused
 * wherever the library takes an id or free text. Participant data is sensitive and
 * verifikationer are kept for seven years: no personnummer may enter an event.
 *
 * A value "looks like a personnummer" when it holds ten or twelve digits shaped as
 * `[YY]YYMMDD[-+]NNNN` whose month is 01–12 and whose day is 01–31 (or 61–91, a
 * samordningsnummer), whatever the check digit: an invalid check digit is still somebody's
 * mistyped number, and refusing it costs nothing.
 */

const candidatePattern = /(?<!\d)(\d{2})?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})(?!\d)/g;

/** A match: the text that looks like a personnummer and where it starts. */
export interface PersonnummerMatch {
  readonly text: string;
  readonly index: number;
}

/** Finds the first substring of `value` that looks like a personnummer or samordningsnummer. */
export function findPersonnummer(value: string): PersonnummerMatch | undefined {
  for (const match of value.matchAll(candidatePattern)) {
    const month = Number(match[3]);
    const day = Number(match[4]);
    const century = match[1];
    const validMonth = month >= 1 && month <= 12;
    const validDay = (day >= 1 && day <= 31) || (day >= 61 && day <= 91);
    const validCentury =
      century === undefined || century === '18' || century === '19' || century === '20';
    if (validMonth && validDay && validCentury) return { text: match[0], index: match.index ?? 0 };
  }
  return undefined;
}

/** True if `value` contains something that looks like a personnummer. */
export const looksLikePersonnummer = (value: string): boolean =>
  findPersonnummer(value) !== undefined;

/** True if the ten-digit form (YYMMDDNNNN) passes the Luhn check digit. Informational only. */
export function hasValidPersonnummerCheckDigit(value: string): boolean {
  const digits = value.replace(/\D/g, '').slice(-10);
  if (digits.length !== 10) return false;
  let sum = 0;
  for (let index = 0; index < 10; index += 1) {
    let digit = Number(digits[index]) * (index % 2 === 0 ? 2 : 1);
    if (digit > 9) digit -= 9;
    sum += digit;
  }
  return sum % 10 === 0;
}
