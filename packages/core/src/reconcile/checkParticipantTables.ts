import Big from 'big.js';
import type { PrintedParticipantTable } from './PrintedReport.js';
import type { ReconcileFinding } from './ReconcileFinding.js';

type TableRow = PrintedParticipantTable['rows'][number];

const finding = (
  reportYear: number,
  table: PrintedParticipantTable,
  row: string,
  column: string,
  fields: Pick<ReconcileFinding, 'check' | 'printed' | 'expected' | 'arithmetic'>,
): ReconcileFinding => ({
  severity: 'avvikelse',
  report: reportYear,
  statement: 'deltagare',
  rowKey: `${table.insats}/${table.rubrik}`,
  row,
  column,
  ...fields,
});

/** The whole percent `count` of `total` is, rounded half away from zero. */
export const percentOf = (count: number, total: number): number =>
  Number(new Big(count).times(100).div(total).round(0, Big.roundHalfUp).toString());

/** Each column's counts against the table's total row. */
function checkCounts(reportYear: number, table: PrintedParticipantTable): ReconcileFinding[] {
  return table.columns.flatMap((column, index) => {
    const counts = table.rows.map((row) => row.antal?.[index]);
    if (counts.some((count) => count === undefined || count === null)) return [];
    const sum = (counts as number[]).reduce((total, count) => total + count, 0);
    const total = table.totalt.antal[index]!;
    if (sum === total) return [];
    return [
      finding(reportYear, table, table.totalt.label, column, {
        check: 'deltagare-summa',
        printed: String(total),
        expected: String(sum),
        arithmetic: `${(counts as number[]).join(' + ')} = ${sum}, printed ${total}`,
      }),
    ];
  });
}

/** Each printed percentage of a row with counts against its count and the column's total. */
function checkSharesOfCounts(
  reportYear: number,
  table: PrintedParticipantTable,
): ReconcileFinding[] {
  return table.rows.flatMap((row) =>
    table.columns.flatMap((column, index) => {
      const count = row.antal?.[index];
      const share = row.andel?.[index];
      const total = table.totalt.antal[index]!;
      if (count === undefined || count === null || share === undefined || share === null) return [];
      const expected = percentOf(count, total);
      if (expected === share || total === 0) return [];
      return [
        finding(reportYear, table, row.label, column, {
          check: 'deltagare-andel',
          printed: `${share} %`,
          expected: `${expected} %`,
          arithmetic: `${count} / ${total} = ${new Big(count).times(100).div(total).toFixed(2)} % → ${expected} %, printed ${share} %`,
        }),
      ];
    }),
  );
}

/** The counts `k` of `total` that print as `share` %: 200k ∈ [(2p − 1)N, (2p + 1)N). */
const countsFor = (share: number, total: number): { lowest: number; highest: number } => ({
  lowest: Math.max(0, Math.ceil(((2 * share - 1) * total) / 200)),
  highest: Math.min(total, Math.ceil(((2 * share + 1) * total) / 200) - 1),
});

/** A column of percentages without counts: some counts must round to them and add up. */
function checkSharesAlone(reportYear: number, table: PrintedParticipantTable): ReconcileFinding[] {
  const shareOnly = (row: TableRow) => row.antal === undefined && row.andel !== undefined;
  if (!table.rows.every(shareOnly)) return [];
  return table.columns.flatMap((column, index) => {
    const total = table.totalt.antal[index]!;
    const shares = table.rows.map((row) => row.andel![index] ?? 0);
    const ranges = shares.map((share) => countsFor(share, total));
    const lowest = ranges.reduce((sum, range) => sum + range.lowest, 0);
    const highest = ranges.reduce((sum, range) => sum + range.highest, 0);
    const impossible = ranges.some((range) => range.lowest > range.highest);
    if (!impossible && lowest <= total && total <= highest) return [];
    return [
      finding(reportYear, table, table.totalt.label, column, {
        check: 'deltagare-andel',
        printed: `${shares.join(' + ')} %`,
        expected: `counts adding up to ${total}`,
        arithmetic: `the counts that round to ${shares.join(', ')} % of ${total} add up to ${lowest === highest ? lowest : `${lowest}–${highest}`}${impossible ? ' (a share no count rounds to)' : ''}, not ${total}`,
      }),
    ];
  });
}

/**
 * A Bilaga 1 table's own arithmetic: counts against the total, each percentage against its
 * count (whole percent, half away from zero), and percentages printed without counts against
 * the counts they can come from.
 */
export function checkParticipantTable(
  reportYear: number,
  table: PrintedParticipantTable,
): ReconcileFinding[] {
  return [
    ...checkCounts(reportYear, table),
    ...checkSharesOfCounts(reportYear, table),
    ...checkSharesAlone(reportYear, table),
  ];
}
