import type { SieDocument } from './SieFile.js';

/** A small, valid document used by the codec tests. */
export const smallDocument: SieDocument = {
  program: { name: 'finsam-ledger', version: '0.1.0' },
  generated: { date: '2023-02-01', by: 'ekonom@forbundet' },
  sieType: '4',
  companyName: 'Samordningsförbundet "Test" Öst',
  organisationNumber: '222000-1234',
  years: [
    { index: 0, start: '2022-01-01', end: '2022-12-31' },
    { index: -1, start: '2021-01-01', end: '2021-12-31' },
  ],
  chartType: 'BAS2014',
  accounts: [
    { number: '1930', name: 'Bank', type: 'T' },
    { number: '2440', name: 'Leverantörsskulder', type: 'S' },
    { number: '4010', name: 'Operativa individinsatser', type: 'K' },
  ],
  dimensions: [{ number: '1', name: 'Område' }],
  objects: [{ dimension: '1', id: 'operativa', name: 'Operativa individinsatser' }],
  balances: [
    { kind: 'IB', yearIndex: 0, account: '1930', amount: '1000.00' },
    { kind: 'UB', yearIndex: 0, account: '1930', amount: '750.50' },
    { kind: 'RES', yearIndex: 0, account: '4010', amount: '249.50' },
  ],
  verifikationer: [
    {
      series: 'A',
      number: '1',
      date: '2022-03-04',
      text: 'Konsult "MIA" – €-faktura \\',
      registrationDate: '2022-03-05',
      transactions: [
        {
          account: '4010',
          objects: [{ dimension: '1', id: 'operativa' }],
          amount: '249.50',
        },
        { account: '1930', objects: [], amount: '-249.50' },
      ],
    },
  ],
};
