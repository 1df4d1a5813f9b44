import test from 'ava';
import * as XLSX from '@e965/xlsx';
import { readSheetTables } from './readSheetTables.js';

test('a CSV is one sheet of text cells taken as typed: 1234.50 stays 1234.50, an empty cell is undefined', (t) => {
  const [table, ...others] = readSheetTables({
    format: 'csv',
    text: 'datum,belopp,text\n2021-03-01,1234.50,"Hyra, mars"\n2021-03-02,,0.10\n',
  });
  t.deepEqual(others, []);
  t.deepEqual(table!.rows, [
    [
      { kind: 'text', text: 'datum' },
      { kind: 'text', text: 'belopp' },
      { kind: 'text', text: 'text' },
    ],
    [
      { kind: 'text', text: '2021-03-01' },
      { kind: 'text', text: '1234.50' },
      { kind: 'text', text: 'Hyra, mars' },
    ],
    [{ kind: 'text', text: '2021-03-02' }, undefined, { kind: 'text', text: '0.10' }],
  ]);
});

test('an xlsx: every sheet in order, a number cell with the decimal it shows (0.1+0.2 is 0.3), a date cell as YYYY-MM-DD', (t) => {
  const sheet = XLSX.utils.aoa_to_sheet([
    ['belopp', 'datum', 'år'],
    [1234.5, 44256, 2021],
    [0.1 + 0.2, undefined, 'text'],
  ]);
  sheet['B2']!.z = 'yyyy-mm-dd';
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet([['a']]), 'Första');
  XLSX.utils.book_append_sheet(workbook, sheet, 'Andra');
  const bytes = XLSX.write(workbook, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
  const tables = readSheetTables({ format: 'xlsx', bytes: new Uint8Array(bytes) });
  t.deepEqual(
    tables.map((table) => table.name),
    ['Första', 'Andra'],
  );
  t.deepEqual(tables[1]!.rows.slice(1), [
    [
      { kind: 'number', number: 1234.5, decimal: '1234.5' },
      { kind: 'date', date: '2021-03-01' },
      { kind: 'number', number: 2021, decimal: '2021' },
    ],
    [
      { kind: 'number', number: 0.30000000000000004, decimal: '0.3' },
      undefined,
      { kind: 'text', text: 'text' },
    ],
  ]);
});
