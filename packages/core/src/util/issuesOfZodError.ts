import type { Issue } from '../error.js';
import { personnummerMessage, personnummerRule } from '../privacy/findPersonnummerInValue.js';
import { findPersonnummer } from '../privacy/personnummer.js';
import { isRequiredFieldIssue, requiredFieldRule } from './missingField.js';

/** What is read of one of zod's issues: a structural type, so that any zod refusal fits. */
interface ZodIssueLike {
  readonly path: readonly PropertyKey[];
  readonly code: string;
  readonly message: string;
  readonly keys?: readonly string[];
  readonly params?: { readonly rule?: string };
}

/** A zod refusal (`ZodError`, or the `error` of a failed `safeParse`). */
export interface ZodErrorLike {
  readonly issues: readonly ZodIssueLike[];
}

/** How {@link issuesOfZodError} names what it reads. */
export interface ZodIssueReading {
  /** Put before each path (`data`, `metadata`, `events.2`): where the value sits for the caller. */
  readonly prefix?: string;
  /** The value that was parsed: with it, a field the value lacks is refused as `required`. */
  readonly input?: unknown;
  /** What an unknown field is not a field of, e.g. `of the configuration`; `here` otherwise. */
  readonly unknownFieldOf?: string;
  /**
   * Whether each message begins with its path (`data.belopp: is required`), for a refusal whose
   * own message is made of its issues' messages; true unless said otherwise.
   */
  readonly messageNamesPath?: boolean;
}

/**
 * Zod's issues as ours, the one reading every refusal of a schema goes through (event data,
 * metadata, envelopes, stream ids, the configuration, printed reports), so that each names a
 * field the same way:
 *
 * - the path dotted under the prefix (`data.rader.2.belopp`);
 * - the rule from the schema's `params.rule`, else zod's code;
 * - an unknown field by its own path, rule `known-field`, so that a typo in a field's name
 *   points at the typo, not at the object around it; an unknown key shaped like a personnummer
 *   is refused as one (rule `no-personnummer`) and not repeated;
 * - with the `input`, a field it lacks as `required`, not as a value of the wrong type.
 */
export function issuesOfZodError(error: ZodErrorLike, reading: ZodIssueReading = {}): Issue[] {
  const prefix = reading.prefix === undefined || reading.prefix === '' ? [] : [reading.prefix];
  const named = (path: string, message: string): string =>
    reading.messageNamesPath === false || path === '' ? message : `${path}: ${message}`;
  return error.issues.flatMap((issue): Issue[] => {
    // An empty part (a record's key '') would leave a doubled dot: it is left out.
    const base = [...prefix, ...issue.path.map(String)].filter((part) => part !== '');
    if (issue.code === 'unrecognized_keys')
      return (issue.keys ?? []).map((key) => unknownFieldIssue(base, key, reading, named));
    const path = base.join('.');
    const rule = issue.params?.rule ?? issue.code;
    if (reading.input !== undefined && isRequiredFieldIssue(reading.input, issue.path, rule))
      return [{ path, rule: requiredFieldRule, message: named(path, 'is required') }];
    return [{ path, rule, message: named(path, issue.message) }];
  });
}

function unknownFieldIssue(
  base: readonly string[],
  key: string,
  reading: ZodIssueReading,
  named: (path: string, message: string) => string,
): Issue {
  // A key is stored text too: one shaped like a personnummer is refused as one, unrepeated.
  const personnummer = findPersonnummer(key);
  if (personnummer !== undefined) {
    const path = base.join('.');
    const message = `has a key that ${personnummerMessage(personnummer)}`;
    return { path, rule: personnummerRule, message: named(path, message) };
  }
  const path = [...base, key].join('.');
  const message = `is not a field ${reading.unknownFieldOf ?? 'here'} (a typo?)`;
  return { path, rule: 'known-field', message: named(path, message) };
}
