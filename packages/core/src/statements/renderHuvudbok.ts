import { formatMoney } from '../money/formatMoney.js';
import type { Money } from '../money/Money.js';
import { alignColumns } from '../util/alignColumns.js';
import type { Huvudbok } from './Huvudbok.js';
import { listingCsvRecord, type ListingField } from './renderVerifikationslista.js';

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
  const moved = book.kontroller.flatMap((check) =>
    check.omförd === undefined
      ? []
      : [`  ${check.rad}: ${kr(check.omförd.belopp)} omförd: ${check.omförd.text}`],
  );
  return [
    `Huvudbok ${book.år}`,
    'Belopp i kr med öre; debet positivt, kredit negativt; saldo efter varje transaktion.',
    '',
    accounts.join('\n\n'),
    '',
    'Kontroll mot årsredovisningen (årsredovisningen = huvudbokens utgående balanser)',
    ...checks,
    ...moved,
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
 * The huvudbok as one table, in the order of {@link huvudbokCsvColumns}: per account a record for
 * the opening balance, one per transaction, and one for the closing balance; amounts exact
 * (`null` where a balance record has no belopp).
 */
export const huvudbokRecords = (book: Huvudbok): ListingField[][] =>
  book.konton.flatMap((konto) => {
    const balance = (typ: string, saldo: Money): ListingField[] => [
      konto.konto,
      konto.namn,
      typ,
      '',
      '',
      '',
      null,
      saldo,
      '',
    ];
    return [
      balance('ingående balans', konto.ingåendeBalans),
      ...konto.transaktioner.map((transaktion) => [
        konto.konto,
        konto.namn,
        'transaktion',
        transaktion.datum,
        transaktion.verifikation,
        transaktion.text,
        transaktion.belopp,
        transaktion.saldo,
        transaktion.eventId,
      ]),
      balance('utgående balans', konto.utgåendeBalans),
    ];
  });

/**
 * Prints the huvudbok as one CSV table (RFC 4180, CRLF, exact kronor with a dot): the records of
 * {@link huvudbokRecords} under the header {@link huvudbokCsvColumns}.
 */
export function renderHuvudbokCsv(book: Huvudbok): string {
  return [huvudbokCsvColumns, ...huvudbokRecords(book)]
    .map((values) => `${listingCsvRecord(values)}\r\n`)
    .join('');
}
