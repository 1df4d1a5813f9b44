import { Money } from '@finsam-ledger/core';
import { decodeSieBytes, type SieEncoding, type SieEncodingReport } from './encoding.js';
import { refuseSieErrors, sieError, type SieError } from './error.js';
import {
  optionalDate,
  optionalText,
  parseAmount,
  parseDate,
  parseYearIndex,
  requiredText,
} from './fields.js';
import { finsamLabels, parseFinsamJson } from './finsamRecords.js';
import { ksummaOf, writtenKsumma } from './ksumma.js';
import type {
  SieAccount,
  SieBalance,
  SieBudget,
  SieFinsamEvent,
  SieFinsamVerifikation,
  SieDimension,
  SieFile,
  SieObject,
  SieObjectReference,
  SieTransaction,
  SieVerifikation,
  SieYear,
} from './SieFile.js';
import { tokenizeSieLine, type SieRecord } from './tokenizeSieLine.js';

/** The largest file read unless the caller says otherwise: 64 MiB, many years of a förbund. */
export const sieSizeBytesMaxDefault = 64 * 1024 * 1024;

/** Options of {@link readSie}. */
export interface ReadSieOptions {
  /** Files larger than this are refused before decoding. Default {@link sieSizeBytesMaxDefault}. */
  readonly sizeBytesMax?: number;
}

/** What the reader collects while walking the records. */
interface Collected {
  flag?: string;
  format?: string;
  program?: { name: string; version: string };
  generated?: { date: string; by?: string };
  sieType?: string;
  companyName?: string;
  organisationNumber?: string;
  chartType?: string;
  years: SieYear[];
  accounts: Map<string, { name: string; type?: SieAccount['type'] }>;
  dimensions: SieDimension[];
  objects: SieObject[];
  balances: SieBalance[];
  budgets: SieBudget[];
  finsamEvents: SieFinsamEvent[];
  finsamVerifikationer: SieFinsamVerifikation[];
  verifikationer: SieVerifikation[];
  ignoredLabels: Record<string, number>;
}

type Handler = (record: SieRecord, collected: Collected) => void;

const balance =
  (kind: SieBalance['kind']): Handler =>
  (record, collected) => {
    collected.balances.push({
      kind,
      yearIndex: parseYearIndex(record),
      account: requiredText(record, 1, 'konto'),
      amount: parseAmount(requiredText(record, 2, 'saldo'), record, 'saldo'),
      line: record.line,
    });
  };

const accountTypes = new Set(['T', 'S', 'I', 'K']);

/** The object references of an object list `{dimensionsnr objektkod …}`. */
function objectsOf(record: SieRecord, index: number, name: string): SieObjectReference[] {
  const objectList = record.fields[index];
  if (objectList?.kind !== 'list')
    throw sieError('INVALID_FIELD', `${record.label} has no object list ({} when empty)`, {
      line: record.line,
      path: `${record.label}.${name}`,
      rule: 'object-list',
    });
  // Pairs of a dimension and an object: a dimension without its object is refused rather than
  // dropped, which would book the row without the dimension the file gave it.
  if (objectList.values.length % 2 !== 0)
    throw sieError(
      'INVALID_FIELD',
      `${record.label} has an object list {${objectList.values.join(' ')}} whose last dimension has no object: it pairs each dimensionsnr with an objektkod`,
      { line: record.line, path: `${record.label}.${name}`, rule: 'object-pairs' },
    );
  const objects = [];
  for (let position = 0; position + 1 < objectList.values.length; position += 2)
    objects.push({
      dimension: objectList.values[position]!,
      id: objectList.values[position + 1]!,
    });
  return objects;
}

/** `#PBUDGET årsnr period konto {objekt} saldo`: a month's budget of an account. */
const periodBudget: Handler = (record, collected) => {
  const period = requiredText(record, 1, 'period');
  if (!/^\d{4}(0[1-9]|1[0-2])$/.test(period))
    throw sieError('INVALID_FIELD', `#PBUDGET period ${JSON.stringify(period)} is not YYYYMM`, {
      line: record.line,
      path: '#PBUDGET.period',
      rule: 'period',
    });
  collected.budgets.push({
    yearIndex: parseYearIndex(record),
    period,
    account: requiredText(record, 2, 'konto'),
    objects: objectsOf(record, 3, 'objektlista'),
    amount: parseAmount(requiredText(record, 4, 'saldo'), record, 'saldo'),
    line: record.line,
  });
};

