import type { LedgerError } from '@finsam-ledger/core';
import type { EventLine, LineRefusal } from '../readEventsFile.js';

/** Line numbers as a sentence names them: `line 4`, `lines 2, 3 and 9`, the first few only. */
function linesText(lineNumbers: readonly number[]): string {
  const shownMax = 8;
  if (lineNumbers.length === 1) return `line ${lineNumbers[0]}`;
  const shown = lineNumbers.slice(0, shownMax);
  const more = lineNumbers.length - shown.length;
  const last = more > 0 ? `${more} more` : `${shown.pop()}`;
  return `lines ${shown.join(', ')} and ${last}`;
}

const otherLinesText = (count: number): string =>
  count === 1 ? 'the other line' : `the other ${count} lines`;

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
): string[] {
  const checked = events.filter((event) => !refusedLines.has(event.lineNumber));
  if (checked.length === 0 || (rules !== undefined && !('lineNumber' in rules))) return [];
  const refused = [...refusedLines].sort((left, right) => left - right);
  if (rules === undefined)
    return refused.length === 0
      ? []
      : [
          `note: the rules of the books take ${otherLinesText(checked.length)}, checked in the file's order without the refused ones; a refused line meets them once it is corrected.`,
        ];
  const line = rules.lineNumber;
  const leftOut = refused.filter((lineNumber) => lineNumber < line);
  const after = checked.filter((event) => event.lineNumber > line).map((event) => event.lineNumber);
  return [
    ...(leftOut.length === 0
      ? []
      : [
          `note: line ${line} was checked against the rules of the books without the refused ${linesText(leftOut)} before it: its refusal may follow from ${leftOut.length === 1 ? 'that line' : 'those lines'} left out.`,
        ]),
    ...(after.length === 0
      ? []
      : [
          `note: ${linesText(after)} ${after.length === 1 ? 'was' : 'were'} not checked against the rules of the books: each line is checked against the books as the lines before it leave them, and the check stops at the first line they refuse, line ${line}.`,
        ]),
  ];
}
