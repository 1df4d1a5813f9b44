import { VerifikationNumbering } from './postingFold.js';

/**
 * How the undo of a batch puts back each field of a {@link BookkeepingState}; the type names
 * every field, so a field added later does not compile until it says how it is undone:
 * - `constant`: never changed by a fold;
 * - `logged`: changed by the fold every event shares (numbering, balances, results, the first
 *   year), which writes each value it replaces into the log; saved whole too before an event
 *   with a rule of its own keeps something (a year close, say), in case that rule changes it;
 * - `savedWhole`: changed only by the own rule of such an event: saved whole before it;
 * - `logged by key`: the collections that grow with the books, each entry the fold changes
 *   logged as it is changed, never copied whole.
 */
export type FieldUndo = 'constant' | 'logged' | 'savedWhole' | 'logged by key';

/** An entry of the log: what kind of change, in the first of its four slots. */
const Change = {
  /** A map's entry: the map, the key, the value before (`undefined`: there was none). */
  mapEntry: 0,
  /** A set's member: the set, the value, whether it was a member before. */
  setMember: 1,
  /** A verifikation series: the numbering, the year, its last number before. */
  series: 2,
  /** A field saved whole: the object, the field's name, the copy. */
  field: 3,
} as const;

const slotsPerEntry = 4;

/**
 * What the fold of a batch changed in a state, written by the fold as it changes it (before
 * each change, the value it replaces), and undone newest first: the decider's `checkpoint`.
 * Nothing is saved ahead for the events that may come, so a batch costs what its events change,
 * not what the state holds. One flat list of four slots per entry, not an object per change:
 * a batch of a hundred events changes about a thousand values.
 */
export class BookkeepingUndoLog {
  private entries: unknown[] = [];

  /** Logs the value of `key` in `map` before the fold changes it. */
  mapEntry<Key, Value>(map: Map<Key, Value>, key: Key, before: Value | undefined): void {
    this.entries.push(Change.mapEntry, map, key, before);
  }

  /** Logs whether `value` is in `set` before the fold adds or removes it. */
  setMember<Value>(set: Set<Value>, value: Value): void {
    this.entries.push(Change.setMember, set, value, set.has(value));
  }

  /** Logs the last number of `år` in `numbering` before the fold takes the next. */
  series(numbering: VerifikationNumbering, år: number, lastBefore: number | undefined): void {
    this.entries.push(Change.series, numbering, år, lastBefore);
  }

  /**
   * Saves field `name` of `owner` whole (a copy of a map, a set or a numbering; any other value
   * as it is, the values being immutable).
   */
  field(owner: object, name: string): void {
    const value = (owner as Record<string, unknown>)[name];
    this.entries.push(Change.field, owner, name, copyOf(value));
  }

  /** Puts back everything logged, newest first; the log is then empty (a second undo is none). */
  undo(): void {
    const entries = this.entries;
    this.entries = [];
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
        case Change.series:
          (target as VerifikationNumbering).putBack(key as number, before as number | undefined);
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
