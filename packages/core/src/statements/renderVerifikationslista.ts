import { dimensionNames, type Dimensioner } from '../bookkeeping/Verifikation.js';
import { formatMoney } from '../money/formatMoney.js';
import type { Money } from '../money/Money.js';
import { alignColumns } from '../util/alignColumns.js';
import { csvRecord } from '../util/csvRecord.js';
import type {
  Verifikationslista,
  VerifikationslistaKälla,
  VerifikationslistaPost,
} from './Verifikationslista.js';
import { countText } from '../util/countText.js';
import { minuteInSweden } from '../util/dayInSweden.js';

const kr = (amount: Money | null): string => (amount === null ? '' : formatMoney(amount, 'kr', 2));

/** Dimensions as `område=operativa; post=MIA`, in canonical order; empty for none. */
export const dimensionText = (dimensioner: Dimensioner | undefined): string =>
  dimensioner === undefined
    ? ''
    : dimensionNames
        .filter((name) => dimensioner[name] !== undefined)
        .map((name) => `${name}=${dimensioner[name]!}`)
        .join('; ');

/**
 * An imported verifikation's source as `verifikation A 17 i SIE-fil 3f2a…` (the file's SHA-256
 * shortened to 12 hex digits, enough to tell a förbund's files apart), then when and by whom the
 * old system registered it, where the file says: `, registrerad 2009-12-02 av Christer`.
 */
export const källaText = (källa: VerifikationslistaKälla): string =>
  `verifikation ${[källa.serie, källa.nummer].filter((part) => part !== '').join(' ')} i SIE-fil ${källa.filHash.slice(0, 12)}${registeredThereText(källa)}`;

const registeredThereText = (källa: VerifikationslistaKälla): string => {
  if (källa.registrerad === undefined && källa.signatur === undefined) return '';
  const när = källa.registrerad === undefined ? '' : ` ${källa.registrerad}`;
  const av = källa.signatur === undefined ? '' : ` av ${källa.signatur}`;
  return `, registrerad där${när}${av}`;
};

/** A verifikation's lines as aligned columns; a Text column only when a line has a text. */
function radColumns(rader: VerifikationslistaPost['rader']): string[] {
  const withText = rader.some((rad) => rad.text !== undefined);
  const textColumn = (text: string | undefined): string[] => (withText ? [text ?? ''] : []);
  return alignColumns(
    [
      ['', 'Konto', 'Namn', 'Dimensioner', ...textColumn('Text'), 'Debet', 'Kredit'],
      ...rader.map((rad) => [
        '',
        rad.konto,
        rad.kontonamn,
        dimensionText(rad.dimensioner),
        ...textColumn(rad.text),
        kr(rad.debet),
        kr(rad.kredit),
      ]),
    ],
    2,
  );
}

/** What a correction corrects: the event, and its verifikationer where the list has them. */
const rättarText = ({ rättar, rättarVerifikationer }: VerifikationslistaPost): string => {
  if (rättar === undefined) return '';
  if (rättarVerifikationer === undefined) return `; rättar ${rättar}`;
  const numbers = rättarVerifikationer.join(', ');
  return `; rättar ${rättar} (verifikation${rättarVerifikationer.length === 1 ? '' : 'er'} ${numbers})`;
};

/**
 * What corrected a verifikation, one line per correction: `  Rättad av <id> (verifikation 2025-3,
 * 2025-02-10)`, the correction's event, its verifikationer and its date.
 */
const rättadAvLines = ({ rättadAv }: VerifikationslistaPost): string[] =>
  (rättadAv ?? []).map(({ eventId, verifikationer, datum }) => {
    const numbers =
      verifikationer.length === 0
        ? ''
        : `verifikation${verifikationer.length === 1 ? '' : 'er'} ${verifikationer.join(', ')}, `;
    return `  Rättad av ${eventId} (${numbers}${datum})`;
  });

/**
 * Prints the verifikationslista as text: per verifikation a heading (number, date, text),
 * when (the minute in Sweden, as the office clock read; the instant in UTC is in the CSV) and by
 * whom it was registered, the counterparty, the event it came from (for a
 * correction, what it corrects and why), where an imported one came from, what corrected it (the
 * correction's event, verifikationer and date, of any year), and its lines
 * (account, name, dimensions, debet, kredit); then the year's totals. Deterministic.
 */
