import { cp437Bytes, transliterateToCp437 } from './encoding.js';
import { finsamJson, finsamLabels } from './finsamRecords.js';
import { ksummaOf } from './ksumma.js';
import type { SieDocument, SieVerifikation } from './SieFile.js';
import type { SieField, SieRecord } from './tokenizeSieLine.js';

/**
 * A text field as written: transliterated to CP437, and a trailing backslash turned into `/`,
 * because `\"` before the closing quote would read as an escaped quote (spec §5.7 knows no
 * other escape).
 */
const writtenText = (value: string): string => transliterateToCp437(value).replace(/\\$/, '/');

const text = (value: string): SieField => ({
  kind: 'text',
  value: writtenText(value),
  quoted: true,
});

/** A field written without quotes: numbers, dates, flags (Fortnox refuses some of these quoted). */
const bare = (value: string): SieField => ({ kind: 'text', value, quoted: false });

/** An absent optional field before a present one: `""`. */
const empty: SieField = { kind: 'text', value: '', quoted: true };

const list = (values: readonly string[]): SieField => ({
  kind: 'list',
  values: values.map(writtenText),
});

const sieDate = (isoDate: string): string => isoDate.replaceAll('-', '');

const record = (label: string, ...fields: SieField[]): SieRecord => ({ label, fields, line: 0 });

const quote = (value: string): string => `"${value.replaceAll('"', '\\"')}"`;

/** One record as a line: label and fields separated by one space (spec §5). */
function serialiseRecord({ label, fields }: SieRecord): string {
  const parts = fields.map((field) => {
    if (field.kind === 'list')
      return `{${field.values.map((value, index) => (index % 2 === 0 ? value : quote(value))).join(' ')}}`;
    return field.quoted ? quote(field.value) : field.value;
  });
  return [label, ...parts].join(' ');
}

/** The records of the file's head, in the order spec 4B lists them for type 4. */
function headRecords(document: SieDocument): SieRecord[] {
  return [
    record('#PROGRAM', text(document.program.name), text(document.program.version)),
    record('#FORMAT', bare('PC8')),
    record(
      '#GEN',
      bare(sieDate(document.generated.date)),
      ...(document.generated.by === undefined ? [] : [text(document.generated.by)]),
    ),
    record('#SIETYP', bare(document.sieType)),
    record('#FNAMN', text(document.companyName)),
    ...(document.organisationNumber === undefined
      ? []
      : [record('#ORGNR', bare(document.organisationNumber))]),
    ...document.years.map((year) =>
      record('#RAR', bare(String(year.index)), bare(sieDate(year.start)), bare(sieDate(year.end))),
    ),
    ...(document.chartType === undefined ? [] : [record('#KPTYP', bare(document.chartType))]),
  ];
}

/** `#KONTO`/`#KTYP`, `#DIM`/`#OBJEKT` and the balances. */
function registerRecords(document: SieDocument): SieRecord[] {
  return [
    ...document.accounts.flatMap((account) => [
      record('#KONTO', bare(account.number), text(account.name)),
      ...(account.type === undefined
        ? []
        : [record('#KTYP', bare(account.number), bare(account.type))]),
    ]),
    ...document.dimensions.map((dimension) =>
      dimension.parent === undefined
        ? record('#DIM', bare(dimension.number), text(dimension.name))
        : record('#UNDERDIM', bare(dimension.number), text(dimension.name), bare(dimension.parent)),
    ),
    ...document.objects.map((object) =>
      record('#OBJEKT', bare(object.dimension), text(object.id), text(object.name)),
    ),
    ...document.balances.map((balance) =>
      record(
        `#${balance.kind}`,
        bare(String(balance.yearIndex)),
        bare(balance.account),
        bare(balance.amount),
      ),
    ),
    ...(document.budgets ?? []).map((budget) =>
      record(
        '#PBUDGET',
        bare(String(budget.yearIndex)),
        bare(budget.period),
        bare(budget.account),
        list(budget.objects.flatMap((object) => [object.dimension, object.id])),
        bare(budget.amount),
      ),
    ),
  ];
}

/**
 * finsam's own records, after the balances and before the `#VER`s they speak of: other
 * programs ignore them (spec 4B: unknown labels are ignored). The JSON is written with `\u`
 * escapes for what CP437 lacks, so it comes back exactly.
 */
function finsamRecords(document: SieDocument): SieRecord[] {
  return [
    ...(document.finsamEvents ?? []).map((event) =>
      record(finsamLabels.event, text(event.type), text(finsamJson(event.data))),
    ),
    ...(document.finsamVerifikationer ?? []).map((verifikation) =>
      record(
        finsamLabels.verifikation,
        text(verifikation.series),
        text(verifikation.number),
        bare(verifikation.ledgerNumber),
        text(finsamJson(verifikation.openItems)),
      ),
    ),
  ];
}

/** A `#VER` and its `#TRANS` rows, with the braces of its block. */
function verifikationRecords(verifikation: SieVerifikation): (SieRecord | '{' | '}')[] {
  return [
    record(
      '#VER',
      text(verifikation.series),
      text(verifikation.number),
      bare(sieDate(verifikation.date)),
      text(verifikation.text),
      ...(verifikation.registrationDate === undefined && verifikation.signature === undefined
        ? []
        : [
            verifikation.registrationDate === undefined
              ? empty
              : bare(sieDate(verifikation.registrationDate)),
          ]),
      ...(verifikation.signature === undefined ? [] : [text(verifikation.signature)]),
    ),
    '{',
    ...verifikation.transactions.map((row) =>
      record(
        '#TRANS',
        bare(row.account),
        list(row.objects.flatMap((object) => [object.dimension, object.id])),
        bare(row.amount),
        ...(row.date === undefined && row.text === undefined
          ? []
          : [row.date === undefined ? empty : bare(sieDate(row.date))]),
        ...(row.text === undefined ? [] : [text(row.text)]),
      ),
    ),
    '}',
  ];
}

/**
 * Writes a SIE 4 file: CP437 bytes (characters CP437 lacks transliterated, see
 * `transliterateToCp437`), CRLF line ends, every text field quoted with `\"` escapes
 * (spec §5.7), numbers, dates and flags bare, and `#KSUMMA` around everything after `#FLAGGA`.
 * Pure: the same document gives the same bytes.
 */
export function writeSie(document: SieDocument): Uint8Array {
  const body = [
    ...headRecords(document),
    ...registerRecords(document),
    ...finsamRecords(document),
    ...document.verifikationer.flatMap(verifikationRecords),
  ];
  const records = body.filter((entry): entry is SieRecord => typeof entry !== 'string');
  const lines = [
    '#FLAGGA 0',
    '#KSUMMA',
    ...body.map((entry) => (typeof entry === 'string' ? entry : serialiseRecord(entry))),
    `#KSUMMA ${ksummaOf(records)}`,
  ];
  return cp437Bytes(`${lines.join('\r\n')}\r\n`);
}
