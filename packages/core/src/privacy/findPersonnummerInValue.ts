import { findPersonnummer, type PersonnummerMatch } from './personnummer.js';

/** The rule name every personnummer refusal carries, wherever it is found. */
export const personnummerRule = 'no-personnummer';

/** Where a personnummer was found in a JSON value: the path below it, and the match. */
export interface PersonnummerInValue {
  readonly path: readonly (string | number)[];
  /** True when the number is in an object key rather than in a string value. */
  readonly inKey: boolean;
  readonly match: PersonnummerMatch;
}

/** A message that refuses a personnummer without echoing its digits. */
export const personnummerMessage = (match: PersonnummerMatch, where = 'looks like'): string =>
  `${where} a Swedish personnummer or samordningsnummer ("${match.text.replace(/\d/g, '#')}" at position ${match.index}); events never hold personal identity numbers`;

/**
 * Finds the first string in a JSON value (object keys included, since they are stored too)
 * that looks like a personnummer.
 */
export function findPersonnummerInValue(
  value: unknown,
  path: readonly (string | number)[] = [],
): PersonnummerInValue | undefined {
  if (typeof value === 'string') {
    const match = findPersonnummer(value);
    return match ? { path, inKey: false, match } : undefined;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findPersonnummerInValue(value[index], [...path, index]);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const inKey = findPersonnummer(key);
      if (inKey) return { path: [...path, key], inKey: true, match: inKey };
      const found = findPersonnummerInValue(child, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
