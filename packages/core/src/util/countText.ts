/**
 * A count with its noun in the right number: `countText(1, 'event', 'events')` is "1 event",
 * `countText(3, 'event', 'events')` "3 events"; Swedish the same way (`'verifikation'`,
 * `'verifikationer'`).
 */
export const countText = (count: number, one: string, many: string): string =>
  `${count} ${count === 1 ? one : many}`;
