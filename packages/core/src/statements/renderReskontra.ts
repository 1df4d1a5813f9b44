import { formatMoney } from '../money/formatMoney.js';
import type { Money } from '../money/Money.js';
import { alignColumns } from '../util/alignColumns.js';
import { listingCsvRecord, type ListingField } from './renderVerifikationslista.js';
import { förfalloklasser, type Förfalloklass, type Reskontra } from './Reskontra.js';

const kr = (amount: Money): string => formatMoney(amount, 'kr', 2);

/** How the reports name each ageing bucket. */
export const förfalloklassLabels: Readonly<Record<Förfalloklass, string>> = {
  'ej-förfallen': 'Ej förfallet',
  '1-30-dagar': 'Förfallet 1–30 dagar',
  '31-60-dagar': 'Förfallet 31–60 dagar',
  '61-90-dagar': 'Förfallet 61–90 dagar',
  'över-90-dagar': 'Förfallet mer än 90 dagar',
  'utan-förfallodatum': 'Utan förfallodatum',
};

/**
 * Prints the reskontra as text: per account its open items (id, date, due date, days past due,
 * text, counterparty, open amount), their sum, the account's balance in the ledger and what the
 * items do not explain, then the ageing of the account's items. Amounts in kr with öre, each on
 * the account's own side (fordringar and skulder both positive). Deterministic.
 */
export function renderReskontraText(book: Reskontra): string {
  const accounts = book.konton.map((konto) => {
    const rows = [
      ['', 'Post', 'Datum', 'Förfaller', 'Dagar förfallen', 'Text', 'Motpart', 'Öppet belopp'],
      ...konto.poster.map((post) => [
        '',
        post.postId,
        post.datum,
        post.förfallodatum ?? '–',
        // Only an overdue item shows its days: one not yet due is in the ageing as such.
        (post.dagarEfterFörfallodatum ?? 0) > 0 ? String(post.dagarEfterFörfallodatum) : '',
        post.text,
        post.motpart ?? '',
        kr(post.öppetBelopp),
      ]),
      ['', 'Summa öppna poster', '', '', '', '', '', kr(konto.summaPoster)],
      ['', 'Saldo enligt huvudbok', '', '', '', '', '', kr(konto.saldoEnligtHuvudbok)],
      ...(konto.ospecificerat.isZero()
        ? []
        : [
            [
              '',
              'Ospecificerat (bokat utan öppen post)',
              '',
              '',
              '',
              '',
              '',
              kr(konto.ospecificerat),
            ],
          ]),
    ];
    const ageing = förfalloklasser
      .filter((klass) => !konto.perFörfalloklass[klass].isZero())
      .map((klass) => ['', förfalloklassLabels[klass], kr(konto.perFörfalloklass[klass])]);
    const side = konto.sida === 'fordran' ? 'fordran, debet' : 'skuld, kredit';
    return [
      `${konto.konto} ${konto.namn} (${side})`,
      ...alignColumns(rows, 1),
      ...(ageing.length === 0 ? [] : ['  Åldersfördelning', ...alignColumns(ageing, 1)]),
    ].join('\n');
  });
  return [
    `Reskontra per ${book.datum}`,
    'Öppna poster som de stod den dagen; belopp i kr med öre, på kontots sida (fordringar debet, skulder kredit).',
    '',
    accounts.length === 0
      ? 'Inga öppna poster och inga saldon på reskontrans konton.'
      : accounts.join('\n\n'),
    '',
    reskontraKontroll(book),
  ].join('\n');
}

/**
 * The reskontra's conclusion, as its text and workbook state it: whether the open items explain
 * every account's balance in the huvudbok (nothing `ospecificerat` on any account).
 */
export function reskontraKontroll(book: Reskontra): string {
  return book.konton.every((konto) => konto.ospecificerat.isZero())
    ? 'Kontroll: de öppna posterna förklarar varje kontos saldo i huvudboken.'
    : 'Kontroll: på minst ett konto förklarar de öppna posterna inte saldot (se "Ospecificerat").';
}

/** The header of {@link renderReskontraCsv}'s output. */
export const reskontraCsvColumns = [
  'konto',
  'kontonamn',
  'typ',
  'post-id',
  'slag',
  'datum',
  'förfallodatum',
  'dagar-efter-förfallodatum',
  'förfalloklass',
  'text',
  'motpart',
  'ursprungligt-belopp',
  'öppet-belopp',
  'händelse-id',
] as const;

/**
 * The reskontra as one table, in the order of {@link reskontraCsvColumns}: per account a record
 * per open item (ursprungligt and öppet belopp exact, days after the due date as a whole number
 * in text, empty without a due date), then records for the items' sum, the ledger's balance and
 * what the items do not explain (`summa öppna poster`, `saldo enligt huvudbok`,
 * `ospecificerat`), each with its amount in `öppet-belopp`.
 */
export const reskontraRecords = (book: Reskontra): ListingField[][] =>
  book.konton.flatMap((konto) => {
    const total = (typ: string, amount: Money): ListingField[] => [
      konto.konto,
      konto.namn,
      typ,
      ...Array<string>(8).fill(''),
      null,
      amount,
      '',
    ];
    return [
      ...konto.poster.map((post): ListingField[] => [
        konto.konto,
        konto.namn,
        'post',
        post.postId,
        post.slag,
        post.datum,
        post.förfallodatum ?? '',
        post.dagarEfterFörfallodatum === undefined ? '' : String(post.dagarEfterFörfallodatum),
        post.förfalloklass,
        post.text,
        post.motpart ?? '',
        post.ursprungligtBelopp,
        post.öppetBelopp,
        post.eventId,
      ]),
      total('summa öppna poster', konto.summaPoster),
      total('saldo enligt huvudbok', konto.saldoEnligtHuvudbok),
      total('ospecificerat', konto.ospecificerat),
    ];
  });

/**
 * Prints the reskontra as one CSV table (RFC 4180, CRLF, exact kronor with a dot): the records of
 * {@link reskontraRecords} under the header {@link reskontraCsvColumns}.
 */
export function renderReskontraCsv(book: Reskontra): string {
  return [reskontraCsvColumns, ...reskontraRecords(book)]
    .map((values) => `${listingCsvRecord(values)}\r\n`)
    .join('');
}
