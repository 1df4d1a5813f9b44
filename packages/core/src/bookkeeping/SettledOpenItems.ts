import { ledgerError } from '../error.js';
import { openItemKinds, type OpenItemKind } from './OpenItem.js';

/** What the write side keeps of an open item settled before its checkpoint. */
export interface SettledOpenItem {
  readonly postId: string;
  readonly slag: OpenItemKind;
  /** The event that opened the item: where the rest of it is read when a batch needs it. */
  readonly eventId: string;
}

/** {@link SettledOpenItems} as plain JSON: three arrays of one length, sorted by `postIds`. */
export interface SerialisedSettledOpenItems {
  readonly postIds: readonly string[];
  /** Each item's kind as its index in `openItemKinds`. */
  readonly kinds: readonly number[];
  readonly eventIds: readonly string[];
}

const kindIndex = new Map<string, number>(openItemKinds.map((kind, index) => [kind, index]));

/**
 * The open items settled before the checkpoint a write-side state was resumed from, kept
 * compactly: their ids in sorted order, each with its kind and the event that opened it (and
 * those a writer moved here at a stored year close, `compactSettledItems`). An id is never
 * used again for a new item, and a settled item's kind decides whether a settlement
 * is refused as too large or as of the wrong kind, so the rules look both up here (by binary
 * search); a correction that reopens a settled item needs the whole of it, which the recorder
 * reads from the store by the opening event's id before it checks the batch. At a million
 * events this is about a tenth of the memory the full items took. Immutable: a state and its
 * copies share it.
 */
export class SettledOpenItems {
  /**
   * No settled items: a state folded from the first event keeps them in full until its writer
   * compacts it at a stored close.
   */
  static readonly none = new SettledOpenItems([], new Uint8Array(0), []);

  private constructor(
    private readonly postIds: readonly string[],
    private readonly kinds: Uint8Array,
    private readonly eventIds: readonly string[],
  ) {}

  /**
   * The settled items from their serialised form; a form that is not three arrays of one length
   * with ids strictly in order and known kinds is refused (`VALIDATION_FAILED`), so that a
   * checkpoint of another shape is discarded, never half read.
   */
  static fromSerialised(serialised: SerialisedSettledOpenItems): SettledOpenItems {
    const { postIds, kinds, eventIds } = serialised;
    const sound =
      Array.isArray(postIds) &&
      Array.isArray(kinds) &&
      Array.isArray(eventIds) &&
      kinds.length === postIds.length &&
      eventIds.length === postIds.length &&
      postIds.every(
        (postId, index) =>
          typeof postId === 'string' &&
          typeof eventIds[index] === 'string' &&
          Number.isInteger(kinds[index]) &&
          kinds[index]! >= 0 &&
          kinds[index]! < openItemKinds.length &&
          (index === 0 || compareIds(postIds[index - 1]!, postId) < 0),
      );
    if (!sound)
      throw ledgerError(
        'VALIDATION_FAILED',
        'The settled open items of a write-side checkpoint are not sorted ids with kinds and events',
        {
          issues: [
            {
              path: 'state.settledItems',
              rule: 'sorted-settled-items',
              message: 'must be postIds in order, with a known kind and an event id for each',
            },
          ],
        },
      );
    if (postIds.length === 0) return SettledOpenItems.none;
    return new SettledOpenItems(postIds, Uint8Array.from(kinds), eventIds);
  }

  /** How many settled items are kept. */
  get size(): number {
    return this.postIds.length;
  }

