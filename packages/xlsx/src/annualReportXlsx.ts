import {
  annualReportTitle,
  type AnnualReport,
  type MoneyUnit,
  type ParticipantTables,
  type Statement,
} from '@finsam-ledger/core';
import { XlsxError } from './error.js';
import { guidelineSheet } from './guidelineSheet.js';
import { participantSheet } from './participantSheet.js';
import { SheetBuilder } from './SheetBuilder.js';
import { statementSheet } from './statementSheet.js';
import { workbookBytes } from './workbookBytes.js';

export { noticeSheetName } from './workbookBytes.js';

/** What the workbook is made from: the report data, nothing read or written. */
export interface AnnualReportXlsxInput {
  readonly report: AnnualReport;
  /** The presentation unit of the number formats (the flerårsöversikt is always in mkr). */
  readonly unit: MoneyUnit;
  /** The year's participant tables; no participant sheet without them. */
  readonly participants?: ParticipantTables;
  /**
   * `false` leaves out the statement sheets and the guideline sheet: a workbook of the
   * participant tables alone. Default `true`.
   */
  readonly financialReport?: boolean;
  /**
   * A sentence the workbook says before anything else, e.g. that it shows the books as stored at
   * an earlier instant (`finsam report --as-of`): a first sheet, {@link noticeSheetName}, and the
   * workbook's comments.
   */
  readonly notice?: string;
}

/** The statements of a report with their sheet names, in printed order. */
export const statementSheetNames = {
  flerårsöversikt: 'Flerårsöversikt',
  resultaträkning: 'Resultaträkning',
  balansräkning: 'Balansräkning',
  kassaflödesanalys: 'Kassaflödesanalys',
  driftredovisning: 'Driftredovisning',
  not1: 'Not 1',
  not2: 'Not 2',
  not3: 'Not 3',
  not4: 'Not 4',
} as const satisfies Partial<Record<keyof AnnualReport, string>>;

/** The sheet of the guideline checks. */
export const guidelineSheetName = 'Riktlinjer';
/** The sheet of the participant tables. */
export const participantSheetName = 'Deltagare';

/**
 * The annual report as an xlsx workbook: one sheet per statement ({@link statementSheetNames}),
 * the guideline checks and, when given, the participant tables. Every amount is a number cell
 * holding the exact kronor (see `exactCellNumber`) with a number format for `unit`, so a
 * reader's sums are exact while the sheet reads in tkr or mkr. Pure: report data in, bytes
 * out; the same input gives the same bytes.
 */
export function annualReportXlsx(input: AnnualReportXlsxInput): Uint8Array {
  const sheets: [string, SheetBuilder][] = [
    ...(input.financialReport === false ? [] : financialSheets(input)),
    ...(input.participants === undefined
      ? []
      : [[participantSheetName, participantSheet(input.participants)] as [string, SheetBuilder]]),
  ];
  if (sheets.length === 0)
    throw new XlsxError('NOTHING_TO_WRITE', 'A workbook needs at least one sheet', {
      issues: [
        {
          path: 'participants',
          rule: 'some-sheet',
          message: 'with financialReport false, give the participant tables',
        },
      ],
    });
  return workbookBytes(sheets, annualReportTitle(input.report), input.notice);
}

/** The statement sheets in printed order, then the guideline checks. */
const financialSheets = (input: AnnualReportXlsxInput): [string, SheetBuilder][] => [
  ...Object.entries(statementSheetNames).map(([key, name]): [string, SheetBuilder] => [
    name,
    statementSheet(input.report[key as keyof typeof statementSheetNames] as Statement, input.unit),
  ]),
  [guidelineSheetName, guidelineSheet(input.report.finansiellaRiktlinjer)],
];
