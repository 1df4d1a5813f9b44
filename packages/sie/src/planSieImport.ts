import {
  Money,
  dimensionerOf,
  eventIdFromKey,
  type Dimensioner,
  type VerifikationRad,
} from '@finsam-ledger/core';
import { refuseSieErrors, sieError } from './error.js';
import { refuseSieOpeningBalances } from './refuseSieOpeningBalances.js';
import type { SieFile, SieTransaction, SieVerifikation, SieYear } from './SieFile.js';
import { sieAccountPlacement, type SieMapping } from './SieMapping.js';
import {
  refuseUnmappedSieAccounts,
  type UnmappedSieAccountsOptions,
} from './unmappedSieAccounts.js';

/** Where an imported verifikation comes from: why importing a file twice books nothing new. */
export interface SieSource {
  /** SHA-256 of the file's bytes, hex. */
  readonly filHash: string;
  readonly serie: string;
  readonly nummer: string;
  /** The `#VER`'s regdatum, when the old system wrote one: when it was registered there. */
  readonly registrerad?: string;
  /** The `#VER`'s sign, when written: who registered it there. */
  readonly signatur?: string;
}

/** One `#VER` of the file as the ledger will book it. */
export interface PlannedVerifikation {
  readonly källa: SieSource;
  readonly datum: string;
  readonly text: string;
  readonly rader: readonly VerifikationRad[];
  /** The `#VER`'s line in the file. */
  readonly line: number | undefined;
}

/** What an import of a file books: the opening balance of its first year and its verifikationer. */
export interface SieImportPlan {
  /** Year 0 of the file (a calendar year). */
  readonly år: number;
  /** `#IB` of year 0, mapped to the ledger's accounts (balance accounts only). */
  readonly ingåendeBalans: ReadonlyMap<string, Money>;
  readonly verifikationer: readonly PlannedVerifikation[];
}

/**
 * The event id of an imported verifikation: a UUID (version 8, name-based) made of the
 * SHA-256 of its source, so the same file, series and number always give the same id and
 * the store books it once.
 *
 * About one such UUID in 70 000 holds digits shaped like a personnummer, which every store
 * refuses in any string, ids included (a property test found a file whose import was refused for
 * it). Such an id is derived again from the same source with an attempt number
 * (`eventIdFromKey`), as `newEventId` draws again: still the same id for the same source, and an
 * id that was refused was never stored, so every id an earlier import stored is unchanged.
 *
 * `occurrence` tells apart the `#VER`s of one series and number: those that leave the number
 * empty (an import file leaving the numbering to the program reading it) or repeat it (BL
 * Administration numbers each month's depreciation `# 1`). Among what the import books, in file
 * order, the second is 2, and so on; the first keeps the id of its source alone, as every id an
 * earlier import stored.
 */
export async function sieEventId(source: SieSource, occurrence = 1): Promise<string> {
  const key = `${source.filHash}\u0000${source.serie}\u0000${source.nummer}`;
  return eventIdFromKey(occurrence === 1 ? key : `${key}\u0000${occurrence}`);
}