/** `#FINSAMHANDELSE typ data`: one of finsam's own facts (see `finsamLabels`). */
const finsamEvent: Handler = (record, collected) => {
  collected.finsamEvents.push({
    type: requiredText(record, 0, 'typ'),
    data: parseFinsamJson(requiredText(record, 1, 'data'), record, 'data'),
    line: record.line,
  });
};

/** `#FINSAMVER serie vernr löpnummer poster`: finsam's own record about a `#VER`. */
const finsamVerifikation: Handler = (record, collected) => {
  const openItems = parseFinsamJson(requiredText(record, 3, 'poster'), record, 'poster');
  if (!Array.isArray(openItems))
    throw sieError('INVALID_FIELD', '#FINSAMVER poster is not a JSON list', {
      line: record.line,
      path: '#FINSAMVER.poster',
      rule: 'json-list',
    });
  collected.finsamVerifikationer.push({
    series: requiredText(record, 0, 'serie'),
    number: requiredText(record, 1, 'vernr'),
    ledgerNumber: requiredText(record, 2, 'löpnummer'),
    openItems,
    line: record.line,
  });
};

// One handler per label this reader uses; every other label is counted and ignored, as the
// spec asks of a reader (§5: "okända poster ignoreras").
const handlers: Readonly<Record<string, Handler>> = {
  '#FLAGGA': (record, collected) => (collected.flag = requiredText(record, 0, 'flagga')),
  '#FORMAT': (record, collected) => (collected.format = requiredText(record, 0, 'format')),
  '#PROGRAM': (record, collected) =>
    (collected.program = {
      name: requiredText(record, 0, 'programnamn'),
      version: optionalText(record, 1) ?? '',
    }),
  '#GEN': (record, collected) => {
    const by = optionalText(record, 1);
    collected.generated = {
      date: parseDate(requiredText(record, 0, 'datum'), record, 'datum'),
      ...(by === undefined || by === '' ? {} : { by }),
    };
  },
  '#SIETYP': (record, collected) => (collected.sieType = requiredText(record, 0, 'typnr')),
  '#FNAMN': (record, collected) =>
    (collected.companyName = requiredText(record, 0, 'företagsnamn')),
  '#ORGNR': (record, collected) => (collected.organisationNumber = optionalText(record, 0)),
  '#KPTYP': (record, collected) => (collected.chartType = requiredText(record, 0, 'typ')),
  '#RAR': (record, collected) => {
    collected.years.push({
      index: parseYearIndex(record),
      start: parseDate(requiredText(record, 1, 'start'), record, 'start'),
      end: parseDate(requiredText(record, 2, 'slut'), record, 'slut'),
    });
  },
  '#KONTO': (record, collected) => {
    const number = requiredText(record, 0, 'kontonr');
    const previous = collected.accounts.get(number);
    collected.accounts.set(number, { ...previous, name: optionalText(record, 1) ?? '' });
  },
  '#KTYP': (record, collected) => {
    const number = requiredText(record, 0, 'kontonr');
    const type = requiredText(record, 1, 'kontotyp').toUpperCase();
    if (!accountTypes.has(type))
      throw sieError('INVALID_FIELD', `#KTYP ${type} is not T, S, I or K`, {
        line: record.line,
        path: '#KTYP.kontotyp',
        rule: 'account-type',
      });
    const previous = collected.accounts.get(number) ?? { name: '' };
    collected.accounts.set(number, { ...previous, type: type as SieAccount['type'] });
  },
  '#DIM': (record, collected) =>
    collected.dimensions.push({
      number: requiredText(record, 0, 'dimensionsnr'),
      name: optionalText(record, 1) ?? '',
    }),
  '#UNDERDIM': (record, collected) =>
    collected.dimensions.push({
      number: requiredText(record, 0, 'dimensionsnr'),
      name: optionalText(record, 1) ?? '',
      parent: requiredText(record, 2, 'superdimension'),
    }),
  '#OBJEKT': (record, collected) =>
    collected.objects.push({
      dimension: requiredText(record, 0, 'dimensionsnr'),
      id: requiredText(record, 1, 'objektkod'),
      name: optionalText(record, 2) ?? '',
    }),
  '#IB': balance('IB'),
  '#UB': balance('UB'),
  '#RES': balance('RES'),
  '#PBUDGET': periodBudget,
  [finsamLabels.event]: finsamEvent,
  [finsamLabels.verifikation]: finsamVerifikation,
};

