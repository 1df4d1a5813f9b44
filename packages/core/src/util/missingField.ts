/**
 * True when `path` names a field that `input` does not have: its parent is a plain object (not
 * an array) without that key, or with the key set to `undefined`. A schema's type error on such a
 * field ("must be a string", or for an amount "never a JavaScript number") would send a user
 * looking at a value that is not there: the refusal says the field is required instead.
 */
export function isMissingField(input: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return input === undefined;
  let parent: unknown = input;
  for (let index = 0; index < path.length - 1; index += 1) {
    if (typeof parent !== 'object' || parent === null) return false;
    parent = (parent as Record<PropertyKey, unknown>)[path[index]!];
  }
  if (typeof parent !== 'object' || parent === null || Array.isArray(parent)) return false;
  return (parent as Record<PropertyKey, unknown>)[path.at(-1)!] === undefined;
}

/** The rule a refusal of a missing field names. */
export const requiredFieldRule = 'required';

/**
 * The zod issue codes (and amount rules) that are a type error, which a missing field raises:
 * the only ones {@link isMissingField} turns into {@link requiredFieldRule}. A refinement that
 * names an absent field keeps its own words (why the field is needed there).
 */
const typeErrorRules: ReadonlySet<string> = new Set(['invalid_type', 'decimal-string-required']);

/** True for an issue of `rule` at `path` that is a missing field of `input`. */
export const isRequiredFieldIssue = (
  input: unknown,
  path: readonly PropertyKey[],
  rule: string,
): boolean => typeErrorRules.has(rule) && isMissingField(input, path);
