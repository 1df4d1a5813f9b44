/**
 * Freezes a copy a store owns, object by object; an object already frozen is one the catalog
 * froze whole (or the store, before), so it is not walked again.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    const children = Object.values(value);
    for (let index = 0; index < children.length; index += 1) deepFreeze(children[index]);
  }
  return value;
}
