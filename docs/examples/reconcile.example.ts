/**
 * The example of docs/reconcile.md, as a function the tests run: a small printed report (the
 * page shows the same JSON) reconciled without a ledger.
 */
import * as E from 'fp-ts/Either';
import { parsePrintedReport, reconcileReport, renderReconcileText } from '@finsam-ledger/core';

/** A made-up förbund's resultaträkning and balansräkning 2025, in tkr, as printed. */
export const examplePrintedReport = {
  $schema: './node_modules/@finsam-ledger/core/printed-report.schema.json',
  förbund: 'Samordningsförbundet Ekbacken',
  år: 2025,
  enhet: 'tkr',
  statements: [
    {
      statement: 'resultaträkning',
      columns: [
        { key: '2025', label: '2025-12-31', år: 2025 },
        { key: '2024', label: '2024-12-31', år: 2024 },
      ],
      rows: [
        {
          key: 'verksamhetens-intäkter',
          label: 'Verksamhetens intäkter',
          amounts: ['1 750', '1 700'],
        },
        {
          key: 'verksamhetens-kostnader',
          label: 'Verksamhetens kostnader',
          amounts: ['-1 846', '-1 562'],
        },
        {
          key: 'årets-resultat',
          label: 'Årets resultat',
          sumOf: ['verksamhetens-intäkter', 'verksamhetens-kostnader'],
          amounts: ['-96', '137'],
        },
      ],
    },
    {
      statement: 'balansräkning',
      columns: [
        { key: '2025', label: '2025-12-31', år: 2025 },
        { key: '2024', label: '2024-12-31', år: 2024 },
      ],
      rows: [
        { key: 'kassa-och-bank', label: 'Kassa och bank', amounts: ['412', '509'] },
        {
          key: 'summa-tillgångar',
          label: 'Summa tillgångar',
          sumOf: ['kassa-och-bank'],
          amounts: ['412', '509'],
        },
        { key: 'årets-resultat', label: 'Årets resultat', amounts: ['-96', '138'] },
        { key: 'övrigt-eget-kapital', label: 'Övrigt eget kapital', amounts: ['509', '371'] },
        {
          key: 'summa-eget-kapital-och-skulder',
          label: 'Summa eget kapital och skulder',
          sumOf: ['årets-resultat', 'övrigt-eget-kapital'],
          amounts: ['413', '509'],
        },
      ],
    },
  ],
};

/** Reads the printed report as `finsam reconcile` does and prints what it finds. */
export function reconcileExample(json: unknown = examplePrintedReport): string {
  const printed = parsePrintedReport(json);
  if (E.isLeft(printed)) throw printed.left;
  const result = reconcileReport(printed.right);
  return renderReconcileText(result);
}