/** Reads a `#TRANS` row. */
function readTransaction(record: SieRecord): SieTransaction {
  const objects = objectsOf(record, 1, 'objektlista');
  const date = optionalDate(record, 3, 'transdat');
  const text = optionalText(record, 4);
  return {
    account: requiredText(record, 0, 'kontonr'),
    objects,
    amount: parseAmount(requiredText(record, 2, 'belopp'), record),
    ...(date === undefined ? {} : { date }),
    ...(text === undefined || text === '' ? {} : { text }),
    line: record.line,
  };
}

/** Reads the head of a `#VER`; its rows come from the block that follows. */
function readVerifikationHead(record: SieRecord): Omit<SieVerifikation, 'transactions'> {
  const registrationDate = optionalDate(record, 4, 'regdatum');
  const signature = optionalText(record, 5);
  return {
    series: requiredText(record, 0, 'serie'),
    number: requiredText(record, 1, 'vernr'),
    date: parseDate(requiredText(record, 2, 'verdatum'), record, 'verdatum'),
    text: optionalText(record, 3) ?? '',
    ...(registrationDate === undefined ? {} : { registrationDate }),
    ...(signature === undefined || signature === '' ? {} : { signature }),
    line: record.line,
  };
}

/** The refusal of a verifikation whose `#TRANS` rows do not sum to zero, if they do not. */
function unbalancedVerifikation(verifikation: SieVerifikation): SieError | undefined {
  const imbalance = Money.sum(verifikation.transactions.map((row) => Money.from(row.amount)));
  if (imbalance.isZero()) return undefined;
  return sieError(
    'UNBALANCED_VERIFIKATION',
    `#VER ${verifikation.series} ${verifikation.number} does not balance: its #TRANS rows sum to ${imbalance.toString()}`,
    {
      ...(verifikation.line === undefined ? {} : { line: verifikation.line }),
      path: '#VER',
      rule: 'sums-to-zero',
      details: {
        series: verifikation.series,
        number: verifikation.number,
        imbalance: imbalance.toString(),
      },
    },
  );
}

/** Where the walk over the lines is: inside a `#KSUMMA` span, a `#VER` and its block. */
interface WalkState {
  sawRecord: boolean;
  ksumma: 'none' | 'open' | 'closed';
  ksummaRecords: SieRecord[];
  ksummaResult?: { written: number; computed: number };
  /** What the file's bytes were decoded as: its `#KSUMMA` may sum those bytes, or CP437's. */
  readonly encoding: SieEncoding;
  verifikationHead?: Omit<SieVerifikation, 'transactions'>;
  verifikationRows?: SieTransaction[];
  /** Every verifikation that does not balance: the file is refused naming them all. */
  unbalanced: SieError[];
}

const countIgnored = (collected: Collected, label: string): void => {
  collected.ignoredLabels[label] = (collected.ignoredLabels[label] ?? 0) + 1;
};

/**
 * The checksum a file's `#KSUMMA` is held to: the spec's, over CP437 bytes by a PC's table (§ as
 * 0x15), which is a CP437 file's own bytes; for a file written in UTF-8 or Windows-1252, whose
 * writer may have summed its own bytes or CP437 ones by the Unicode table (§ as `?`), `written`
 * when it is one of those sums.
 */
function computedKsumma(
  records: readonly SieRecord[],
  encoding: SieEncoding,
  written: number,
): number {
  const spec = ksummaOf(records);
  if (written === spec || encoding === 'cp437') return spec;
  const others = [() => ksummaOf(records, encoding), () => ksummaOf(records, 'cp437', 'unicode')];
  return others.some((sum) => sum() === written) ? written : spec;
}

