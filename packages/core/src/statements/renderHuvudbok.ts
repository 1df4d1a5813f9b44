import { formatMoney } from '../money/formatMoney.js';
import type { Money } from '../money/Money.js';
import { alignColumns } from '../util/alignColumns.js';
import { csvRecord } from '../util/csvRecord.js';
import type { Huvudbok } from './Huvudbok.js';

const kr = (amount: Money): string => formatMoney(amount, 'kr', 2);

/**
 * Prints the huvudbok as text: per account its number and name, the opening balance, one
 * line per transaction (date, verifikation, text, amount, balance) and the closing balance;
 * then the checks against the annual report. Amounts in kr with öre, debet positive.
 * Deterministic.
 */
export function renderHuvudbokText(book: Huvudbok): string {
  const accounts = book.konton.map((konto) =>
    [
      `${konto.konto} ${konto.namn}`,
      ...alignColumns(
        [
          ['', '', '', 'Ingående balans', '', kr(konto.ingåendeBalans)],
          ...konto.transaktioner.map((transaktion) => [
            '',
            transaktion.datum,
            transaktion.verifikation,
            transaktion.text,
            kr(transaktion.belopp),
            kr(transaktion.saldo),
          ]),
          ['', '', '', 'Utgående balans', '', kr(konto.utgåendeBalans)],
        ],
        2,
      ),
    ].join('\n'),
  );
  const checks = alignColumns(
    book.kontroller.map((check) => [
      `  ${check.rad}`,
      check.label,
      kr(check.enligtÅrsredovisning),
      check.enligtHuvudbok.equals(check.enligtÅrsredovisning) ? '=' : '≠',
      kr(check.enligtHuvudbok),
    ]),
    3,
  );
  return [
    `Huvudbok ${book.år}`,
    'Belopp i kr med öre; debet positivt, kredit negativt; saldo efter varje transaktion.',
    '',
    accounts.join('\n\n'),
    '',
    'Kontroll mot årsredovisningen (årsredovisningen = huvudbokens utgående balanser)',
    ...checks,
  ].join('\n');
}

/** The header of {@link renderHuvudbokCsv}'s output. */
export const huvudbokCsvColumns = [
  'konto',
  'kontonamn',
  'typ',
  'datum',
  'verifikation',
  'text',
  'belopp',
  'saldo',
  'händelse-id',
] as const;

/**
 * Prints the huvudbok as one CSV table (RFC 4180, CRLF, exact kronor with a dot): per account a
 * record for the opening balance, one per transaction, and one for the closing balance.
 */
export function renderHuvudbokCsv(book: Huvudbok): string {
  const records = book.konton.flatMap((konto) => [
    [
      konto.konto,
      konto.namn,
      'ingående balans',
      '',
      '',
      '',
      '',
      konto.ingåendeBalans.toString(),
      '',
    ],
    ...konto.transaktioner.map((transaktion) => [
      konto.konto,
      konto.namn,
      'transaktion',
      transaktion.datum,
      transaktion.verifikation,
      transaktion.text,
      transaktion.belopp.toString(),
      transaktion.saldo.toString(),
      transaktion.eventId,
    ]),
    [
      konto.konto,
      konto.namn,
      'utgående balans',
      '',
      '',
      '',
      '',
      konto.utgåendeBalans.toString(),
      '',
    ],
  ]);
  return [huvudbokCsvColumns, ...records].map((values) => `${csvRecord(values)}\r\n`).join('');
}
