import { normaliseForPersonnummerSearch } from './normaliseForPersonnummerSearch.js';

/**
 * Recognises Swedish personnummer and samordningsnummer, so that they can be refused
 * wherever the library stores a string. Participant data is sensitive and verifikationer are
 * kept for seven years: no personnummer may enter an event.
 *
 * The text is first normalised (see {@link normaliseForPersonnummerSearch}): Unicode NFKC,
 * digits of every script as ASCII digits, every dash, space and `_ . / : +` as one
 * separator, invisible characters removed. Then a run of digit groups joined only by
 * separators "looks like a personnummer" when some of its consecutive groups hold exactly
 * ten or twelve digits, split only where a personnummer may be split (after the century,
 * the year, the month and the day), shaped `[CC]YYMMDD NNNN` with:
 *
 * - a century of 18, 19 or 20 in the twelve-digit form;
 * - `YYMMDD` a date that exists (in 19YY or 20YY for the ten-digit form), or that date with
 *   60 added to the day (a samordningsnummer);
 * - any last four digits: an invalid check digit is still somebody's mistyped number, and
 *   refusing it costs nothing.
 *
 * Two shapes of real texts are left alone: a date followed by a date (`2019-12-31 –
 * 2020-12-31`, whose second year would otherwise be read as the last four digits), and
 * digits that run on without a separator (an account number of eleven or more digits).
 * Organisation numbers never match, since their month digits are 20 or more. Digits against
 * a hex letter of a UUID or of a hex digest (32 or more hex characters in a row, such as a
 * file's SHA-256) belong to that identifier and are left alone.
 */

/** A match: the text that looks like a personnummer and where it starts. */
export interface PersonnummerMatch {
  /** The matched characters of the normalised text (digits, with separators as spaces). */
  readonly text: string;
  /** Where the match starts in the normalised text. */
  readonly index: number;
}

interface DigitGroup {
  readonly digits: string;
  readonly start: number;
  readonly end: number;
}

const isDigitCode = (code: number): boolean => code >= 0x30 && code <= 0x39;

/**
 * Splits normalised text into chains of digit groups joined only by single spaces (every
 * separator is one space by then); any other character ends a chain. A plain loop: this
 * runs on every string a store takes.
 */
function digitChains(normalised: string): DigitGroup[][] {
  const chains: DigitGroup[][] = [];
  let chain: DigitGroup[] = [];
  let index = 0;
  while (index < normalised.length) {
    const code = normalised.charCodeAt(index);
    if (isDigitCode(code)) {
      const start = index;
      while (index < normalised.length && isDigitCode(normalised.charCodeAt(index))) index += 1;
      chain.push({ digits: normalised.slice(start, index), start, end: index });
      continue;
    }
    if (code !== 0x20 && chain.length > 0) {
      chains.push(chain);
      chain = [];
    }
    index += 1;
  }
  if (chain.length > 0) chains.push(chain);
  return chains;
}

const uuidPattern =
  /(?<![\da-f])[\da-f]{8} [\da-f]{4} [\da-f]{4} [\da-f]{4} [\da-f]{12}(?![\da-f])/gi;

// A hex digest (MD5 32, SHA-1 40, SHA-256 64 characters) written as one run. A SHA-256 hash
// holds ten digits between two letters about once in 2 000 hashes, and a file's hash is no
// one's identity number.
const hexDigestPattern = /(?<![\da-f])[\da-f]{32,}(?![\da-f])/gi;

const isInsideMatchOf = (pattern: RegExp, normalised: string, index: number): boolean => {
  for (const match of normalised.matchAll(pattern)) {
    const start = match.index ?? 0;
    if (index >= start && index < start + match[0].length) return true;
  }
  return false;
};

/**
 * True if the character at `index` is a hex letter inside a UUID (its dashes are spaces by
 * then) or inside a hex digest. Digits written against such a letter are part of the id, not
 * the edge of a number: `3c520321-2716` is one id, not the number `520321-2716`. Asked only
 * about a candidate, so most strings never pay for it.
 */
function isIdentifierLetterAt(normalised: string, index: number): boolean {
  if (index < 0 || index >= normalised.length || !/[a-f]/i.test(normalised[index]!)) return false;
  return (
    isInsideMatchOf(uuidPattern, normalised, index) ||
    isInsideMatchOf(hexDigestPattern, normalised, index)
  );
}

const existsUtc = (year: number, month: number, day: number): boolean => {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
};

/** True if `YYMMDD` (with the century when known) is a birth date or a samordningsnummer's. */
function isBirthDate(century: number | undefined, yearDigits: string, monthDay: string): boolean {
  const yearInCentury = Number(yearDigits);
  const month = Number(monthDay.slice(0, 2));
  const day = Number(monthDay.slice(2, 4));
  const days = day > 60 ? [day - 60] : [day];
  const centuries = century === undefined ? [19, 20] : [century];
  return centuries.some((candidate) =>
    days.some((dayOfMonth) => existsUtc(candidate * 100 + yearInCentury, month, dayOfMonth)),
  );
}

