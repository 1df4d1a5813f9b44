import { envelopeLimits } from './EventEnvelope.js';

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

/**
 * The copy of {@link copyPlainJson} without names: the same rules, checked in one pass that
 * reads each property once and builds no paths, or `undefined` for anything it refuses (or that
 * throws while it is read).
 */
function quickCopy(value: unknown, depth: number): JsonValue | undefined {
  try {
    return quickCopyValue(value, depth);
  } catch {
    return undefined;
  }
}

function quickCopyValue(value: unknown, depth: number): JsonValue | undefined {
  if (depth > envelopeLimits.jsonDepthMax) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number')
    return Number.isFinite(value) && !Object.is(value, -0) ? value : undefined;
  if (typeof value !== 'object') return undefined;
  return Array.isArray(value) ? quickCopyArray(value, depth) : quickCopyObject(value, depth);
}

/** The value of an own, enumerable data property, or `undefined` for anything else. */
function quickDataValue(holder: object, key: string | number): unknown {
  const descriptor = Reflect.getOwnPropertyDescriptor(holder, key);
  if (descriptor === undefined || !descriptor.enumerable || !('value' in descriptor))
    return undefined;
  return descriptor.value;
}

function quickCopyArray(value: readonly unknown[], depth: number): JsonValue[] | undefined {
  if (Object.getPrototypeOf(value) !== Array.prototype) return undefined;
  const length = value.length;
  // The length and one key per element: no holes, no extra properties.
  if (!hasOnlyNames(value, length + 1)) return undefined;
  const copy: JsonValue[] = new Array<JsonValue>(length);
  for (let index = 0; index < length; index += 1) {
    const child = quickCopyValue(quickDataValue(value, index), depth + 1);
    if (child === undefined) return undefined;
    copy[index] = child;
  }
  return copy;
}

function quickCopyObject(value: object, depth: number): Record<string, JsonValue> | undefined {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  // Names and symbols apart: together (`Reflect.ownKeys`) they cost V8 twice as much.
  const keys = Object.getOwnPropertyNames(value);
  if (Object.getOwnPropertySymbols(value).length !== 0) return undefined;
  const copy: Record<string, JsonValue> = {};
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index]!;
    const child = quickCopyValue(quickDataValue(value, key), depth + 1);
    if (child === undefined) return undefined;
    if (key === '__proto__') defineOwn(copy, key, child);
    else copy[key] = child;
  }
  return copy;
}

/** True if `value` has exactly `count` own string keys and no symbol keys. */
const hasOnlyNames = (value: object, count: number): boolean =>
  Object.getOwnPropertyNames(value).length === count &&
  Object.getOwnPropertySymbols(value).length === 0;

/** Defines an own key, so that a key named `__proto__` stays an own key as JSON.parse makes it. */
function defineOwn(target: object, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
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
