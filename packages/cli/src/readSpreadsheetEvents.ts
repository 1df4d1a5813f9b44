import * as E from 'fp-ts/Either';
import { readFile } from 'node:fs/promises';
import { ledgerError, type EventMetadata, type LedgerError } from '@finsam-ledger/core';
import { readSheetTables, type SheetCell, type SheetTable } from '@finsam-ledger/xlsx';
import {
  eventDefinitionOf,
  eventTypeOfSheetName,
  knownEventTypes,
  meantTypeText,
  sheetNameMaxLength,
} from './knownEventTypes.js';
import { eventOfLine, isParticipantLine } from './eventOfLine.js';
import { placesText, type LinePlaces } from './linePlaces.js';
import type { EventLine, EventsFile, LineRefusal } from './readEventsFile.js';
import { readTextFile } from './readTextFile.js';
import { sheetFieldKinds, type SheetFieldKind } from './sheetFieldKinds.js';
import { cellText, cellValue, dateCellProblem } from './spreadsheetCells.js';

/** The spreadsheets `record` reads, by the events file's name: `.csv` or `.xlsx`. */
export type SpreadsheetFormat = 'csv' | 'xlsx';

/** The spreadsheet format of an events file by its name's ending (any case), if it is one. */
export const spreadsheetFormatOf = (path: string): SpreadsheetFormat | undefined =>
  /\.csv$/i.test(path) ? 'csv' : /\.xlsx$/i.test(path) ? 'xlsx' : undefined;

/**
 * The columns of a row that are the event's envelope, not its data: the event's id, who
 * recorded it, when (an ISO-8601 instant; left empty, the moment of this run).
 */
export const envelopeColumns = {
  eventId: 'eventId',
  recordedBy: 'metadata.recordedBy',
  recordedAt: 'metadata.recordedAt',
} as const;

const envelopeColumnOfPath = new Map<string, string>(
  Object.entries(envelopeColumns).map(([column, path]) => [path, column]),
);

/** A refused field named as the spreadsheet names it: its column. */
const columnOfPath = (path: string): string => {
  if (path === '' || path === 'data' || path === 'metadata') return '(whole row)';
  return `kolumn ${envelopeColumnOfPath.get(path) ?? path.replace(/^data\./, '')}`;
};

/** One sheet's rows read: its events and refusals, each row by its place in the file. */
interface SheetRead {
  readonly events: EventLine[];
  readonly refusals: LineRefusal[];
  readonly labels: Map<number, string>;
}

/** The place of a row as a user finds it: `KostnadBokförd rad 5`; a CSV file's `rad 5`. */
const rowLabel = (sheet: string | undefined, row: number): string =>
  sheet === undefined ? `rad ${row}` : `${sheet} rad ${row}`;

/** Whether a column is one of the {@link envelopeColumns}. */
const isEnvelopeColumn = (column: string): column is keyof typeof envelopeColumns =>
  Object.hasOwn(envelopeColumns, column);

const fieldIssue = (column: string, rule: string, message: string) => ({
  path: isEnvelopeColumn(column) ? envelopeColumns[column] : `data.${column}`,
  rule,
  message,
});

/**
 * What is wrong with a sheet's row 1, its column names: a column with cells below and no name,
 * a name given twice, a field that is a list (a row holds one event's fields, a list stays in
 * JSON Lines). A name that is no field of the event is left to the event's schema, which refuses
 * it on each row that fills it (rule `known-field`), as it refuses a JSON Lines line's.
 */
function columnIssues(
  columns: readonly (string | undefined)[],
  table: SheetTable,
  kinds: ReadonlyMap<string, SheetFieldKind>,
) {
  const issues: ReturnType<typeof fieldIssue>[] = [];
  for (const [index, column] of columns.entries()) {
    if (column === undefined) {
      if (table.rows.some((row) => row[index] !== undefined))
        issues.push(
          fieldIssue(
            `#${index + 1}`,
            'named-column',
            `column ${index + 1} has cells but no name in row 1: row 1 names each column by a field`,
          ),
        );
      continue;
    }
    if (columns.indexOf(column) !== index)
      issues.push(fieldIssue(column, 'unique-column', `column ${column} is named twice in row 1`));
    if (kinds.get(column) === 'list' || column.split('.').some((part) => /^\d+$/.test(part)))
      issues.push(
        fieldIssue(
          column,
          'no-list-column',
          `${column} is a list, which a spreadsheet row does not hold: record this event type from a JSON Lines file`,
        ),
      );
  }
  return issues;
}

/**
 * `key` set on `object` as an own field, whatever its name: a column named `__proto__.x` is a
 * field the schema refuses as unknown, not a way to the prototype of every object.
 */
