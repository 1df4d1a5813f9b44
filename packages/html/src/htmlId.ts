/**
 * An id for an element from a Swedish name: lower case, å/ä → a, ö → o, other runs of
 * characters that are not letters or digits → one hyphen. `Not 2 Verksamhetens kostnader` →
 * `not-2-verksamhetens-kostnader`. Ids depend only on names, so the same report always has the
 * same ids (and the same bytes).
 */
export const htmlId = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
