import { mayHoldTenDigits } from './personnummer.js';

/**
 * The personnummer search's first look at a plain JSON value: `false` only if no string in it,
 * object keys included, can hold a personnummer, that is, only if `findPersonnummerInValue` would
 * find none (it searches the same strings, each with `findPersonnummer`, whose first step is the
 * same look, `mayHoldTenDigits`). What the catalog's certificate records of the data it certifies
 * (issue 15), so that a store need not look at the data's JSON text again.
 */
export function valueMayHoldPersonnummer(value: unknown): boolean {
  if (typeof value === 'string') return textMayHoldPersonnummer(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1)
      if (valueMayHoldPersonnummer(value[index])) return true;
    return false;
  }
  const keys = Object.keys(value);
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index]!;
    if (
      textMayHoldPersonnummer(key) ||
      valueMayHoldPersonnummer((value as Record<string, unknown>)[key])
    )
      return true;
  }
  return false;
}

/**
 * The first look of {@link valueMayHoldPersonnummer} at one string (a value or a key):
 * `mayHoldTenDigits(text)`, after a quicker look that settles most texts: every form of a
 * personnummer has at least five characters that are ASCII digits or beyond ASCII (ten ASCII
 * digits, or five numerals of which one normalises to two digits), so a text with fewer has none.
 */
export function textMayHoldPersonnummer(text: string): boolean {
  if (text.length < 5) return false;
  let numerals = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if ((code >= 0x30 && code <= 0x39) || code > 0x7f) {
      numerals += 1;
      if (numerals === 5) return mayHoldTenDigits(text);
    }
  }
  return false;
}