const putOwn = (object: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(object, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
};

/** `value` put at a dotted path of `data` (`betalning.sätt`), the objects on the way made. */
function setPath(data: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let object = data;
  for (const part of parts.slice(0, -1)) {
    const next = Object.hasOwn(object, part) ? object[part] : undefined;
    if (typeof next !== 'object' || next === null) putOwn(object, part, {});
    object = object[part] as Record<string, unknown>;
  }
  putOwn(object, parts.at(-1)!, value);
}

/** The issues of a row's cells formatted as dates in fields that take numbers. */
function dateCellIssues(
  row: readonly (SheetCell | undefined)[],
  columns: readonly (string | undefined)[],
  kinds: ReadonlyMap<string, SheetFieldKind>,
) {
  return columns.flatMap((column, index) => {
    const cell = row[index];
    if (column === undefined || cell === undefined || isEnvelopeColumn(column)) return [];
    const problem = dateCellProblem(cell, kinds.get(column));
    return problem === undefined
      ? []
      : [fieldIssue(column, 'no-date-cell', `${column}: ${problem}`)];
  });
}

/** A sheet's event type and the kinds of its fields. */
interface SheetEvent {
  readonly type: string;
  readonly kinds: ReadonlyMap<string, SheetFieldKind>;
}

/** One row's event, without its line number; `undefined` for a row with no cell filled. */
function lineOfRow(
  row: readonly (SheetCell | undefined)[],
  columns: readonly (string | undefined)[],
  { type, kinds }: SheetEvent,
  recordedAt: string,
): Omit<EventLine, 'lineNumber'> | undefined {
  const data: Record<string, unknown> = {};
  const envelope: Record<string, string> = {};
  for (const [index, column] of columns.entries()) {
    const cell = row[index];
    if (column === undefined || cell === undefined) continue;
    if (isEnvelopeColumn(column)) envelope[column] = cellText(cell);
    else setPath(data, column, cellValue(cell, kinds.get(column)));
  }
  if (row.every((cell) => cell === undefined)) return undefined;
  const { eventId, recordedBy, recordedAt: given } = envelope;
  return {
    type,
    data,
    metadata: {
      recordedAt: given ?? recordedAt,
      ...(recordedBy === undefined ? {} : { recordedBy }),
    } as EventMetadata,
    recordedAtGiven: given !== undefined,
    ...(eventId === undefined ? {} : { eventId }),
  };
}

/**
 * A sheet's rows as events of `event.type`, numbered on from `first` (the file's line numbers
 * run on across its sheets, so that every row has its own), row 1 naming the columns.
 */
function readSheet(
  table: SheetTable,
  event: SheetEvent,
  { first, sheet, recordedAt }: { first: number; sheet?: string; recordedAt: string },
): SheetRead {
  const read: SheetRead = { events: [], refusals: [], labels: new Map() };
  const columns = (table.rows[0] ?? []).map((cell) =>
    cell === undefined ? undefined : cellText(cell).trim(),
  );
  const issues = columnIssues(columns, table, event.kinds);
  read.labels.set(first, rowLabel(sheet, 1));
  if (issues.length > 0) read.refusals.push({ lineNumber: first, error: invalidRow(issues) });
  for (const [index, row] of table.rows.entries()) {
    if (index === 0) continue;
    const lineNumber = first + index;
    read.labels.set(lineNumber, rowLabel(sheet, index + 1));
    const line = lineOfRow(row, columns, event, recordedAt);
    if (line === undefined) continue;
    const dateIssues = dateCellIssues(row, columns, event.kinds);
    if (dateIssues.length > 0) {
      const other = otherRefusal({ lineNumber, ...line }, dateIssues);
      const error = invalidRow([...dateIssues, ...(other?.issues ?? [])], other?.code);
      read.refusals.push({ lineNumber, error });
    } else read.events.push({ lineNumber, ...line });
  }
  return read;
}

/**
 * What the event's schema refuses in a row refused for its date cells, but in those cells: the
 * row is refused whole, and its other faults are named in the same run. (A date cell's value is
 * a day, never the number the field takes, so the schema's word on it is left out.)
 */
function otherRefusal(line: EventLine, dateIssues: readonly { readonly path: string }[]) {
  const created = eventOfLine(line, isParticipantLine(line));
  if (!E.isLeft(created)) return undefined;
  const datePaths = new Set(dateIssues.map((issue) => issue.path));
  const issues = created.left.issues.filter((issue) => !datePaths.has(issue.path));
  // A personnummer anywhere in the row is refused as one, whatever else is wrong with it.
  return {
    issues,
    code: created.left.code === 'PERSONNUMMER_REFUSED' ? created.left.code : undefined,
  };
}

/** A row refused before its event is checked (row 1's names, a cell of the wrong kind). */
const invalidRow = (
  issues: readonly ReturnType<typeof fieldIssue>[],
  code: 'PERSONNUMMER_REFUSED' | 'INVALID_EVENT' = 'INVALID_EVENT',
): LedgerError => ledgerError(code, issues.map((issue) => issue.message).join('; '), { issues });

/** A workbook's sheet that is named by no event type: the whole file is refused, naming it. */
const unknownSheetError = (sheet: string): LedgerError => {
  const message = `sheet "${sheet}" is named by no event type: each sheet of an events workbook is named by the type of the events of its rows, a type longer than ${sheetNameMaxLength} characters by its first ${sheetNameMaxLength} (Excel's longest sheet name); ${meantTypeText(sheet, sheetNameMaxLength)} types: ${knownEventTypes.join(', ')}`;
  return ledgerError('UNKNOWN_EVENT_TYPE', message, {
    issues: [{ path: 'sheet', rule: 'known-event-type', message }],
    details: { sheet },
  });
};

/** The places of a spreadsheet: its rows by their labels, the fields by their columns. */
const spreadsheetPlaces = (labels: ReadonlyMap<number, string>): LinePlaces => {
  const of = (lineNumber: number) => labels.get(lineNumber) ?? `rad ${lineNumber}`;
  return {
    of,
    list: (lineNumbers) => placesText(lineNumbers.map(of)),
    field: columnOfPath,
    line: 'row',
    lines: 'rows',
  };
};

/** Every sheet read, or the refusal of a sheet named by no event type. */
function readTables(
  tables: readonly SheetTable[],
  csvType: string | undefined,
  recordedAt: string,
): E.Either<LedgerError, SheetRead> {
  const all: SheetRead = { events: [], refusals: [], labels: new Map() };
  let first = 1;
  for (const table of tables) {
    // An empty sheet (Excel's Blad1 of a new workbook, say) holds no event to type.
    if (table.rows.length === 0) continue;
    const type = csvType ?? eventTypeOfSheetName(table.name);
    const definition = type === undefined ? undefined : eventDefinitionOf(type);
    if (type === undefined || definition === undefined)
      return E.left(unknownSheetError(table.name));
    const event = { type, kinds: sheetFieldKinds(definition) };
    const sheet = csvType === undefined ? table.name : undefined;
    const read = readSheet(table, event, { first, recordedAt, ...(sheet ? { sheet } : {}) });
    all.events.push(...read.events);
    all.refusals.push(...read.refusals);
    for (const [lineNumber, label] of read.labels) all.labels.set(lineNumber, label);
    first += Math.max(table.rows.length, 1);
  }
  return E.right(all);
}

/** The tables of the file, or the refusal of a file that cannot be read as `format`. */
async function tablesOf(
  path: string,
  format: SpreadsheetFormat,
): Promise<E.Either<LedgerError, SheetTable[]>> {
  let input: Parameters<typeof readSheetTables>[0];
  try {
    input =
      format === 'csv'
        ? { format, text: await readTextFile(path) }
        : { format, bytes: new Uint8Array(await readFile(path)) };
  } catch (thrown) {
    const error = thrown as NodeJS.ErrnoException;
    const message = `Cannot read the events file ${path}: ${error.message}`;
    return E.left(
      ledgerError('IO_ERROR', message, { cause: error, details: { path, errno: error.code } }),
    );
  }
  try {
    return E.right(readSheetTables(input));
  } catch (thrown) {
    const message = `${path} is not an ${format} file: ${(thrown as Error).message}`;
    return E.left(
      ledgerError('INVALID_EVENT', message, {
        issues: [{ path: '', rule: format, message }],
        details: { path },
      }),
    );
  }
}

/**
 * Reads a spreadsheet events file (see `docs/setting-up-your-forbund.md`, "Recording from a
 * spreadsheet"): a CSV file's rows are events of `csvType`; an xlsx file's sheets are each named
 * by the type of its rows' events (by {@link eventTypeOfSheetName}). Row 1 names the columns:
 * fields of the event's data, dotted for nested ones (`betalning.sätt`), and
 * {@link envelopeColumns}; an empty cell is a field left out. Returns every row's event and a
 * refusal of each sheet's row 1 that names a column wrongly, each row placed as a user finds it
 * (`KostnadBokförd rad 5`); the row's data is checked by its event's schema when it is
 * recorded, as a JSON Lines line's is.
 */
export async function readSpreadsheetEvents(
  path: string,
  {
    format,
    csvType,
    recordedAt,
  }: { format: SpreadsheetFormat; csvType?: string; recordedAt: string },
): Promise<E.Either<LedgerError, EventsFile>> {
  const tables = await tablesOf(path, format);
  if (E.isLeft(tables)) return tables;
  const read = readTables(tables.right, format === 'csv' ? csvType : undefined, recordedAt);
  if (E.isLeft(read)) return read;
  const { events, refusals, labels } = read.right;
  if (events.length === 0 && refusals.length === 0)
    return E.left(ledgerError('INVALID_EVENT', `${path} holds no events`, { details: { path } }));
  return E.right({ events, refusals, places: spreadsheetPlaces(labels) });
}
