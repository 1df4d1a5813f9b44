/**
 * Collects an async iterable into an array. Only for bounded sequences (tests, small
 * streams): replay code folds instead, so that memory does not grow with the events.
 */
export async function collectAsync<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** The first item of an async iterable, or `undefined` when it yields none; stops it there. */
export async function firstAsync<T>(iterable: AsyncIterable<T>): Promise<T | undefined> {
  for await (const item of iterable) return item;
  return undefined;
}