export function renderVerifikationslistaText(list: Verifikationslista): string {
  const posts = list.verifikationer.map((post) =>
    [
      `${post.nummer}  ${post.datum}  ${post.text}`,
      `  Registrerad ${minuteInSweden(post.registrerad)} av ${post.registreradAv}${post.motpart === undefined ? '' : `; motpart ${post.motpart}`}`,
      `  Händelse ${post.eventType} ${post.eventId}${rättarText(post)}${post.bokslut === undefined ? '' : `; bokslut (${post.bokslut})`}`,
      ...(post.orsak === undefined ? [] : [`  Orsak ${post.orsak}`]),
      ...(post.källa === undefined ? [] : [`  Källa ${källaText(post.källa)}`]),
      ...rättadAvLines(post),
      ...radColumns(post.rader),
    ].join('\n'),
  );
  return [
    `Verifikationslista ${list.år}`,
    'Belopp i kr med öre; registrerad i svensk tid.',
    '',
    posts.join('\n\n'),
    '',
    `${countText(list.verifikationer.length, 'verifikation', 'verifikationer')}; summa debet ${kr(list.summaDebet)}, summa kredit ${kr(list.summaKredit)}.`,
  ].join('\n');
}

/** The header of {@link renderVerifikationslistaCsv}'s output. */
export const verifikationslistaCsvColumns = [
  'verifikation',
  'datum',
  'registrerad',
  'registrerad-av',
  'text',
  'motpart',
  'händelse',
  'händelse-id',
  'rättar',
  'rättar-verifikationer',
  'orsak',
  'rättad-av',
  'rättad-av-verifikationer',
  'rättad-av-datum',
  'källa-serie',
  'källa-nummer',
  'källa-fil',
  'källa-registrerad',
  'källa-signatur',
  'konto',
  'kontonamn',
  'dimensioner',
  'radtext',
  'debet',
  'kredit',
] as const;

/** A verifikation's own fields, repeated on each of its lines' CSV records. */
const csvFieldsOfPost = (post: VerifikationslistaPost): string[] => [
  post.nummer,
  post.datum,
  post.registrerad,
  post.registreradAv,
  post.text,
  post.motpart ?? '',
  post.eventType,
  post.eventId,
  post.rättar ?? '',
  (post.rättarVerifikationer ?? []).join(' '),
  post.orsak ?? '',
  ...csvFieldsOfRättadAv(post.rättadAv),
  ...csvFieldsOfKälla(post.källa),
];

/**
 * The corrections of a verifikation: their event ids, verifikation numbers and dates, each field
 * space-separated (the rules correct an event once, so one of each but for the numbers).
 */
const csvFieldsOfRättadAv = (rättadAv: VerifikationslistaPost['rättadAv']): string[] =>
  rättadAv === undefined
    ? ['', '', '']
    : [
        rättadAv.map((rättelse) => rättelse.eventId).join(' '),
        rättadAv.flatMap((rättelse) => rättelse.verifikationer).join(' '),
        rättadAv.map((rättelse) => rättelse.datum).join(' '),
      ];

const csvFieldsOfKälla = (källa: VerifikationslistaKälla | undefined): string[] =>
  källa === undefined
    ? ['', '', '', '', '']
    : [källa.serie, källa.nummer, källa.filHash, källa.registrerad ?? '', källa.signatur ?? ''];

/**
 * One field of a listing's table ({@link verifikationslistaRecords}, `huvudbokRecords`): text, an
 * exact amount, or `null` for no amount. The CSV writes an amount as its decimal string, the
 * workbook (`@finsam-ledger/xlsx`) as a number cell.
 */
export type ListingField = string | Money | null;

/** CSV text of a listing's record: amounts as exact decimal strings with a dot, `null` empty. */
export const listingCsvRecord = (record: readonly ListingField[]): string =>
  csvRecord(record.map((field) => (field === null ? '' : field.toString())));

/**
 * The verifikationslista as one table, in the order of {@link verifikationslistaCsvColumns}: one
 * record per line of every verifikation, the verifikation's fields repeated on each, debet and
 * kredit exact (`null` on the other side).
 */
export const verifikationslistaRecords = (list: Verifikationslista): ListingField[][] =>
  list.verifikationer.flatMap((post) => {
    const fields = csvFieldsOfPost(post);
    return post.rader.map((rad) => [
      ...fields,
      rad.konto,
      rad.kontonamn,
      dimensionText(rad.dimensioner),
      rad.text ?? '',
      rad.debet,
      rad.kredit,
    ]);
  });

/**
 * Prints the verifikationslista as one CSV table (RFC 4180, CRLF, exact kronor with a dot): the
 * records of {@link verifikationslistaRecords} under the header
 * {@link verifikationslistaCsvColumns}.
 */
export function renderVerifikationslistaCsv(list: Verifikationslista): string {
  return [verifikationslistaCsvColumns, ...verifikationslistaRecords(list)]
    .map((values) => `${listingCsvRecord(values)}\r\n`)
    .join('');
}
