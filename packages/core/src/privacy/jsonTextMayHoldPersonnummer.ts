import { isAsciiSeparatorCode, mayHoldTenDigitsBetween } from './personnummer.js';

/**
 * The personnummer search's first look at a whole JSON text, as `JSON.stringify` writes it:
 * `false` only if no string in it, object keys included, can hold a personnummer, so that a store
 * searches the value itself (`findPersonnummerInValue`, which names the path) only when one
 * might. One pass over the text instead of a walk over every object of the value (issue 15).
 *
 * Each string is looked at in place, between its quotes, by the same first look as
 * `findPersonnummer`'s (`mayHoldTenDigitsBetween`), counted while the string's end is sought, so
 * that each character is read once. A string with an escape (`\n`, `\"`, `\u0000`) is not what
 * the text shows, so it always counts as one that might; numbers, which are not strings, are never
 * searched, as `findPersonnummerInValue` never searches them.
 */
export function jsonTextMayHoldPersonnummer(json: string): boolean {
  const length = json.length;
  let quote = json.indexOf('"');
  while (quote !== -1) {
    const start = quote + 1;
    // The counts of `mayHoldTenDigitsBetween`, for the string from `start` to its closing quote.
    let asciiDigits = 0;
    let chainDigits = 0;
    let chainDigitsMax = 0;
    let beyondPrintableAscii = false;
    let end = start;
    for (; end < length; end += 1) {
      const code = json.charCodeAt(end);
      if (code === 0x22) break;
      if (code === 0x5c) return true;
      if (code >= 0x30 && code <= 0x39) {
        asciiDigits += 1;
        chainDigits += 1;
        if (chainDigits > chainDigitsMax) chainDigitsMax = chainDigits;
      } else if (!isAsciiSeparatorCode(code)) {
        chainDigits = 0;
        if (code < 0x20 || code > 0x7e) beyondPrintableAscii = true;
      }
    }
    if (beyondPrintableAscii) {
      // Rare cases (digits of other scripts, circled numbers) are decided by the first look itself.
      if (asciiDigits >= 10 || mayHoldTenDigitsBetween(json, start, end)) return true;
    } else if (chainDigitsMax >= 10) return true;
    quote = json.indexOf('"', end + 1);
  }
  return false;
}
