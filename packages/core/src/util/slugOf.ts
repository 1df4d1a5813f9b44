/**
 * The slug of a Swedish name, the id of an insats and of a section of the HTML report. Lower
 * case, å/ä → a, ö → o, other accents dropped, every other run of characters that are not
 * letters or digits → one hyphen: `MIA vidare Roslagen` → `mia-vidare-roslagen`,
 * `Not 2 Verksamhetens kostnader` → `not-2-verksamhetens-kostnader`.
 *
 * One function for both of its uses, so that they cannot drift apart: participant events name
 * an insats by the slug of the name the configuration declares (`insatsId`), and the HTML report
 * gives each section the slug of its heading as its id. A slug depends only on the name, so the
 * same report always has the same ids (and the same bytes).
 */
export const slugOf = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
