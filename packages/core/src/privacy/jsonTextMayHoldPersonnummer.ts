import { mayHoldTenDigitsBetween } from './personnummer.js';

/**
 * The personnummer search's first look at a whole JSON text, as `JSON.stringify` writes it:
 * `false` only if no string in it, object keys included, can hold a personnummer, so that a store
 * searches the value itself (`findPersonnummerInValue`, which names the path) only when one
 * might. One pass over the text instead of a walk over every object of the value (issue 15).
 *
 * Each string is looked at in place, between its quotes, by the same first look as
 * `findPersonnummer`'s. A string with an escape (`\n`, `\"`, `\u0000`) is not what the text shows,
 * so it always counts as one that might; numbers, which are not strings, are never searched, as
 * `findPersonnummerInValue` never searches them.
 */
export function jsonTextMayHoldPersonnummer(json: string): boolean {
  let quote = json.indexOf('"');
  while (quote !== -1) {
    const start = quote + 1;
    let end = start;
    while (end < json.length) {
      const code = json.charCodeAt(end);
      if (code === 0x22) break;
      if (code === 0x5c) return true;
      end += 1;
    }
    if (mayHoldTenDigitsBetween(json, start, end)) return true;
    quote = json.indexOf('"', end + 1);
  }
  return false;
}
