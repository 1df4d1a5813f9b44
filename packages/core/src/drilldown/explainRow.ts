import type { DomainEvent } from '../ledger/EventCatalog.js';
import { ledgerError } from '../error.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import { statementsOf, type AnnualReport } from '../statements/annualReport.js';
import {
  annualReportParts,
  isAnnualReportPart,
  type AnnualReportPart,
} from '../statements/annualReportParts.js';
import type { StatementRow } from '../statements/Statement.js';
import {
  replayReportExplanation,
  type CellExplanation,
  type ExplainOptions,
} from './explainReport.js';

/** A row of the annual report by its key, `part/rowKey`: `balansräkning/leverantörsskulder`. */
export interface ReportRowKey {
  /** `part/rowKey`. */
  readonly key: string;
  readonly part: AnnualReportPart;
  readonly rowKey: string;
  /** The statement's name as printed, e.g. `Balansräkning`. */
  readonly statement: string;
  readonly label: string;
  readonly kind: StatementRow['kind'];
}

/** Every row of a report with its key, in printed order: what `finsam explain --list` prints. */
export function rowKeysOf(report: AnnualReport): ReportRowKey[] {
  return statementsOf(report).flatMap((statement, index) => {
    const part = annualReportParts[index]!;
    return statement.rows.map((row) => ({
      key: `${part}/${row.key}`,
      part,
      rowKey: row.key,
      statement: statement.name,
      label: row.label,
      kind: row.kind,
    }));
  });
}

const rowIssue = (message: string) => ({
  issues: [{ path: 'row', rule: 'known-row', message }],
});

/**
 * Splits `part/rowKey` at its first `/` (a Not 2 post may hold a `/`); an unknown part is
 * refused with `VALIDATION_FAILED` naming `row`.
 */
export function parseRowKey(key: string): { part: AnnualReportPart; rowKey: string } {
  const slash = key.indexOf('/');
  const part = slash === -1 ? key : key.slice(0, slash);
  if (slash === -1 || !isAnnualReportPart(part)) {
    const message = `a row key is <statement>/<row>, the statement one of ${annualReportParts.join(', ')}; got ${JSON.stringify(key)}`;
    throw ledgerError('VALIDATION_FAILED', message, rowIssue(message));
  }
  return { part, rowKey: key.slice(slash + 1) };
}

/**
 * Explains one figure of the annual report of `year`: the row `key` (`part/rowKey`) in
 * column `column` (0-based, default 0: the year itself), as the verifikationer, open items
 * and stated figures that make it up, asserted to add up to it (see
 * {@link explainPostedEvents}). Only the row's statement is computed. A row or column the
 * statement does not have is refused with `VALIDATION_FAILED` naming `row` or `column`.
 */
export async function replayRowExplanation(
  events: AsyncIterable<StoredEvent | DomainEvent> | Iterable<StoredEvent | DomainEvent>,
  year: number,
  key: string,
  options: ExplainOptions & { readonly column?: number } = {},
): Promise<CellExplanation> {
  const { part } = parseRowKey(key);
  const explanation = await replayReportExplanation(events, year, { ...options, parts: [part] });
  const columns = explanation.rows.get(key);
  if (columns === undefined) {
    const message = `the ${year} report has no row ${key} (finsam explain --list shows the keys)`;
    throw ledgerError('VALIDATION_FAILED', message, rowIssue(message));
  }
  const column = options.column ?? 0;
  const cell = columns[column];
  if (cell === undefined) {
    const message = `${key} has columns 0 to ${columns.length - 1}, not ${column}`;
    throw ledgerError('VALIDATION_FAILED', message, {
      issues: [{ path: 'column', rule: 'known-column', message }],
    });
  }
  return cell;
}
