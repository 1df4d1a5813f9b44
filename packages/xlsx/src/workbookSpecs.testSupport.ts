import * as XLSX from '@e965/xlsx';
import { createLedger, getInMemoryEventStore, type Ledger } from '@finsam-ledger/core';

const metadata = { recordedAt: '2021-01-31T10:00:00.000Z', recordedBy: 'test' };

/**
 * A ledger of 2021 for workbook specs: an opening balance of 1 000 000 kr, a member contribution
 * of 1 234 567,89 kr and a cost of 1 500,50 kr paid from the bank.
 */
export async function smallLedger(store = getInMemoryEventStore()): Promise<Ledger> {
  const ledger = createLedger({ store, förbundId: 'test', namn: 'Test' });
  await ledger.record(
    'IngåendeBalansRegistrerad',
    {
      datum: '2021-01-01',
      text: 'Ingående balans',
      kassaOchBank: '1000000.00',
      momsfordran: '0.00',
      balanseratResultat: '1000000.00',
      öppnaPoster: [],
    },
    { metadata },
  )();
  await ledger.record(
    'MedlemsbidragMottaget',
    {
      datum: '2021-02-01',
      medlem: 'Försäkringskassan',
      medlemskategori: 'staten',
      period: '2021',
      belopp: '1234567.89',
    },
    { metadata },
  )();
  await ledger.record(
    'KostnadBokförd',
    {
      datum: '2021-03-01',
      område: 'operativa',
      post: 'Personal',
      belopp: '1500.50',
      moms: '0.00',
      text: 'Lön',
      betalning: { sätt: 'bank' },
    },
    { metadata },
  )();
  return ledger;
}

/** The cell of `workbook`'s sheet `sheet` at a 0-based row and column. */
export const cell = (workbook: XLSX.WorkBook, sheet: string, row: number, column: number) =>
  workbook.Sheets[sheet]![XLSX.utils.encode_cell({ r: row, c: column })] as XLSX.CellObject;
