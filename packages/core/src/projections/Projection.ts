/**
 * A projection is a pure fold: `init` gives the empty state, `apply` takes the state and
 * one item and gives the next state, `result` reads the answer out of the final state.
 *
 * Pure means: the next state depends only on the state and the item (no I/O, no clock,
 * no randomness), so the same items always give the same result, byte for byte. Because
 * the runner owns the state and never looks at an old one again, `apply` may update the
 * state object it is given and return it; it must not keep references to items beyond
 * what its answer needs, so that memory does not grow with the number of items.
 */
export interface Projection<Item, State, Result> {
  readonly name: string;
  init(): State;
  apply(state: State, item: Item): State;
  result(state: State): Result;
}

/** The results of several projections run together, by key. */
export type ProjectionResults<
  Projections extends Record<string, Projection<never, unknown, unknown>>,
> = {
  [Key in keyof Projections]: Projections[Key] extends Projection<never, unknown, infer Result>
    ? Result
    : never;
};

/**
 * Runs several projections in one pass over any async iterable (a store's read, a
 * generator, an array turned async). Memory is what the projections' states hold: the
 * items themselves are never collected.
 */
export async function runProjections<
  Item,
  Projections extends Record<string, Projection<Item, unknown, unknown>>,
>(
  items: AsyncIterable<Item> | Iterable<Item>,
  projections: Projections,
): Promise<ProjectionResults<Projections>> {
  const keys = Object.keys(projections) as (keyof Projections & string)[];
  const states = new Map<string, unknown>(keys.map((key) => [key, projections[key]!.init()]));
  for await (const item of items) {
    for (const key of keys) states.set(key, projections[key]!.apply(states.get(key), item));
  }
  const results = {} as Record<string, unknown>;
  for (const key of keys) results[key] = projections[key]!.result(states.get(key));
  return results as ProjectionResults<Projections>;
}

/** Runs one projection. */
export async function runProjection<Item, State, Result>(
  items: AsyncIterable<Item> | Iterable<Item>,
  projection: Projection<Item, State, Result>,
): Promise<Result> {
  const { only } = await runProjections(items, { only: projection });
  return only as Result;
}
