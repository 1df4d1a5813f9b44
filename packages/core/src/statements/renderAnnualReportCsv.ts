import { kronorPerUnit, defaultDecimalsPerUnit, type MoneyUnit } from '../money/formatMoney.js';
import { Money } from '../money/Money.js';
import { csvRecord } from '../util/csvRecord.js';
import { statementsOf, type AnnualReport } from './annualReport.js';
import type { Statement } from './Statement.js';

/** The header of {@link renderAnnualReportCsv}'s output, in column order. */
export const annualReportCsvColumns = [
  'avsnitt',
  'rad',
  'rubrik',
  'not',
  'kolumn',
  'år',
  'enhet',
  'värde',
  'fotnot',
] as const;

const record = csvRecord;

/** Each figure's footnotes (a correction, historical figures), by row key and column index. */
function footnotesByCell(statement: Statement): Map<string, string> {
  const byCell = new Map<string, string>();
  for (const footnote of statement.footnotes ?? [])
    for (const cell of footnote.cells) {
      const key = `${cell.row}\u0000${cell.column}`;
      const earlier = byCell.get(key);
      byCell.set(key, earlier === undefined ? footnote.text : `${earlier} | ${footnote.text}`);
    }
  return byCell;
}

const statementRecords = (statement: Statement, requestedUnit: MoneyUnit): string[] => {
  const unit = statement.fixedUnit ?? requestedUnit;
  const footnotes = footnotesByCell(statement);
  const records: string[] = [];
  for (const row of statement.rows) {
    statement.columns.forEach((column, index) => {
      const amount = row.amounts[index];
      if (amount === null || amount === undefined) return;
      const isWorkforce = row.unit === 'årsarbetare';
      records.push(
        record([
          statement.name,
          row.key,
          row.label,
          row.note === undefined ? '' : String(row.note),
          column.label,
          String(column.year),
          isWorkforce ? 'årsarbetare' : unit,
          isWorkforce
            ? amount.roundedIn(1, 1)
            : amount.roundedIn(kronorPerUnit[unit], defaultDecimalsPerUnit[unit]),
          footnotes.get(`${row.key}\u0000${index}`) ?? '',
        ]),
      );
    });
  }
  return records;
};

const guidelineRecords = (report: AnnualReport): string[] => {
  const guidelines = report.finansiellaRiktlinjer;
  const name = `Finansiella riktlinjer ${guidelines.year}`;
  return guidelines.checks.flatMap((check) => [
    record([
      name,
      check.key,
      check.title,
      '',
      'uppfylld',
      String(guidelines.year),
      '',
      check.passed === null ? '' : String(check.passed),
      '',
    ]),
    ...Object.entries(check.figures).map(([figure, value]) =>
      record([
        name,
        check.key,
        check.title,
        '',
        figure,
        String(guidelines.year),
        value instanceof Money ? 'kr' : '',
        value instanceof Money ? value.toString() : value,
        '',
      ]),
    ),
  ]);
};

/**
 * Prints the whole annual report as one CSV table (RFC 4180, comma-separated, a dot as the
 * decimal mark, CRLF between records), one record per figure: the statement, the row's
 * key and label, its note, the column, the column's year, the unit, the value, and the text of
 * each footnote on that figure (a correction or historical figures, as `footnotes` gives them;
 * several joined by ` | `, empty for a plain booking). Amounts
 * are rounded once, half away from zero, to `unit` (the flerårsöversikt is always in mkr,
 * stated in `enhet`); the guideline checks' figures stay exact kronor. Long rather than
 * wide, so that every statement fits one header and a spreadsheet can pivot it.
 */
export function renderAnnualReportCsv(report: AnnualReport, unit: MoneyUnit = 'tkr'): string {
  return [
    record(annualReportCsvColumns),
    ...statementsOf(report).flatMap((statement) => statementRecords(statement, unit)),
    ...guidelineRecords(report),
  ]
    .map((line) => `${line}\r\n`)
    .join('');
}
