import { envelopeLimits } from './EventEnvelope.js';

/**
 * A JSON value that survives `JSON.stringify` / `JSON.parse` unchanged. Anything else
 * (undefined, functions, bigint, NaN, Infinity, -0, Dates, class instances, cycles) would be
 * silently changed by storage, so stores refuse it.
 */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * Finds the first place where `value` is not plain JSON. Returns the path and the rule,
 * or `undefined` when the value is plain JSON.
 */
export function findNonJson(
  value: unknown,
  path = 'data',
  depth = 0,
): { path: string; rule: string; message: string } | undefined {
  if (depth > envelopeLimits.jsonDepthMax) {
    return {
      path,
      rule: 'json-depth-max',
      message: `${path} is nested deeper than ${envelopeLimits.jsonDepthMax} levels`,
    };
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      return {
        path,
        rule: 'finite-number',
        message: `${path} is ${value}, which JSON cannot hold`,
      };
    // JSON writes -0 as 0, so a stored -0 would not read back as what was appended.
    if (Object.is(value, -0))
      return { path, rule: 'no-negative-zero', message: `${path} is -0, which JSON stores as 0` };
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findNonJson(value[index], `${path}[${index}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      return {
        path,
        rule: 'plain-object',
        message: `${path} is a ${prototype?.constructor?.name ?? 'class'} instance, not a plain JSON object`,
      };
    }
    for (const [key, child] of Object.entries(value)) {
      const found = findNonJson(child, `${path}.${key}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  return {
    path,
    rule: 'json-value',
    message: `${path} is a ${typeof value}, which JSON cannot hold`,
  };
}

/**
 * Serialises JSON with object keys sorted, so that equal values give equal bytes.
 * Used for idempotency comparisons and for hashing.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, child]) => child !== undefined)
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(',')}}`;
}
