import { VerifikationNumbering } from './postingFold.js';

/**
 * How the undo of a batch puts back each field of a {@link BookkeepingState}; the type names
 * every field, so a field added later does not compile until it says how it is undone:
 * - `constant`: never changed by a fold;
 * - `copiedOnFirstChange`: a small collection (or value) the fold every event shares changes
 *   (numbering, balances, year results, the first year): copied whole the first time the batch
 *   changes it, once per batch;
 * - `copiedBeforeOwnRule`: changed only by the own rule of an event that keeps something (a
 *   year close, a budget, an opening balance): copied whole before each such rule runs, as is
 *   every field of the two kinds above, whatever the rule changes;
 * - `loggedByKey`: a collection that grows with the books: each entry the fold changes is logged
 *   as it is changed, the collection is never copied.
 */
export type FieldUndo = 'constant' | 'copiedOnFirstChange' | 'copiedBeforeOwnRule' | 'loggedByKey';

/** An entry of the log: what kind of change, in the first of its four slots. */
const Change = {
  /** A map's entry: the map, the key, the value before (`undefined`: there was none). */
  mapEntry: 0,
  /** A set's member: the set, the value, whether it was a member before. */
  setMember: 1,
  /** A field saved whole: the object, the field's name, the copy. */
  field: 2,
} as const;

const slotsPerEntry = 4;

/**
 * What the fold of a batch changed in a state, written by the fold as it changes it, and undone
 * newest first: the decider's `checkpoint`. Nothing is saved ahead for the events that may come,
 * so a batch costs what its events change, not what the state holds: each entry of the large
 * collections before it is changed, the small ones whole once (see {@link FieldUndo}). One flat
 * list of four slots per entry, not an object per change.
 */
export class BookkeepingUndoLog {
  private entries: unknown[] = [];
  /** The fields {@link fieldOnce} saved (of one state: a log is one batch's). */
  private readonly savedOnce: string[] = [];

  /** Logs the value of `key` in `map` before the fold changes it. */
  mapEntry<Key, Value>(map: Map<Key, Value>, key: Key, before: Value | undefined): void {
    this.entries.push(Change.mapEntry, map, key, before);
  }

  /** Logs whether `value` is in `set` before the fold adds or removes it. */
  setMember<Value>(set: Set<Value>, value: Value): void {
    this.entries.push(Change.setMember, set, value, set.has(value));
  }

  /**
   * Saves field `name` of `owner` whole (a copy of a map, a set or a numbering; any other value
   * as it is, the values being immutable).
   */
  field(owner: object, name: string): void {
    const value = (owner as Record<string, unknown>)[name];
    this.entries.push(Change.field, owner, name, copyOf(value));
  }

  /**
   * Saves field `name` of `owner` whole the first time the batch's fold changes it, and not
   * again: for the small collections the fold changes at every event (balances, year results,
   * numbering), one copy per batch costs less than logging every value replaced, and keeps
   * none of the values in between alive until the batch is stored.
   */
  fieldOnce(owner: object, name: string): void {
    if (this.savedOnce.includes(name)) return;
    this.savedOnce.push(name);
    this.field(owner, name);
  }

  /** Puts back everything logged, newest first; the log is then empty (a second undo is none). */
  undo(): void {
    const entries = this.entries;
    this.entries = [];
    this.savedOnce.length = 0;
    for (let index = entries.length - slotsPerEntry; index >= 0; index -= slotsPerEntry) {
      const target = entries[index + 1];
      const key = entries[index + 2];
      const before = entries[index + 3];
      switch (entries[index]) {
        case Change.mapEntry:
          if (before === undefined) (target as Map<unknown, unknown>).delete(key);
          else (target as Map<unknown, unknown>).set(key, before);
          break;
        case Change.setMember:
          if (before === true) (target as Set<unknown>).add(key);
          else (target as Set<unknown>).delete(key);
          break;
        case Change.field:
          putBackField(target as Record<string, unknown>, key as string, before);
          break;
      }
    }
  }
}

function copyOf(value: unknown): unknown {
  if (value instanceof Map) return new Map(value);
  if (value instanceof Set) return new Set(value);
  if (value instanceof VerifikationNumbering) return value.clone();
  return value;
}

function putBackField(owner: Record<string, unknown>, name: string, copy: unknown): void {
  const current = owner[name];
  if (current instanceof Map) {
    current.clear();
    for (const [key, value] of copy as Map<unknown, unknown>) current.set(key, value);
  } else if (current instanceof Set) {
    current.clear();
    for (const value of copy as Set<unknown>) current.add(value);
  } else if (current instanceof VerifikationNumbering)
    current.restore(copy as VerifikationNumbering);
  else owner[name] = copy;
}
