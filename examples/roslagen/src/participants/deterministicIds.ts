import { createHash } from 'node:crypto';

/** The SHA-256 of `name`, as lower-case hex. */
export const sha256Hex = (name: string): string =>
  createHash('sha256').update(name, 'utf8').digest('hex');

/**
 * A UUID derived from `name`: the first 128 bits of its SHA-256, shaped as a version-4 UUID
 * (version nibble 4, variant 10xx), lower case. The same name gives the same id on every
 * run, so the example history is the same bytes every time and re-recording it is an
 * idempotent no-op.
 */
export function eventIdFrom(name: string): string {
  const hex = sha256Hex(`event:${name}`);
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A pseudonymous participant id: `d-` and eight hex digits of a hash. Eight characters can
 * never hold the ten digits a personnummer needs, and the id tells nothing about the
 * person or the order of enrolment.
 */
export const pseudonymFrom = (name: string): string =>
  `d-${sha256Hex(`participant:${name}`).slice(0, 8)}`;

/**
 * Orders `items` by the hash of `salt` and each item's key: a fixed, seedless shuffle, so
 * that the synthetic attributes are spread over the participants without any correlation
 * that the report does not print, and the same on every run.
 */
export function deterministicShuffle<Item>(
  items: readonly Item[],
  salt: string,
  keyOf: (item: Item, index: number) => string = (_, index) => String(index),
): Item[] {
  return items
    .map((item, index) => ({ item, rank: sha256Hex(`${salt}:${keyOf(item, index)}`) }))
    .sort((left, right) => (left.rank < right.rank ? -1 : left.rank > right.rank ? 1 : 0))
    .map(({ item }) => item);
}

/**
 * Expands `{ category: count }` into a list with each category repeated `count` times, in key
 * order.
 */
export function expandCounts<Category extends string>(
  counts: Readonly<Record<Category, number>>,
): Category[] {
  return (Object.entries(counts) as [Category, number][]).flatMap(([category, count]) =>
    Array.from({ length: count }, () => category),
  );
}

/** The date `days` days after `date` (`YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** `count` dates spread evenly from `first` to `last`, both included. */
export function spreadDates(count: number, first: string, last: string): string[] {
  const span = daysBetween(first, last);
  if (count === 1) return [first];
  return Array.from({ length: count }, (_, index) =>
    addDays(first, Math.floor((index * span) / (count - 1))),
  );
}
