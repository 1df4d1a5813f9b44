/**
 * A count with its noun in the right number: `countText(1, 'event', 'events')` is "1 event",
 * `countText(3, 'event', 'events')` "3 events". English only; the Swedish texts that count
 * (drill-down's "delar") give both forms the same way.
 */
export const countText = (count: number, one: string, many: string): string =>
  `${count} ${count === 1 ? one : many}`;