/** True if the digits of a window of groups are shaped like a personnummer. */
function looksLikeNumber(window: readonly DigitGroup[]): boolean {
  const digits = window.map((group) => group.digits).join('');
  if (digits.length !== 10 && digits.length !== 12) return false;
  const splitsAllowed = digits.length === 12 ? [2, 4, 6, 8] : [2, 4, 6];
  let offset = 0;
  for (const group of window.slice(0, -1)) {
    offset += group.digits.length;
    if (!splitsAllowed.includes(offset)) return false;
  }
  const dateDigits = digits.slice(0, -4);
  if (dateDigits.length === 6)
    return isBirthDate(undefined, dateDigits.slice(0, 2), dateDigits.slice(2));
  const century = Number(dateDigits.slice(0, 2));
  if (century < 18 || century > 20) return false;
  return isBirthDate(century, dateDigits.slice(2, 4), dateDigits.slice(4));
}

// The years a date range in a real text may end in; a serial number outside them followed by
// `-MM-DD` is still refused.
const dateRangeYearMin = 1900;
const dateRangeYearMax = 2200;

/** True if the window's last four digits are the year of a date that follows (`… 2020-12-31`). */
function endsInDateRange(chain: readonly DigitGroup[], lastIndex: number): boolean {
  const year = chain[lastIndex];
  const month = chain[lastIndex + 1];
  const day = chain[lastIndex + 2];
  if (year?.digits.length !== 4 || month?.digits.length !== 2 || day?.digits.length !== 2)
    return false;
  const yearNumber = Number(year.digits);
  if (yearNumber < dateRangeYearMin || yearNumber > dateRangeYearMax) return false;
  return existsUtc(yearNumber, Number(month.digits), Number(day.digits));
}

function findInChain(
  normalised: string,
  chain: readonly DigitGroup[],
): PersonnummerMatch | undefined {
  for (let first = 0; first < chain.length; first += 1) {
    let digitCount = 0;
    for (let last = first; last < chain.length && digitCount < 12; last += 1) {
      digitCount += chain[last]!.digits.length;
      if (digitCount !== 10 && digitCount !== 12) continue;
      if (!looksLikeNumber(chain.slice(first, last + 1)) || endsInDateRange(chain, last)) continue;
      const start = chain[first]!.start;
      const end = chain[last]!.end;
      if (isIdentifierLetterAt(normalised, start - 1) || isIdentifierLetterAt(normalised, end))
        continue;
      return { text: normalised.slice(start, end), index: start };
    }
  }
  return undefined;
}

/**
 * A cheap first look. A personnummer needs ten digits in one chain of digit groups joined only
 * by separators. In printable ASCII (the normalisation only turns each run of separators into
 * one space there) that chain can be counted on the text itself: a string whose chains all
 * hold fewer than ten digits cannot hold one. Otherwise one character normalises to at most
 * two digits (`⑳`): a string with fewer than ten ASCII digits and no other numeric character
 * cannot hold one, nor can one with fewer than five numeric characters of any kind. Exported for
 * the test that it never hides a personnummer; callers use {@link findPersonnummer}.
 */
export function mayHoldTenDigits(value: string): boolean {
  return mayHoldTenDigitsBetween(value, 0, value.length);
}

/**
 * {@link mayHoldTenDigits} of the characters of `text` from `start` up to `end`, without cutting
 * them out (`jsonTextMayHoldPersonnummer` looks at every string of a JSON text in place).
 */
export function mayHoldTenDigitsBetween(text: string, start: number, end: number): boolean {
  let asciiDigits = 0;
  let chainDigits = 0;
  let chainDigitsMax = 0;
  let printableAsciiOnly = true;
  let otherCharacters = 0;
  for (let index = start; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if (isDigitCode(code)) {
      asciiDigits += 1;
      chainDigits += 1;
      if (chainDigits > chainDigitsMax) chainDigitsMax = chainDigits;
    } else if (!isAsciiSeparatorCode(code)) {
      chainDigits = 0;
      if (code < 0x20 || code > 0x7e) printableAsciiOnly = false;
      if (code > 0x7f) otherCharacters += 1;
    }
  }
  if (printableAsciiOnly) return chainDigitsMax >= 10;
  if (asciiDigits >= 10) return true;
  // An ASCII digit is one digit and a unit beyond ASCII at most two: fewer than ten in all cannot
  // make a personnummer, so a text with a Swedish letter and up to nine digits
  // (`Stödja ASF 12345`) needs neither the count below nor the full search.
  if (asciiDigits + 2 * otherCharacters < 10) return false;
  // Each numeric character beyond ASCII is at least one UTF-16 unit above 0x7f.
  if (otherCharacters === 0 || asciiDigits + otherCharacters < 5) return false;
  return (text.slice(start, end).match(/\p{N}/gu)?.length ?? 0) >= 5;
}

/** The separators of printable ASCII: `_ . / : + -` and space, as the normalisation has them. */
export const isAsciiSeparatorCode = (code: number): boolean =>
  code === 0x20 ||
  code === 0x5f ||
  code === 0x2e ||
  code === 0x2f ||
  code === 0x3a ||
  code === 0x2b ||
  code === 0x2d;

/** Finds the first substring of `value` that looks like a personnummer or samordningsnummer. */
export function findPersonnummer(value: string): PersonnummerMatch | undefined {
  return mayHoldTenDigits(value) ? searchEveryChain(value) : undefined;
}

/**
 * The search without the first look: every chain of the normalised text. Exported for the test
 * that the first look never hides what this finds; callers use {@link findPersonnummer}.
 */
export function searchEveryChain(value: string): PersonnummerMatch | undefined {
  const normalised = normaliseForPersonnummerSearch(value);
  for (const chain of digitChains(normalised)) {
    const found = findInChain(normalised, chain);
    if (found) return found;
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
