import {
  Money,
  incomeColumn,
  isIncomeStatementLine,
  dayInSweden,
  registrationDateOf,
  type Chart,
  type DomainEvent,
  type LedgerTotals,
  type StatementLine,
  type Verifikation,
} from '@finsam-ledger/core';
import { assert } from '@finsam-ledger/core/store';
import { transliterateToCp437 } from './encoding.js';
import {
  budgetRecordsOfYear,
  finsamEventsOfYear,
  openItemsByEventId,
  sieSeriesOf,
} from './finsamExport.js';
import { objectReferencesOf, sieDimensions, sieObjectName } from './ledgerDimensions.js';
import type {
  SieAccount,
  SieBalance,
  SieDocument,
  SieFinsamVerifikation,
  SieObject,
  SieObjectReference,
  SieVerifikation,
} from './SieFile.js';
import { writeSie } from './writeSie.js';
import { selfCheckExport } from './selfCheckExport.js';
import { openingEventType, SieJournalOfYear } from './SieJournalOfYear.js';

/**
 * The longest `#VER` text written. Fortnox refuses texts over 50 characters on `#VER` and
 * `#TRANS` rows; a longer text is cut at a space before 47 characters, then `...` (the full
 * text stays in the ledger, where the verifikation's event id finds it).
 */
export const sieTextLengthMax = 50;

/** What an export needs from the ledger and the förbund. */
export interface SieExportInput {
  /** The financial year exported (year 0); year − 1 is included where the books have it. */
  readonly year: number;
  readonly chart: Chart;
  /**
   * The journal (any years; those after `year` are left out), in the journal's order as
   * `ledger.verifikationer()` yields it: an event's verifikationer follow one another, and its
   * open items travel with the first of them.
   */
  readonly verifikationer: readonly Verifikation[];
  /** The ledger's totals, for the check that `#RES` equals the resultaträkning. */
  readonly totals: LedgerTotals;
  /**
   * The ledger's bookkeeping events (decoded, in recorded order). With them the file carries
   * finsam's own records (`#FINSAMHANDELSE`, `#FINSAMVER`): the budget decisions, staffing, the
   * years before the books, the opening balance's and every verifikation's open items and the
   * year's close, so that an import into new books gives the same annual report. Without them
   * the file is plain SIE, like any other program's.
   */
  readonly events?: readonly DomainEvent[];
  readonly companyName: string;
  readonly organisationNumber?: string;
  /**
   * When the file is generated (`YYYY-MM-DD`) and by whom: the only part that changes
   * between two exports of the same books.
   */
  readonly generated: { readonly date: string; readonly by?: string };
  readonly program?: { readonly name: string; readonly version: string };
}

/** An export's input without the journal, which a {@link SieJournalOfYear} gathers. */
export type SieExportInputOfJournal = Omit<SieExportInput, 'verifikationer'>;

/**
 * A text cut to {@link sieTextLengthMax} characters after transliteration: at the last space
 * before the limit (a cut inside a number could make it look like something else, such as a
 * personnummer, which the ledger refuses), then `...`.
 */
export function fitSieText(text: string): string {
  const written = transliterateToCp437(text);
  if (written.length <= sieTextLengthMax) return written;
  const head = written.slice(0, sieTextLengthMax - 3);
  const space = head.lastIndexOf(' ');
  return `${(space >= sieTextLengthMax / 2 ? head.slice(0, space) : head).trimEnd()}...`;
}

/** The SIE account type of a chart line: T tillgång, S skuld or equity, I intäkt, K kostnad. */
function accountTypeOf(line: StatementLine): SieAccount['type'] {
  if (line === 'verksamhetens-intäkter' || line === 'finansiella-intäkter') return 'I';
  if (isIncomeStatementLine(line)) return 'K';
  return /skulder|eget-kapital|förutbetalda-intäkter/.test(line) ? 'S' : 'T';
}

const add = (sums: Map<string, Money>, account: string, amount: Money): void => {
  sums.set(account, (sums.get(account) ?? Money.zero).plus(amount));
};

/**
 * `#IB`, `#UB` and `#RES` of one year (`year` or the year before the journal's), computed from
 * the journal: the sums before its kept years are opening balances of both.
 */
