import { fieldOfPath } from './describeError.js';

/**
 * How the refusals of `record` name the places of an events file a user finds: a JSON Lines
 * file's `line 3` and `field data.belopp`, a spreadsheet's `KostnadBokförd rad 5` and
 * `kolumn belopp`. A line is known by its `lineNumber` everywhere else; only the printed text
 * differs.
 */
export interface LinePlaces {
  /** One line's place: `line 3`, `KostnadBokförd rad 5`. */
  readonly of: (lineNumber: number) => string;
  /** Several lines' places in a sentence: `line 4`, `lines 2, 3 and 9`, the first few only. */
  readonly list: (lineNumbers: readonly number[]) => string;
  /** A refused field by its path (`data.belopp`): `field data.belopp`, `kolumn belopp`. */
  readonly field: (path: string) => string;
  /** What one line is called in a sentence: `line` (`a line without an eventId`), `row`. */
  readonly line: string;
  /** What several lines are called, counted: `lines` (`5 lines refused`), `rows`. */
  readonly lines: string;
}

/** What `count` lines are called: `line` for one, else `lines` (`row`, `rows`). */
export const linesNamed = (places: LinePlaces, count: number): string =>
  count === 1 ? places.line : places.lines;

/** `1 line`, `3 lines`, `1 row`: a count of lines as `places` calls them. */
export const linesCounted = (places: LinePlaces, count: number): string =>
  `${count} ${linesNamed(places, count)}`;

/** The places named in a sentence at most; the others are counted. */
const shownMax = 8;

/** Places as a sentence lists them: `a`, `a and b`, `a, b and 3 more`. */
export function placesText(places: readonly string[]): string {
  if (places.length <= 1) return places.join('');
  const shown = places.slice(0, shownMax);
  const more = places.length - shown.length;
  const last = more > 0 ? `${more} more` : `${shown.pop()}`;
  return `${shown.join(', ')} and ${last}`;
}

/** The places of a JSON Lines file: its line numbers, and the fields by their paths. */
export const jsonLinesPlaces: LinePlaces = {
  of: (lineNumber) => `line ${lineNumber}`,
  list: (lineNumbers) =>
    lineNumbers.length === 1
      ? `line ${lineNumbers[0]}`
      : `lines ${placesText(lineNumbers.map(String))}`,
  field: fieldOfPath,
  line: 'line',
  lines: 'lines',
};
