import { envelopeLimits } from './EventEnvelope.js';
import { defineOwn, quickCopy } from './quickCopy.js';

/**
 * A JSON value that survives `JSON.stringify` / `JSON.parse` unchanged. Anything else
 * (undefined, functions, bigint, NaN, Infinity, -0, Dates, class instances, cycles) would be
 * silently changed by storage, so stores refuse it.
 */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

type NonJson = { path: string; rule: string; message: string };

/**
 * Finds the first place where `value` is not plain JSON. Returns the path and the rule,
 * or `undefined` when the value is plain JSON. See {@link copyPlainJson} for the rules.
 */
export function findNonJson(value: unknown, path = 'data', depth = 0): NonJson | undefined {
  const copied = copyPlainJson(value, path, depth);
  return 'issue' in copied ? copied.issue : undefined;
}

/**
 * Copies a plain JSON value, reading each property once, or names the first place where it
 * is not plain JSON. Plain JSON is what `JSON.stringify` writes and `JSON.parse` reads back
 * unchanged: `null`, booleans, strings, finite numbers other than -0, arrays without holes
 * or extra properties, and objects whose prototype is `Object.prototype` or `null` with only
 * enumerable, string-keyed data properties (no getters, no symbols, no non-enumerable
 * `toJSON`). Validating the copy and storing the copy means that what was checked is what
 * is stored, whatever getters or proxies the caller's objects hold; a getter that throws is
 * reported as an issue, not thrown.
 */
export function copyPlainJson(
  value: unknown,
  path = 'data',
  depth = 0,
): { value: JsonValue } | { issue: NonJson } {
  // Nearly every value is plain JSON: one quick copy proves it, and only a refused value is
  // read again, rule by rule, to name the place and the rule.
  const quick = quickCopy(value, depth);
  if (quick !== undefined) return { value: quick };
  try {
    return copyValue(value, path, depth);
  } catch (thrown) {
    return {
      issue: {
        path,
        rule: 'plain-json',
        message: `${path} could not be read as plain JSON: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
      },
    };
  }
}

function copyValue(
  value: unknown,
  path: string,
  depth: number,
): { value: JsonValue } | { issue: NonJson } {
  if (depth > envelopeLimits.jsonDepthMax) {
    return {
      issue: {
        path,
        rule: 'json-depth-max',
        message: `${path} is nested deeper than ${envelopeLimits.jsonDepthMax} levels`,
      },
    };
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return { value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      return {
        issue: {
          path,
          rule: 'finite-number',
          message: `${path} is ${value}, which JSON cannot hold`,
        },
      };
    // JSON writes -0 as 0, so a stored -0 would not read back as what was appended.
    if (Object.is(value, -0))
      return {
        issue: { path, rule: 'no-negative-zero', message: `${path} is -0, which JSON stores as 0` },
      };
    return { value };
  }
  if (Array.isArray(value)) return copyArray(value, path, depth);
  if (typeof value === 'object') return copyObject(value, path, depth);
  return {
    issue: {
      path,
      rule: 'json-value',
      message: `${path} is a ${typeof value}, which JSON cannot hold`,
    },
  };
}

const notPlain = (path: string, what: string): { issue: NonJson } => ({
  issue: { path, rule: 'plain-json', message: `${path} ${what}; only plain JSON data is stored` },
});

/** Reads an own property once; refuses getters, setters and non-enumerable properties. */
function ownDataValue(
  holder: object,
  key: string,
  path: string,
): { value: unknown } | { issue: NonJson } {
  const descriptor = Object.getOwnPropertyDescriptor(holder, key);
  if (descriptor === undefined) return notPlain(path, 'is missing');
  if (!('value' in descriptor)) return notPlain(path, 'is a getter or setter');
  if (!descriptor.enumerable) return notPlain(path, 'is a non-enumerable property');
  return { value: descriptor.value };
}

function copyArray(
  value: readonly unknown[],
  path: string,
  depth: number,
): { value: JsonValue } | { issue: NonJson } {
  if (Object.getPrototypeOf(value) !== Array.prototype)
    return notPlain(path, 'is an array subclass');
  const keys = Reflect.ownKeys(value);
  const length = value.length;
  if (keys.length !== length + 1) return notPlain(path, 'has holes or extra properties');
  const copy: JsonValue[] = [];
  for (let index = 0; index < length; index += 1) {
    const read = ownDataValue(value, String(index), `${path}[${index}]`);
    if ('issue' in read) return read;
    const child = copyValue(read.value, `${path}[${index}]`, depth + 1);
    if ('issue' in child) return child;
    copy.push(child.value);
  }
  return { value: copy };
}

function copyObject(
  value: object,
  path: string,
  depth: number,
): { value: JsonValue } | { issue: NonJson } {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    const name = (prototype as { constructor?: { name?: string } } | null)?.constructor?.name;
    return {
      issue: {
        path,
        rule: 'plain-object',
        message: `${path} is a ${name ?? 'class'} instance, not a plain JSON object`,
      },
    };
  }
  const copy: Record<string, JsonValue> = {};
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'symbol') return notPlain(path, 'has a symbol key');
    const childPath = `${path}.${key}`;
    const read = ownDataValue(value, key, childPath);
    if ('issue' in read) return read;
    const child = copyValue(read.value, childPath, depth + 1);
    if ('issue' in child) return child;
    defineOwn(copy, key, child.value);
  }
  return { value: copy };
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