/** SHA-256 of the bytes, hex, through WebCrypto (in Node 20 and every browser). */
export async function sieFileHash(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Refuses a file whose year (`#RAR 0`) is not a calendar year: a förbund's year is the calendar
 * year. Earlier years (`#RAR -1`, …) are not booked and may be otherwise: a förbund formed in
 * the middle of a year had a short first year.
 */
function calendarYearOf(file: SieFile): number {
  const current = file.years.find((year) => year.index === 0);
  if (current === undefined)
    throw sieError('INVALID_FIELD', 'The file has no #RAR 0: which year it holds is unknown', {
      path: '#RAR',
      rule: 'year-zero',
    });
  assertCalendarYear(current);
  return Number(current.start.slice(0, 4));
}

function assertCalendarYear(year: SieYear): void {
  const calendar = year.start.endsWith('-01-01') && year.end === `${year.start.slice(0, 4)}-12-31`;
  if (!calendar)
    throw sieError(
      'NOT_A_CALENDAR_YEAR',
      `#RAR ${year.index} runs ${year.start} to ${year.end}; a förbund's financial year is the calendar year`,
      { path: '#RAR', rule: 'calendar-year', details: { ...year } },
    );
}

/** The ledger's dimensions of a row's objects, by the mapping's object rules. */
function dimensionsOfObjects(row: SieTransaction, mapping: SieMapping): Dimensioner {
  let dimensioner: Dimensioner = {};
  for (const rule of mapping.objekt ?? []) {
    const object = row.objects.find(
      (candidate) =>
        candidate.dimension === rule.dimension &&
        (rule.objekt === undefined || candidate.id === rule.objekt),
    );
    if (object === undefined) continue;
    if (rule.fält !== undefined) dimensioner = { ...dimensioner, [rule.fält]: object.id };
    dimensioner = { ...dimensioner, ...rule.dimensioner };
  }
  return dimensioner;
}

/** The ledger's account of a file's account, by the mapping (or its ej fördelat placement). */
export function mapSieAccount(account: string, mapping: SieMapping): string {
  return mapSieRow({ account, objects: [], amount: '0.00' }, mapping).konto;
}

/**
 * A row of the file (a `#TRANS`, or the account and objects of an `#IB` or `#PBUDGET`) as a
 * ledger row, or a refusal naming its record, line and account.
 */
export function mapSieRow(
  row: SieTransaction,
  mapping: SieMapping,
  record = '#TRANS',
): VerifikationRad {
  const placement = sieAccountPlacement(row.account, mapping);
  if (placement === undefined)
    throw sieError(
      'UNMAPPED_ACCOUNT',
      `${record} on account ${row.account}, which the mapping places nowhere`,
      {
        ...(row.line === undefined ? {} : { line: row.line }),
        path: `${record}.kontonr`,
        rule: 'mapped-account',
        details: { account: row.account },
      },
    );
  const { konto } = placement;
  const dimensioner = dimensionerOf({
    ...placement.dimensioner,
    ...dimensionsOfObjects(row, mapping),
  });
  return {
    konto,
    belopp: Money.from(row.amount),
    ...(dimensioner === undefined ? {} : { dimensioner }),
  };
}

function planVerifikation(
  verifikation: SieVerifikation,
  mapping: SieMapping,
  filHash: string,
): PlannedVerifikation {
  const signatur = verifikation.signature?.trim() ?? '';
  return {
    källa: {
      filHash,
      serie: verifikation.series,
      nummer: verifikation.number,
      ...(verifikation.registrationDate === undefined
        ? {}
        : { registrerad: verifikation.registrationDate }),
      ...(signatur === '' ? {} : { signatur }),
    },
    datum: verifikation.date,
    text: verifikation.text,
    rader: verifikation.transactions.map((row) => {
      const rad = mapSieRow(row, mapping);
      // A row's text is kept where it says more than the verifikation's (many programs repeat it).
      const text = row.text?.trim() ?? '';
      return text === '' || text === verifikation.text.trim() ? rad : { ...rad, text };
    }),
    line: verifikation.line,
  };
}

/**
 * What importing a file read by `readSie` books, by a mapping: refuses a file whose years are
 * not calendar years, or with verifikationer dated outside year 0 (all named at once), and a
 * file with accounts the mapping cannot place, or (given the ledger's `chart`) places on an
 * account the chart does not have, and (given `budget`) the `#PBUDGET` accounts it cannot
 * place: every one named at once, see {@link refuseUnmappedSieAccounts}. With `opening`, a file
 * whose `#IB` cannot open the books (none, or not summing to zero) is refused before its
 * accounts are placed. Pure: the caller records the plan.
 */
export function planSieImport(
  file: SieFile,
  mapping: SieMapping,
  filHash: string,
  options: UnmappedSieAccountsOptions = {},
): SieImportPlan {
  const år = calendarYearOf(file);
  refuseVerifikationerOutsideYear(file, år);
  // Books opened with finsam's own opening balance, which the file carries, do not read #IB.
  const carriesOpening = (file.finsamEvents ?? []).some(
    (event) => event.type === 'IngåendeBalansRegistrerad',
  );
  if (options.opening === true && !carriesOpening) refuseSieOpeningBalances(file, år);
  refuseUnmappedSieAccounts(file, mapping, options);
  const ingåendeBalans = new Map<string, Money>();
  for (const balance of file.balances.filter((b) => b.kind === 'IB' && b.yearIndex === 0)) {
    const row = mapSieRow(
      { account: balance.account, objects: [], amount: balance.amount, line: balance.line },
      mapping,
      '#IB',
    );
    ingåendeBalans.set(row.konto, (ingåendeBalans.get(row.konto) ?? Money.zero).plus(row.belopp));
  }
  const verifikationer = file.verifikationer.map((verifikation) =>
    planVerifikation(verifikation, mapping, filHash),
  );
  return { år, ingåendeBalans, verifikationer };
}

/** Every `#VER` dated outside `år`, refused at once. */
function refuseVerifikationerOutsideYear(file: SieFile, år: number): void {
  const refusals = file.verifikationer
    .filter((verifikation) => !verifikation.date.startsWith(`${år}-`))
    .map((verifikation) =>
      sieError(
        'INVALID_DATE',
        `#VER ${verifikation.series} ${verifikation.number} is dated outside ${år}`,
        {
          ...(verifikation.line === undefined ? {} : { line: verifikation.line }),
          path: '#VER.verdatum',
          rule: 'within-year',
        },
      ),
    );
  refuseSieErrors(
    'INVALID_DATE',
    refusals,
    `${refusals.length} verifikationer are dated outside ${år}`,
  );
}
