import { mayHoldTenDigits } from './personnummer.js';

/**
 * The personnummer search's first look at a plain JSON value: `false` only if no string in it,
 * object keys included, can hold a personnummer, that is, only if `findPersonnummerInValue` would
 * find none (it searches the same strings, each with `findPersonnummer`, whose first step is the
 * same look, `mayHoldTenDigits`). What the catalog's certificate records of the data it certifies
 * (issue 15), so that a store need not look at the data's JSON text again.
 *
 * Texts that recur from event to event (keys, enumerated values, dates) are remembered once they
 * are seen to hold no personnummer: the look is a pure function of the text.
 */
export function valueMayHoldPersonnummer(value: unknown): boolean {
  if (typeof value === 'string') return textMayHold(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1)
      if (valueMayHoldPersonnummer(value[index])) return true;
    return false;
  }
  const keys = Object.keys(value);
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index]!;
    if (textMayHold(key) || valueMayHoldPersonnummer((value as Record<string, unknown>)[key]))
      return true;
  }
  return false;
}

/** Texts known to hold no personnummer; emptied when full, so that it stays small. */
const textsWithout = new Set<string>();
const textsWithoutMax = 4_096;

function textMayHold(text: string): boolean {
  if (textsWithout.has(text)) return false;
  if (mayHoldTenDigits(text)) return true;
  if (textsWithout.size >= textsWithoutMax) textsWithout.clear();
  textsWithout.add(text);
  return false;
}
