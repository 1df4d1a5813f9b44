import type { GenderColumn, ParticipantTable } from '../participants/projections/bilaga1Tables.js';
import type { ParticipantTables } from '../participants/projections/participantTables.js';
import type { PrintedParticipantTable, PrintedReport } from './PrintedReport.js';
import type { ReconcileFinding } from './ReconcileFinding.js';

const columnsByLabel: Readonly<Record<string, GenderColumn>> = {
  kvinnor: 'kvinna',
  män: 'man',
  samtliga: 'samtliga',
};

type TableRow = PrintedParticipantTable['rows'][number];

/** The ledger's table a printed table names, if the ledger has it. */
function ledgerTableOf(
  printed: PrintedParticipantTable,
  tables: ParticipantTables,
): ParticipantTable | undefined {
  if (printed.ledger === undefined) return undefined;
  const { insatsId, period, tabell } = printed.ledger;
  const insats = tables.insatser.find((candidate) => candidate.insatsId === insatsId);
  if (insats === undefined) return undefined;
  return (period === 'år' ? insats.year : insats.sinceStart).tables[tabell];
}

const difference = (
  reportYear: number,
  table: PrintedParticipantTable,
  row: string,
  column: string,
  printed: string,
  expected: string,
  arithmetic: string,
): ReconcileFinding => ({
  check: 'bokföring',
  severity: 'avvikelse',
  report: reportYear,
  statement: 'deltagare',
  rowKey: `${table.insats}/${table.rubrik}`,
  row,
  column,
  printed,
  expected,
  arithmetic,
});

/** One printed row against the ledger's row of the same category (or label), column by column. */
function compareRow(
  reportYear: number,
  table: PrintedParticipantTable,
  row: TableRow,
  ledger: ParticipantTable,
  where: string,
): { findings: ReconcileFinding[]; compared: number } {
  const ledgerRow = ledger.rows.find((candidate) =>
    row.category === undefined
      ? candidate.label === row.label
      : candidate.category === row.category,
  );
  if (ledgerRow === undefined) return { findings: [], compared: 0 };
  let compared = 0;
  const findings = table.columns.flatMap((label, index) => {
    const column = columnsByLabel[label.toLowerCase()];
    if (column === undefined) return [];
    const share = ledgerRow.share[column];
    const cell = `${where} ${ledgerRow.category} ${column}`;
    const percent = `${share.count} of ${share.of} = ${share.percentTwoDecimals ?? '–'} % → ${share.percentRounded} %`;
    const count = row.antal?.[index];
    const andel = row.andel?.[index];
    compared +=
      (count === undefined || count === null ? 0 : 1) +
      (andel === undefined || andel === null ? 0 : 1);
    return [
      ...(count !== undefined && count !== null && count !== ledgerRow.count[column]
        ? [
            difference(
              reportYear,
              table,
              row.label,
              label,
              String(count),
              String(ledgerRow.count[column]),
              `ledger ${cell}: ${ledgerRow.count[column]}, printed ${count}`,
            ),
          ]
        : []),
      ...(andel !== undefined && andel !== null && andel !== share.percentRounded
        ? [
            difference(
              reportYear,
              table,
              row.label,
              label,
              `${andel} %`,
              `${share.percentRounded} %`,
              `ledger ${cell}: ${percent}, printed ${andel} %`,
            ),
          ]
        : []),
    ];
  });
  return { findings, compared };
}

/**
 * Every printed participant table that names its ledger table (`ledger`) against the ledger's
 * participant tables of the report's year: counts equal, percentages as the ledger rounds them
 * (whole percent, half away from zero).
 */
export function compareParticipantTables(
  printed: PrintedReport,
  tables: ParticipantTables,
): { findings: ReconcileFinding[]; compared: number; uncompared: number } {
  let compared = 0;
  let uncompared = 0;
  const findings = (printed.deltagare ?? []).flatMap((table) => {
    const ledger = ledgerTableOf(table, tables);
    const cells = table.rows.length * table.columns.length;
    if (ledger === undefined || table.ledger === undefined) {
      uncompared += cells;
      return [];
    }
    const where = `${table.ledger.insatsId} ${table.ledger.period} ${table.ledger.tabell}`;
    return table.rows.flatMap((row) => {
      const result = compareRow(printed.år, table, row, ledger, where);
      compared += result.compared;
      return result.findings;
    });
  });
  return { findings, compared, uncompared };
}
