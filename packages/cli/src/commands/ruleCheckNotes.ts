import type { LedgerError } from '@finsam-ledger/core';
import type { EventLine, LineRefusal } from '../readEventsFile.js';
import { jsonLinesPlaces, type LinePlaces } from '../linePlaces.js';

const otherLinesText = (count: number, places: LinePlaces): string =>
  count === 1 ? `the other ${places.line}` : `the other ${count} ${places.lines}`;

/**
 * What the check of the books' rules covered in a refused run, when that was not every line: the
 * lines refused on their own were left out of it (a refusal of a later line may follow from
 * that), and the check stops at the first line the rules refuse (`rules`), since each line is
 * checked against the books as the lines before it leave them. Nothing when every line was
 * checked, or none was.
 */
export function ruleCheckNotes(
  events: readonly EventLine[],
  refusedLines: ReadonlySet<number>,
  rules: LineRefusal | LedgerError | undefined,
  places: LinePlaces = jsonLinesPlaces,
): string[] {
  const checked = events.filter((event) => !refusedLines.has(event.lineNumber));
  if (checked.length === 0 || (rules !== undefined && !('lineNumber' in rules))) return [];
  const refused = [...refusedLines].sort((left, right) => left - right);
  if (rules === undefined)
    return refused.length === 0
      ? []
      : [
          `note: the rules of the books take ${otherLinesText(checked.length, places)}, checked in the file's order without the refused ones; a refused ${places.line} meets them once it is corrected.`,
        ];
  const line = rules.lineNumber;
  const leftOut = refused.filter((lineNumber) => lineNumber < line);
  const after = checked.filter((event) => event.lineNumber > line).map((event) => event.lineNumber);
  return [
    ...(leftOut.length === 0
      ? []
      : [
          `note: ${places.of(line)} was checked against the rules of the books without the refused ${places.list(leftOut)} before it: its refusal may follow from ${leftOut.length === 1 ? `that ${places.line}` : `those ${places.lines}`} left out.`,
        ]),
    ...(after.length === 0
      ? []
      : [
          `note: ${places.list(after)} ${after.length === 1 ? 'was' : 'were'} not checked against the rules of the books: each ${places.line} is checked against the books as the ${places.lines} before it leave them, and the check stops at the first ${places.line} they refuse, ${places.of(line)}.`,
        ]),
  ];
}
