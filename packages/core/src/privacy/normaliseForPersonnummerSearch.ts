/**
 * Normalises text before it is searched for personnummer, so that a number cannot be hidden
 * by writing it differently. The result is only searched, never stored.
 *
 * - Unicode NFKC: fullwidth, superscript, circled and mathematical digits become ASCII
 *   digits, compatibility dashes and spaces become their plain forms.
 * - Every other decimal digit (Arabic-Indic, Devanagari, Thai…) becomes its ASCII digit.
 * - Invisible characters (format characters such as the soft hyphen and zero-width
 *   characters, combining marks, control characters) are removed.
 * - Every separator a personnummer is written with (every dash and minus sign, every kind of
 *   space, `_ . / : +`) becomes one space.
 */
export function normaliseForPersonnummerSearch(value: string): string {
  // Printable ASCII (most ids and texts) needs neither NFKC nor digit mapping: the same
  // result, much faster.
  if (printableAscii.test(value)) return value.replace(asciiSeparators, ' ');
  return value
    .normalize('NFKC')
    .replace(separators, ' ')
    .replace(invisible, '')
    .replace(/\p{Nd}/gu, asciiDigit)
    .replace(/ {2,}/g, ' ');
}

const printableAscii = /^[\x20-\x7e]*$/;
const asciiSeparators = /[ _./:+-]+/g;

const invisible = /[\p{Cf}\p{Cc}\p{Mn}\p{Me}]/gu;

// Separators are mapped before invisible characters are removed, because tab and line feed
// are control characters too. \p{Pd} holds the hyphen, the en and em dashes and their kin; the
// minus signs and hyphen-like
// marks that are not dashes to Unicode are listed by hand.
const separators = /(?:[\p{Pd}\p{Z}\s_./:+\u2212\u2796\u2043\u02d7\u2e3a\u2e3b])+/gu;

const decimalDigit = /^\p{Nd}$/u;

/**
 * The ASCII digit of a decimal digit of any script. Unicode places the decimal digits of
 * every script in runs of ten, 0 to 9, so a digit's value is its distance from the start of
 * its run; adjacent runs (the mathematical digits) are ten long each.
 */
function asciiDigit(digit: string): string {
  const codePoint = digit.codePointAt(0)!;
  if (codePoint <= 0x39) return digit;
  let before = 0;
  while (decimalDigit.test(String.fromCodePoint(codePoint - before - 1))) before += 1;
  return String(before % 10);
}
