import type { EventToRecord } from '@finsam-ledger/core';

/** The metadata of every event of the checkpoint tests' books. */
export const booksMetadata = { recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: 'test' };

/** `count` contributions from Staten in `year`: 1 000.50 kr + `offset` first, a krona more each. */
export const contributions = (year: number, count: number, offset: number): EventToRecord[] =>
  Array.from({ length: count }, (_, index) => ({
    type: 'MedlemsbidragMottaget' as const,
    data: {
      datum: `${year}-0${1 + (index % 9)}-1${index % 10}`,
      medlem: 'Staten',
      medlemskategori: 'staten' as const,
      period: String(year),
      belopp: `${1000 + offset + index}.50`,
    },
    options: { metadata: booksMetadata },
  }));

/** The opening balance the books of 2020 start from: 500 000 kr in the bank. */
export const openingBalanceOf2020 = () => ({
  datum: '2020-01-01',
  text: 'IB',
  kassaOchBank: '500000.00',
  momsfordran: '0',
  balanseratResultat: '500000.00',
  öppnaPoster: [],
});