/** Handles `#KSUMMA`: the opening one starts the span, the closing one is checked against it. */
function handleKsumma(record: SieRecord, state: WalkState): void {
  const written = optionalText(record, 0);
  if (written === undefined && state.ksumma === 'none') {
    state.ksumma = 'open';
    return;
  }
  const sum = written === undefined ? undefined : writtenKsumma(written);
  if (sum === undefined || state.ksumma !== 'open')
    throw sieError(
      'MALFORMED_RECORD',
      'A #KSUMMA out of place: one opening, one closing with the sum',
      {
        line: record.line,
        path: '#KSUMMA',
        rule: 'opening-and-closing',
      },
    );
  const computed = computedKsumma(state.ksummaRecords, state.encoding, sum);
  if (sum !== computed)
    throw sieError(
      'KSUMMA_MISMATCH',
      `#KSUMMA ${written} is not the checksum of the file's records (${computed})`,
      {
        line: record.line,
        path: '#KSUMMA',
        rule: 'crc-32',
        details: { written: sum, computed },
      },
    );
  state.ksumma = 'closed';
  state.ksummaResult = { written: sum, computed };
}

/** Handles a record inside a `#VER` block. */
function handleRowRecord(record: SieRecord, state: WalkState, collected: Collected): void {
  // #RTRANS is followed by the same row as #TRANS and #BTRANS is a removed row (spec 4B):
  // neither counts towards the balance, so both are read over.
  if (record.label === '#TRANS') state.verifikationRows!.push(readTransaction(record));
  else countIgnored(collected, record.label);
}

/** Handles one record outside a `#VER` block. */
function handleRecord(record: SieRecord, state: WalkState, collected: Collected): void {
  if (!state.sawRecord && record.label !== '#FLAGGA')
    throw sieError('NOT_A_SIE_FILE', `The first record is ${record.label}, not #FLAGGA`, {
      line: record.line,
      path: '#FLAGGA',
      rule: 'first-record',
    });
  state.sawRecord = true;
  if (record.label === '#KSUMMA') return handleKsumma(record, state);
  if (state.ksumma === 'open') state.ksummaRecords.push(record);
  if (state.verifikationRows !== undefined) return handleRowRecord(record, state, collected);
  if (state.verifikationHead !== undefined)
    throw sieError('MALFORMED_RECORD', '#VER is not followed by its { block', {
      line: record.line,
      path: '#VER',
      rule: 'block-follows',
    });
  if (record.label === '#VER') state.verifikationHead = readVerifikationHead(record);
  else if (record.label === '#TRANS')
    throw sieError('MALFORMED_RECORD', '#TRANS outside a #VER block', {
      line: record.line,
      path: '#TRANS',
      rule: 'inside-ver',
    });
  else
    (handlers[record.label] ?? ((_record, into) => countIgnored(into, record.label)))(
      record,
      collected,
    );
}

/** Handles a brace line: `{` opens the block of the `#VER` before, `}` closes it. */
function handleBrace(
  kind: 'open' | 'close',
  line: number,
  state: WalkState,
  collected: Collected,
): void {
  if (
    kind === 'open' &&
    state.verifikationHead !== undefined &&
    state.verifikationRows === undefined
  ) {
    state.verifikationRows = [];
    return;
  }
  if (kind === 'close' && state.verifikationRows !== undefined) {
    const verifikation = { ...state.verifikationHead!, transactions: state.verifikationRows };
    const unbalanced = unbalancedVerifikation(verifikation);
    if (unbalanced !== undefined) state.unbalanced.push(unbalanced);
    collected.verifikationer.push(verifikation);
    delete state.verifikationHead;
    delete state.verifikationRows;
    return;
  }
  throw sieError('MALFORMED_RECORD', `A ${kind === 'open' ? '{' : '}'} that belongs to no #VER`, {
    line,
    rule: 'braces-around-ver-rows',
  });
}

/**
 * Refuses every `#TRANS` on an account the file never declares, where it declares accounts: one
 * refusal naming each such account at its first row.
 */