function balancesOfYear(
  chart: Chart,
  journal: SieJournalOfYear,
  year: number,
  yearIndex: number,
): SieBalance[] {
  const isBalance = (account: string) => !isIncomeStatementLine(chart.account(account).line);
  // Income accounts among the earlier sums are left out below, as they are from the kept years.
  const opening = new Map<string, Money>(journal.earlierSums);
  const movement = new Map<string, Money>();
  for (const verifikation of journal.verifikationer) {
    const isOpening = verifikation.eventType === openingEventType;
    for (const rad of verifikation.rader) {
      if (verifikation.år < year || (isOpening && verifikation.år === year)) {
        if (isBalance(rad.konto)) add(opening, rad.konto, rad.belopp);
      } else if (verifikation.år === year) add(movement, rad.konto, rad.belopp);
    }
  }
  const balanceAccounts = [...new Set([...opening.keys(), ...movement.keys()])]
    .filter(isBalance)
    .sort();
  const resultAccounts = [...movement.keys()].filter((account) => !isBalance(account)).sort();
  const balance = (kind: SieBalance['kind'], account: string, amount: Money): SieBalance => ({
    kind,
    yearIndex,
    account,
    amount: amount.toString(),
  });
  const ib = (account: string) => opening.get(account) ?? Money.zero;
  return [
    ...balanceAccounts.map((account) => balance('IB', account, ib(account))),
    ...balanceAccounts.map((account) =>
      balance('UB', account, ib(account).plus(movement.get(account) ?? Money.zero)),
    ),
    ...resultAccounts.map((account) => balance('RES', account, movement.get(account)!)),
  ];
}

/** A verifikation of the ledger as a `#VER`: its series and number there, its text fitted. */
function verifikationOf(verifikation: Verifikation, number: number): SieVerifikation {
  return {
    series: sieSeriesOf(verifikation),
    number: String(number),
    date: verifikation.datum,
    text: fitSieText(verifikation.text),
    // SIE 4B's regdatum is the date the verifikation was entered into the books: the store's
    // stamp of its event, not the writer's recordedAt, as the day in Sweden (docs/sie.md).
    registrationDate: dayInSweden(registrationDateOf(verifikation)),
    signature: fitSieText(verifikation.registreradAv),
    transactions: verifikation.rader.map((rad) => ({
      account: rad.konto,
      objects: objectReferencesOf(rad.dimensioner),
      amount: rad.belopp.toString(),
      ...(rad.text === undefined ? {} : { text: fitSieText(rad.text) }),
    })),
  };
}

/**
 * The year's verifikationer as `#VER`s, numbered from 1 within each series in the ledger's
 * order and written series by series, and beside each its `#FINSAMVER` (the ledger's number
 * and the open items of the event, on the event's first verifikation).
 */
function verifikationerOfYear(
  journal: SieJournalOfYear,
  input: SieExportInputOfJournal,
): { verifikationer: SieVerifikation[]; finsam: SieFinsamVerifikation[] } {
  const openItems = input.events === undefined ? undefined : openItemsByEventId(input.events);
  const seen = new Set<string>(journal.continuedEventIds);
  const numbers = new Map<string, number>();
  const written = journal.verifikationer
    .filter((verifikation) => verifikation.eventType !== openingEventType)
    .map((verifikation) => {
      const first = !seen.has(verifikation.eventId);
      seen.add(verifikation.eventId);
      if (verifikation.år !== input.year) return undefined;
      const series = sieSeriesOf(verifikation);
      const number = (numbers.get(series) ?? 0) + 1;
      numbers.set(series, number);
      const sie = verifikationOf(verifikation, number);
      const finsam: SieFinsamVerifikation = {
        series,
        number: sie.number,
        ledgerNumber: `${verifikation.år}-${verifikation.löpnummer}`,
        openItems: first ? (openItems?.get(verifikation.eventId) ?? []) : [],
      };
      return { sie, finsam };
    })
    .filter((entry) => entry !== undefined)
    .sort((left, right) =>
      left.sie.series === right.sie.series
        ? Number(left.sie.number) - Number(right.sie.number)
        : left.sie.series < right.sie.series
          ? -1
          : 1,
    );
  return {
    verifikationer: written.map((entry) => entry.sie),
    finsam: openItems === undefined ? [] : written.map((entry) => entry.finsam),
  };
}

