import type { PrintedReport, PrintedStatement } from './PrintedReport.js';

type Rows = Record<
  string,
  [string | null, string | null] | { sumOf: string[]; amounts: [string | null, string | null] }
>;

/** A two-column statement (`år`, `år − 1`) from rows keyed as the ledger keys them. */
export function twoYearStatement(
  statement: PrintedStatement['statement'],
  år: number,
  rows: Rows,
  more: Partial<PrintedStatement> = {},
): PrintedStatement {
  return {
    statement,
    columns: [
      { key: String(år), label: `${år}-12-31`, år, kind: 'utfall' },
      { key: String(år - 1), label: `${år - 1}-12-31`, år: år - 1, kind: 'utfall' },
    ],
    rows: Object.entries(rows).map(([key, value]) =>
      Array.isArray(value)
        ? { key, label: key, amounts: value }
        : { key, label: key, sumOf: value.sumOf, amounts: value.amounts },
    ),
    ...more,
  };
}

/**
 * A small consistent report in kr: resultaträkning, balansräkning and kassaflödesanalys of
 * 2021 with 2020, every figure adding up.
 */
export function consistentReport(): PrintedReport {
  return {
    förbund: 'Samordningsförbundet Ekbacken',
    år: 2021,
    enhet: 'kr',
    statements: [
      twoYearStatement('resultaträkning', 2021, {
        'verksamhetens-intäkter': ['1 000 000', '900 000'],
        'verksamhetens-kostnader': ['- 800 000', '- 950 000'],
        'årets-resultat': {
          sumOf: ['verksamhetens-intäkter', 'verksamhetens-kostnader'],
          amounts: ['200 000', '-50 000'],
        },
      }),
      twoYearStatement('balansräkning', 2021, {
        kundfordringar: ['100 000', '150 000'],
        'kassa-och-bank': ['500 000', '300 000'],
        'summa-tillgångar': {
          sumOf: ['kundfordringar', 'kassa-och-bank'],
          amounts: ['600 000', '450 000'],
        },
        'årets-resultat': ['200 000', '-50 000'],
        'övrigt-eget-kapital': ['350 000', '400 000'],
        leverantörsskulder: ['50 000', '100 000'],
        'summa-eget-kapital-och-skulder': {
          sumOf: ['årets-resultat', 'övrigt-eget-kapital', 'leverantörsskulder'],
          amounts: ['600 000', '450 000'],
        },
      }),
      twoYearStatement('kassaflödesanalys', 2021, {
        'årets-resultat': ['200 000', '-50 000'],
        'förändring-kortfristiga-fordringar': ['50 000', null],
        'förändring-kortfristiga-skulder': ['-50 000', null],
        'årets-kassaflöde': {
          sumOf: [
            'årets-resultat',
            'förändring-kortfristiga-fordringar',
            'förändring-kortfristiga-skulder',
          ],
          amounts: ['200 000', null],
        },
        'likvida-medel-vid-årets-början': ['300 000', null],
        'likvida-medel-vid-årets-slut': {
          sumOf: ['likvida-medel-vid-årets-början', 'årets-kassaflöde'],
          amounts: ['500 000', '300 000'],
        },
      }),
    ],
  };
}
