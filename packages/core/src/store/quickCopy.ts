import { envelopeLimits } from './EventEnvelope.js';
import type { JsonValue } from './json.js';

/**
 * The quick copy of `copyPlainJson` (json.ts), and the two ways the append path uses it besides:
 * a frozen copy (what the catalog hands a store) and an envelope's copy that keeps members already
 * copied and frozen (see `catalogCertificate.ts`). Internal to the store module: not exported from
 * the package.
 */

/**
 * The copy of `copyPlainJson` without names: the same rules, checked in one pass that reads each
 * property once and builds no paths, or `undefined` for anything it refuses (or that throws while
 * it is read).
 */
export function quickCopy(value: unknown, depth: number): JsonValue | undefined {
  try {
    return quickCopyValue(value, depth);
  } catch {
    return undefined;
  }
}

/**
 * {@link quickCopy} with every object and array of the copy frozen: a value nobody can change
 * any more, and that nobody else holds.
 */
export function frozenQuickCopy(value: unknown, depth: number): JsonValue | undefined {
  try {
    // Frozen as it is copied: one walk, and every frozen object is one the copy made.
    return quickCopyValue(value, depth, true);
  } catch {
    return undefined;
  }
}

/**
 * {@link quickCopy} of an object (an event's envelope) whose members for which `kept` says so are
 * taken as they are, not copied: values that are plain JSON already and can no longer change
 * (frozen copies, see {@link frozenQuickCopy}). `undefined` for anything the quick copy refuses.
 */
export function quickCopyKeeping(
  value: unknown,
  kept: (member: object) => boolean,
): JsonValue | undefined {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return quickCopyObject(value, 0, kept);
  } catch {
    return undefined;
  }
}

function quickCopyValue(value: unknown, depth: number, freeze = false): JsonValue | undefined {
  if (depth > envelopeLimits.jsonDepthMax) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number')
    return Number.isFinite(value) && !Object.is(value, -0) ? value : undefined;
  if (typeof value !== 'object') return undefined;
  return Array.isArray(value)
    ? quickCopyArray(value, depth, freeze)
    : quickCopyObject(value, depth, undefined, freeze);
}

/** The value of an own, enumerable data property, or `undefined` for anything else. */
export function quickDataValue(holder: object, key: string | number): unknown {
  const descriptor = Reflect.getOwnPropertyDescriptor(holder, key);
  if (descriptor === undefined || !descriptor.enumerable || !('value' in descriptor))
    return undefined;
  return descriptor.value;
}

function quickCopyArray(
  value: readonly unknown[],
  depth: number,
  freeze: boolean,
): readonly JsonValue[] | undefined {
  if (Object.getPrototypeOf(value) !== Array.prototype) return undefined;
  const length = value.length;
  // The length and one key per element: no holes, no extra properties.
  if (!hasOnlyNames(value, length + 1)) return undefined;
  const copy: JsonValue[] = new Array<JsonValue>(length);
  for (let index = 0; index < length; index += 1) {
    const child = quickCopyValue(quickDataValue(value, index), depth + 1, freeze);
    if (child === undefined) return undefined;
    copy[index] = child;
  }
  return freeze ? Object.freeze(copy) : copy;
}

function quickCopyObject(
  value: object,
  depth: number,
  kept?: (member: object) => boolean,
  freeze = false,
): Record<string, JsonValue> | undefined {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  // Names and symbols apart: together (`Reflect.ownKeys`) they cost V8 twice as much.
  const keys = Object.getOwnPropertyNames(value);
  if (Object.getOwnPropertySymbols(value).length !== 0) return undefined;
  const copy: Record<string, JsonValue> = {};
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index]!;
    const member = quickDataValue(value, key);
    const child =
      kept !== undefined && typeof member === 'object' && member !== null && kept(member)
        ? (member as JsonValue)
        : quickCopyValue(member, depth + 1, freeze);
    if (child === undefined) return undefined;
    if (key === '__proto__') defineOwn(copy, key, child);
    else copy[key] = child;
  }
  return freeze ? Object.freeze(copy) : copy;
}

/** True if `value` has exactly `count` own string keys and no symbol keys. */
export const hasOnlyNames = (value: object, count: number): boolean =>
  Object.getOwnPropertyNames(value).length === count &&
  Object.getOwnPropertySymbols(value).length === 0;

/** Defines an own key, so that a key named `__proto__` stays an own key as JSON.parse makes it. */
export function defineOwn(target: object, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
