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
 * The personnummer rule of a text, as a zod `refine` (`.refine(holdsNoPersonnummer,
 * personnummerRefusal)`), not a `superRefine`: zod's compiled parser calls a predicate as it is,
 * where a `superRefine` costs a payload and a list of issues for every text checked (every text
 * of every event, the metadata's texts of every call that records). The refusal's message,
 * naming what was found, is written only for a refused text.
 */
export const holdsNoPersonnummer = (value: string): boolean =>
  findPersonnummer(value) === undefined;
/** The refusal of {@link holdsNoPersonnummer}: rule `no-personnummer`, the match's message. */
export const personnummerRefusal = {
  error: (issue: { readonly input?: unknown }) =>
    personnummerMessage(findPersonnummer(issue.input as string)!),
  params: { rule: personnummerRule },
};

/**
 * Finds the first string in a JSON value (object keys included, since they are stored too)
 * that looks like a personnummer.
 */
export function findPersonnummerInValue(
  value: unknown,
  path: readonly (string | number)[] = [],
): PersonnummerInValue | undefined {
  const found = findBelow(value);
  if (found === undefined) return undefined;
  return {
    path: [...path, ...found.pathBackwards.reverse()],
    inKey: found.inKey,
    match: found.match,
  };
}

/** A find on its way out of the value: the path is collected from the find upwards. */
interface FoundBelow {
  readonly pathBackwards: (string | number)[];
  readonly inKey: boolean;
  readonly match: PersonnummerMatch;
}

/**
 * The search itself. It runs on every event a store takes, so it builds a path only for what it
 * finds, not for every value it passes.
 */
function findBelow(value: unknown): FoundBelow | undefined {
  if (typeof value === 'string') {
    const match = findPersonnummer(value);
    return match ? { pathBackwards: [], inKey: false, match } : undefined;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findBelow(value[index]);
      if (found) return withStep(found, index);
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index]!;
      const inKey = findPersonnummer(key);
      if (inKey) return { pathBackwards: [key], inKey: true, match: inKey };
      const found = findBelow((value as Record<string, unknown>)[key]);
      if (found) return withStep(found, key);
    }
  }
  return undefined;
}

const withStep = (found: FoundBelow, step: string | number): FoundBelow => {
  found.pathBackwards.push(step);
  return found;
};