/** `#OBJEKT` for every object a row or budget names, with its name, by dimension and id. */
function objectsOf(references: Iterable<SieObjectReference>): SieObject[] {
  const objectKeys = new Map<string, SieObject>();
  for (const object of references)
    objectKeys.set(`${object.dimension}\u0000${object.id}`, {
      ...object,
      name: sieObjectName(object.dimension, object.id),
    });
  return [...objectKeys.values()].sort(
    (left, right) =>
      Number(left.dimension) - Number(right.dimension) ||
      (left.id < right.id ? -1 : left.id > right.id ? 1 : 0),
  );
}

/**
 * The SIE 4E document of a year: the head records, `#KONTO`/`#KTYP` for every account used,
 * `#DIM`/`#OBJEKT` for the dimensions the rows and budgets use, `#IB`/`#UB`/`#RES` for years
 * 0 and −1 (−1 where the books have it), the budget in force as `#PBUDGET`, finsam's own
 * records where the events are given, and every verifikation of the year but the opening
 * balance (which is `#IB`) as `#VER`. Pure.
 */
export function sieDocumentOfLedger(input: SieExportInput): SieDocument {
  return sieDocumentOfJournal(input, SieJournalOfYear.of(input.year, input.verifikationer));
}

/** {@link sieDocumentOfLedger} of a journal already gathered. */
export function sieDocumentOfJournal(
  input: SieExportInputOfJournal,
  journal: SieJournalOfYear,
): SieDocument {
  const { year, chart } = input;
  assert(journal.year === year, 'the journal gathered is of the year exported', {
    year,
    journalYear: journal.year,
  });
  const hasPreviousYear = journal.hasEarlierYear();
  const balances = [
    ...balancesOfYear(chart, journal, year, 0),
    ...(hasPreviousYear ? balancesOfYear(chart, journal, year - 1, -1) : []),
  ];
  const { verifikationer, finsam } = verifikationerOfYear(journal, input);
  const budgets = budgetRecordsOfYear(input.totals, year);
  const usedAccounts = new Set([
    ...balances.map((balance) => balance.account),
    ...budgets.map((budget) => budget.account),
    ...verifikationer.flatMap((verifikation) =>
      verifikation.transactions.map((row) => row.account),
    ),
  ]);
  const objects = objectsOf([
    ...verifikationer.flatMap((verifikation) =>
      verifikation.transactions.flatMap((row) => row.objects),
    ),
    ...budgets.flatMap((budget) => budget.objects),
  ]);
  const yearRange = (index: number) => ({
    index,
    start: `${year + index}-01-01`,
    end: `${year + index}-12-31`,
  });
  return {
    program: input.program ?? { name: 'finsam-ledger', version: '0.1.0' },
    generated: input.generated,
    sieType: '4',
    companyName: input.companyName,
    ...(input.organisationNumber === undefined
      ? {}
      : { organisationNumber: input.organisationNumber }),
    years: hasPreviousYear ? [yearRange(0), yearRange(-1)] : [yearRange(0)],
    chartType: 'BAS2014',
    accounts: input.chart.accounts
      .filter((account) => usedAccounts.has(account.number))
      .map((account) => ({
        number: account.number,
        name: account.name,
        type: accountTypeOf(account.line),
      })),
    dimensions: sieDimensions.filter((dimension) =>
      objects.some((object) => object.dimension === dimension.number),
    ),
    objects,
    balances,
    budgets,
    ...(input.events === undefined
      ? {}
      : {
          finsamEvents: finsamEventsOfYear(input.events, input.totals, year),
          finsamVerifikationer: finsam,
        }),
    verifikationer,
  };
}

/**
 * The SIE 4E file of a year, as CP437 bytes, checked before it is returned: read back (which
 * checks `#KSUMMA` and that every `#VER` balances), `#UB − #IB` of each balance account equal
 * to its `#TRANS` rows, `#RES` equal to the ledger's resultaträkning line by line. A failed
 * check is a `SieError` `SELF_CHECK_FAILED`: a bug, never the caller's mistake.
 */
export function exportSie(input: SieExportInput): Uint8Array {
  return exportSieOfJournal(input, SieJournalOfYear.of(input.year, input.verifikationer));
}

/** {@link exportSie} of a journal already gathered. */
export function exportSieOfJournal(
  input: SieExportInputOfJournal,
  journal: SieJournalOfYear,
): Uint8Array {
  const bytes = writeSie(sieDocumentOfJournal(input, journal));
  selfCheckExport(bytes, input, incomeColumn(input.totals, input.year));
  return bytes;
}