function assertAccountsDeclared(collected: Collected): void {
  if (collected.accounts.size === 0) return;
  const undeclared = new Map<string, SieError>();
  for (const verifikation of collected.verifikationer)
    for (const row of verifikation.transactions)
      if (!collected.accounts.has(row.account) && !undeclared.has(row.account))
        undeclared.set(
          row.account,
          sieError(
            'UNDECLARED_ACCOUNT',
            `#TRANS on account ${row.account}, which no #KONTO declares`,
            {
              ...(row.line === undefined ? {} : { line: row.line }),
              path: '#TRANS.kontonr',
              rule: 'declared-account',
              details: { account: row.account },
            },
          ),
        );
  refuseSieErrors(
    'UNDECLARED_ACCOUNT',
    [...undeclared.values()],
    `${String(undeclared.size)} accounts have #TRANS rows but no #KONTO`,
  );
}

const emptyCollected = (): Collected => ({
  years: [],
  accounts: new Map(),
  dimensions: [],
  objects: [],
  balances: [],
  budgets: [],
  finsamEvents: [],
  finsamVerifikationer: [],
  verifikationer: [],
  ignoredLabels: {},
});

/** The file read, from what the walk collected. */
function fileOf(collected: Collected, state: WalkState, encoding: SieEncodingReport): SieFile {
  return {
    flag: collected.flag ?? '',
    format: collected.format,
    encoding,
    program: collected.program ?? { name: '', version: '' },
    generated: collected.generated ?? { date: '' },
    sieType: collected.sieType ?? '',
    companyName: collected.companyName ?? '',
    ...(collected.organisationNumber === undefined
      ? {}
      : { organisationNumber: collected.organisationNumber }),
    ...(collected.chartType === undefined ? {} : { chartType: collected.chartType }),
    years: collected.years,
    accounts: [...collected.accounts].map(([number, account]) => ({ number, ...account })),
    dimensions: collected.dimensions,
    objects: collected.objects,
    balances: collected.balances,
    budgets: collected.budgets,
    finsamEvents: collected.finsamEvents,
    finsamVerifikationer: collected.finsamVerifikationer,
    verifikationer: collected.verifikationer,
    ...(state.ksummaResult === undefined ? {} : { ksumma: state.ksummaResult }),
    ignoredLabels: collected.ignoredLabels,
  };
}

/**
 * Reads a SIE 4 file (4E or 4I) from its bytes. Pure: no I/O. Refuses, with a
 * {@link SieError} naming the line, a file larger than the limit, a record that cannot be
 * split, an amount with more than two decimals, a date that does not exist, an unbalanced
 * `#VER`, a `#TRANS` on an undeclared account, a wrong `#KSUMMA` and a truncated file.
 * Unknown labels are ignored and counted in `ignoredLabels`.
 */
export function readSie(bytes: Uint8Array, options: ReadSieOptions = {}): SieFile {
  const sizeBytesMax = options.sizeBytesMax ?? sieSizeBytesMaxDefault;
  if (bytes.length > sizeBytesMax)
    throw sieError(
      'FILE_TOO_LARGE',
      `The file has ${bytes.length} bytes; the limit is ${sizeBytesMax}`,
      {
        rule: 'size-limit',
        details: { sizeBytes: bytes.length, sizeBytesMax },
      },
    );
  const decoded = decodeSieBytes(bytes);
  const lines = decoded.text.split(/\r\n|\n|\r/);
  const collected = emptyCollected();
  const state: WalkState = {
    sawRecord: false,
    ksumma: 'none',
    ksummaRecords: [],
    unbalanced: [],
    encoding: decoded.encoding.used,
  };
  lines.forEach((text, index) => {
    const line = tokenizeSieLine(text, index + 1);
    if (line.kind === 'record') handleRecord(line.record, state, collected);
    else if (line.kind !== 'blank') handleBrace(line.kind, line.line, state, collected);
  });
  if (!state.sawRecord)
    throw sieError('NOT_A_SIE_FILE', 'The file has no records', { rule: 'first-record' });
  if (state.verifikationHead !== undefined || state.ksumma === 'open')
    throw sieError(
      'TRUNCATED_FILE',
      state.ksumma === 'open'
        ? 'The file opens #KSUMMA but ends without the closing #KSUMMA'
        : 'The file ends inside a #VER',
      { line: lines.length, rule: 'complete-file' },
    );
  refuseSieErrors(
    'UNBALANCED_VERIFIKATION',
    state.unbalanced,
    `${String(state.unbalanced.length)} verifikationer do not balance`,
  );
  assertAccountsDeclared(collected);
  return fileOf(collected, state, decoded.encoding);
}