  /** The settled item `postId`, or `undefined` when no item of that id was settled here. */
  find(postId: string): SettledOpenItem | undefined {
    let low = 0;
    let high = this.postIds.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const order = compareIds(this.postIds[middle]!, postId);
      if (order === 0)
        return {
          postId,
          slag: openItemKinds[this.kinds[middle]!]!,
          eventId: this.eventIds[middle]!,
        };
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  /**
   * The settled items as plain JSON, in id order, without those `heldInFull` names (items a state
   * holds in full again, loaded for a batch that touched them). The ids are the arrays this was
   * made from when it names none, not copies: they are never changed.
   */
  serialisedWithout(heldInFull: (postId: string) => boolean): SerialisedSettledOpenItems {
    // Few or none are held in full: their places first, so that the usual case copies no ids.
    const left = new Set<number>();
    for (let index = 0; index < this.postIds.length; index += 1)
      if (heldInFull(this.postIds[index]!)) left.add(index);
    // The kinds as a plain list for JSON (a byte each here, kept small between closes).
    const kinds = Array.from(this.kinds);
    if (left.size === 0) return { postIds: this.postIds, kinds, eventIds: this.eventIds };
    const keep = (_: unknown, index: number) => !left.has(index);
    return {
      postIds: this.postIds.filter(keep),
      kinds: kinds.filter(keep),
      eventIds: this.eventIds.filter(keep),
    };
  }

  /** Every settled item, in the order of their ids. */
  *items(): IterableIterator<SettledOpenItem> {
    for (let index = 0; index < this.postIds.length; index += 1)
      yield {
        postId: this.postIds[index]!,
        slag: openItemKinds[this.kinds[index]!]!,
        eventId: this.eventIds[index]!,
      };
  }
}

/** The order of ids: by UTF-16 code units, as `Array.prototype.sort` orders strings. */
export const compareIds = (left: string, right: string): number =>
  left < right ? -1 : left > right ? 1 : 0;

/** Settled items as plain JSON (see {@link SerialisedSettledOpenItems}). */
export function serialiseSettledOpenItems(
  items: Iterable<SettledOpenItem>,
): SerialisedSettledOpenItems {
  return serialisedInOrder([...items].sort(byPostId));
}

const byPostId = (left: SettledOpenItem, right: SettledOpenItem): number =>
  compareIds(left.postId, right.postId);

function serialisedInOrder(sorted: readonly SettledOpenItem[]): SerialisedSettledOpenItems {
  return {
    postIds: sorted.map((item) => item.postId),
    kinds: sorted.map((item) => kindIndex.get(item.slag)!),
    eventIds: sorted.map((item) => item.eventId),
  };
}

/**
 * Serialises settled items as {@link serialiseSettledOpenItems} does, to the same arrays, but
 * remembers the last call: when the last call's items come again in the same order, with new
 * ones anywhere among them, only the new ones are sorted and merged into the last result. The
 * write side saves its checkpoint at every year close with all the items settled so far, listed
 * in the order of the state's map, so a bulk load then pays for the items settled since the last
 * close instead of sorting them all again each time; the check is a walk comparing references,
 * not a lookup per item. Otherwise (an item reopened or changed, another state, another order)
 * everything is sorted again. The ids of one call's items must be distinct, as a state's are.
 */
export class SettledOpenItemsInOrder {
  private lastItems: readonly SettledOpenItem[] = [];
  private last: SerialisedSettledOpenItems = { postIds: [], kinds: [], eventIds: [] };

  /**
   * `items` as plain JSON, sorted by id; the arrays returned are never changed later. `items` is
   * kept for the next call, so the caller must not change it afterwards.
   */
  serialise(items: readonly SettledOpenItem[]): SerialisedSettledOpenItems {
    const added: SettledOpenItem[] = [];
    let matched = 0;
    for (let index = 0; index < items.length; index += 1) {
      const item = items[index]!;
      const previous = this.lastItems[matched];
      // An item settled before the last call is most often the very same object (a state's items
      // are replaced, never changed): its members are compared only when it is not.
      if (
        previous !== undefined &&
        (previous === item ||
          (previous.postId === item.postId &&
            previous.slag === item.slag &&
            previous.eventId === item.eventId))
      )
        matched += 1;
      else added.push(item);
    }
    this.last =
      matched === this.lastItems.length
        ? mergedById(this.last, serialiseSettledOpenItems(added))
        : serialiseSettledOpenItems(items);
    this.lastItems = items;
    return this.last;
  }

  /**
   * Lets go of the last call's items and result: the next call sorts all it is given. For a
   * caller whose items of the last call are no longer its own (a state compacted since, see
   * `compactSettledItems`): the next call could not match them, and keeping them would keep a
   * year of settled items in full alive here until then.
   */
  forget(): void {
    this.lastItems = [];
    this.last = { postIds: [], kinds: [], eventIds: [] };
  }
}

/**
 * Two serialised lists sorted by distinct ids as one sorted list (new arrays). Each new item's
 * place is found by binary search and the old items before it are copied as a run: at a close
 * the old list holds every item settled so far and the new one a year's, so this is a copy of
 * the old arrays with the new items slotted in, not a comparison per item.
 */
export function mergedById(
  left: SerialisedSettledOpenItems,
  right: SerialisedSettledOpenItems,
): SerialisedSettledOpenItems {
  if (right.postIds.length === 0) return left;
  // Arrays of their final length, filled in order: pushing grew and copied them again and again.
  const length = left.postIds.length + right.postIds.length;
  const postIds = new Array<string>(length);
  const kinds = new Array<number>(length);
  const eventIds = new Array<string>(length);
  let leftIndex = 0;
  let merged = 0;
  const takeLeftUpTo = (end: number): void => {
    for (; leftIndex < end; leftIndex += 1, merged += 1) {
      postIds[merged] = left.postIds[leftIndex]!;
      kinds[merged] = left.kinds[leftIndex]!;
      eventIds[merged] = left.eventIds[leftIndex]!;
    }
  };
  for (let rightIndex = 0; rightIndex < right.postIds.length; rightIndex += 1, merged += 1) {
    const postId = right.postIds[rightIndex]!;
    takeLeftUpTo(firstNotBefore(left.postIds, postId, leftIndex));
    postIds[merged] = postId;
    kinds[merged] = right.kinds[rightIndex]!;
    eventIds[merged] = right.eventIds[rightIndex]!;
  }
  takeLeftUpTo(left.postIds.length);
  return { postIds, kinds, eventIds };
}

/**
 * The index of the first of the sorted `ids` from `from` on that does not order before `id` (an
 * equal id included: the new item then goes first, as the merge before the binary search did).
 */
function firstNotBefore(ids: readonly string[], id: string, from: number): number {
  let low = from;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareIds(ids[middle]!, id) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
