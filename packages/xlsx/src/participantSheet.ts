import {
  participantRoundingRule,
  participantTablesCsvColumns,
  renderParticipantTablesCsv,
  type ParticipantTables,
} from '@finsam-ledger/core';
import * as XLSX from '@e965/xlsx';
import { SheetBuilder, type CellInput } from './SheetBuilder.js';

/** The columns of the participant sheet that hold numbers (counts, exact percentages, goals). */
const numericColumns: ReadonlySet<string> = new Set(['antal', 'av', 'andelProcent', 'mål']);

const cellOf = (column: string, value: string): CellInput => {
  if (value === '') return undefined;
  if (column === 'uppnått') return value === 'true';
  if (!numericColumns.has(column)) return value;
  // Counts are whole numbers and percentages have two decimals: exact in a cell.
  return { number: Number(value), format: column === 'andelProcent' ? '0.00' : '0' };
};

/**
 * The participant tables of the year as one long table, one row per figure, with the columns of
 * the core's participant CSV ({@link participantTablesCsvColumns}): the core defines the table
 * once, SheetJS reads it (RFC 4180, every field kept as text), and counts, percentages and goals
 * become number cells, `uppnått` a yes/no cell. The header sits in row 2 (0-based).
 */
export function participantSheet(tables: ParticipantTables): SheetBuilder {
  const csv = XLSX.read(renderParticipantTablesCsv(tables), { type: 'string', raw: true });
  const rows = XLSX.utils.sheet_to_json<string[]>(csv.Sheets[csv.SheetNames[0]!]!, {
    header: 1,
    raw: false,
    defval: '',
  });
  const sheet = new SheetBuilder()
    .add(`Deltagarstatistik ${tables.år}`)
    .add(participantRoundingRule)
    .add(...participantTablesCsvColumns);
  for (const row of rows.slice(1))
    sheet.add(...participantTablesCsvColumns.map((column, index) => cellOf(column, row[index]!)));
  return sheet;
}
