import {
  Money,
  balanceAtEndOf,
  åretsResultat,
  type Chart,
  type LedgerTotals,
} from '@finsam-ledger/core';
import { budgetOfSieFile } from './budgetOfSieFile.js';
import { sieError } from './error.js';
import { openingBalanceOfPlan } from './openingBalanceOfPlan.js';
import { sieEventId, type SieImportPlan, type SieSource } from './planSieImport.js';
import type { SieFile, SieFinsamVerifikation } from './SieFile.js';
import type { SieMapping } from './SieMapping.js';
import { yearEndOfSieImport, type SieYearEnd } from './yearEndOfSieImport.js';

/** The facts a `#FINSAMHANDELSE` may carry; any other type in a file is refused. */
const finsamFactTypes = [
  'HistoriskaÅrsuppgifterRegistrerade',
  'BudgetFastställd',
  'BudgetÄndrad',
  'PersonalresurserRegistrerade',
  'FörvaltningsberättelseRegistrerad',
  'RäkenskapsårStängt',
] as const;
type FinsamFactType = (typeof finsamFactTypes)[number];

/** One event the import records, with the file's line a refusal names. */
export interface PlannedEvent {
  readonly type: 'IngåendeBalansRegistrerad' | 'VerifikationImporterad' | FinsamFactType;
  readonly data: unknown;
  readonly eventId: string;
  readonly line: number | undefined;
  /** The file's line of a refused field (`data.kostnader.3.post`), where it has its own. */
  readonly lineOfPath?: (path: string) => number | undefined;
}

/** What a close of the import is from: a `#VER`, a zero result, the next year's `#IB`, finsam's. */
export type SieCloseSource = 'verifikation' | 'zero-result' | 'opening-balance' | 'finsam';

/** The books before the import, as far as planning it needs them. */
export interface BooksBefore {
  readonly withOpening: boolean;
  readonly totals: LedgerTotals;
  readonly chart: Chart;
}

/** Options of the planning: whether a foreign file's `#PBUDGET` is booked. */
export interface PlanningOptions {
  readonly budget: 'book' | 'skip';
}

/** The events of an import and what it recognised in the file. */
export interface PlannedImport {
  readonly events: readonly PlannedEvent[];
  readonly yearEnd: SieYearEnd;
  readonly closes: readonly { readonly år: number; readonly source: SieCloseSource }[];
  readonly budget:
    { readonly rows: number; readonly booked: boolean; readonly reason?: string } | undefined;
}

type PlannedVerifikation = SieImportPlan['verifikationer'][number];

async function bookingEvent(
  verifikation: PlannedVerifikation,
  chart: Chart,
  finsam: SieFinsamVerifikation | undefined,
  occurrence: number,
): Promise<PlannedEvent> {
  const { serie, nummer } = verifikation.källa;
  const unknown = verifikation.rader.find(
    (rad) => !chart.accounts.some((account) => account.number === rad.konto),
  );
  if (unknown !== undefined)
    throw sieError(
      'UNMAPPED_ACCOUNT',
      `#VER ${serie} ${nummer} books on account ${unknown.konto}, which the chart does not have: map it in the configuration's sie section`,
      {
        ...(verifikation.line === undefined ? {} : { line: verifikation.line }),
        path: '#TRANS.kontonr',
        rule: 'account-in-chart',
        details: { account: unknown.konto },
      },
    );
  return {
    type: 'VerifikationImporterad',
    data: {
      datum: verifikation.datum,
      text: verifikation.text.trim() === '' ? `Verifikation ${serie} ${nummer}` : verifikation.text,
      källa: verifikation.källa,
      rader: verifikation.rader.map((rad) => ({ ...rad, belopp: rad.belopp.toString() })),
      ...(finsam === undefined || finsam.openItems.length === 0
        ? {}
        : { öppnaPoster: finsam.openItems }),
    },
    eventId: await sieEventId(verifikation.källa, occurrence),
    line: verifikation.line,
  };
}

/**
 * The place of each source the import books by (its verifikationer, and a close that stood in a
 * `#VER` alone), in file order, among those of the same series and number, which
 * {@link sieEventId} tells them apart by: 1 but for a repeat, a `#VER` leaving its number empty
 * (an import file leaving the numbering to the program reading it) or repeating one (BL
 * Administration numbers each month's depreciation `# 1`). Counted over what is booked, so a
 * file whose sources were distinct, as every file an earlier import took, keeps its ids.
 */
function occurrencesOf(yearEnd: SieYearEnd): Map<SieSource, number> {
  const sources = yearEnd.verifikationer.map(({ källa, line }) => ({ källa, line }));
  const close = yearEnd.close;
  if (close?.källa !== undefined && closeStandsAlone(yearEnd))
    sources.push({ källa: close.källa, line: close.line });
  sources.sort((left, right) => (left.line ?? 0) - (right.line ?? 0));
  const counts = new Map<string, number>();
  const occurrences = new Map<SieSource, number>();
  for (const { källa } of sources) {
    const key = seriesAndNumberKey(källa.serie, källa.nummer);
    const occurrence = (counts.get(key) ?? 0) + 1;
    counts.set(key, occurrence);
    occurrences.set(källa, occurrence);
  }
  return occurrences;
}

/** True when the year's close came from a `#VER` that held it alone (none of its rows booked). */
const closeStandsAlone = (yearEnd: SieYearEnd): boolean =>
  !yearEnd.verifikationer.some((verifikation) => verifikation.källa === yearEnd.close?.källa);

/** A `#VER`'s series and number as one key: what repeats count by and `#FINSAMVER`s join by. */
const seriesAndNumberKey = (series: string, number: string): string => `${series}\u0000${number}`;

/** The ledger's number of a `#FINSAMVER` (`2022-12` → 12), for the order of booking. */
const ledgerOrder = (finsam: SieFinsamVerifikation | undefined): number =>
  finsam === undefined ? 0 : Number(finsam.ledgerNumber.split('-')[1] ?? 0);

/** The opening balance: finsam's own (with its open items) when the file has it, else `#IB`'s. */
async function openingEvents(
  file: SieFile,
  plan: SieImportPlan,
  books: BooksBefore,
  mapping: SieMapping,
  filHash: string,
): Promise<PlannedEvent[]> {
  if (!books.withOpening) return [];
  const carried = file.finsamEvents?.find((event) => event.type === 'IngåendeBalansRegistrerad');
  return [
    {
      type: 'IngåendeBalansRegistrerad',
      data: carried?.data ?? openingBalanceOfPlan(plan, books.chart, mapping, file),
      eventId: await sieEventId({ filHash, serie: '#IB', nummer: String(plan.år) }),
      line: carried?.line,
    },
  ];
}

/**
 * finsam's own facts of the file other than the opening balance (budget decisions, staffing,
 * years before the books, and the year's close), in the file's order, each with an id of the
 * file and its place in it.
 */
async function finsamFacts(file: SieFile, filHash: string): Promise<PlannedEvent[]> {
  const facts: PlannedEvent[] = [];
  for (const [index, event] of (file.finsamEvents ?? []).entries()) {
    if (event.type === 'IngåendeBalansRegistrerad') continue;
    const type = finsamFactTypes.find((candidate) => candidate === event.type);
    if (type === undefined)
      throw sieError(
        'INVALID_FIELD',
        `#FINSAMHANDELSE ${event.type} is not a fact the import carries (${finsamFactTypes.join(', ')})`,
        {
          ...(event.line === undefined ? {} : { line: event.line }),
          path: '#FINSAMHANDELSE.typ',
          rule: 'carried-fact',
        },
      );
    facts.push({
      type,
      data: event.data,
      eventId: await sieEventId({ filHash, serie: '#FINSAMHANDELSE', nummer: String(index) }),
      line: event.line,
    });
  }
  return facts;
}

/**
 * Last year's close, when the ledger has last year open and this file's `#IB` shows it closed:
 * its eget kapital at 1 January is the ledger's at last year's end with last year's result in
 * it. A year closed with a zero result books no closing `#VER`, so its own file cannot show
 * the close; the next year's opening balances do.
 */
async function lastYearsClose(
  plan: SieImportPlan,
  books: BooksBefore,
  filHash: string,
): Promise<PlannedEvent | undefined> {
  const { totals, chart } = books;
  const last = plan.år - 1;
  const opened = totals.openingYear;
  if (books.withOpening || opened === undefined || last < opened || totals.closedYears.has(last))
    return undefined;
  // A file without #IB says nothing of last year: its empty equity is no evidence of a close.
  if (plan.ingåendeBalans.size === 0) return undefined;
  const result = åretsResultat(totals, last) ?? Money.zero;
  const equityAtEnd = balanceAtEndOf(totals, last, ['eget-kapital']);
  const equityAccounts = new Set(
    chart.accounts.filter((account) => account.line === 'eget-kapital').map((a) => a.number),
  );
  const equityInFile = Money.sum(
    [...plan.ingåendeBalans].filter(([konto]) => equityAccounts.has(konto)).map(([, b]) => b),
  );
  if (!equityInFile.equals(equityAtEnd.minus(result))) return undefined;
  return {
    type: 'RäkenskapsårStängt',
    data: { år: last, datum: `${last}-12-31`, åretsResultat: result.toString() },
    eventId: await sieEventId({ filHash, serie: '#IB', nummer: `${plan.år} stänger ${last}` }),
    line: undefined,
  };
}

/** The year's close found in a foreign file, as `RäkenskapsårStängt`. */
async function closeEvent(
  yearEnd: SieYearEnd,
  år: number,
  filHash: string,
  occurrences: ReadonlyMap<SieSource, number>,
): Promise<PlannedEvent | undefined> {
  const close = yearEnd.close;
  if (close === undefined) return undefined;
  // A #VER that held the close alone keeps its id (earlier imports booked the close by it);
  // one whose other rows are booked gives the close an id of its own.
  const alone = closeStandsAlone(yearEnd);
  const source =
    close.källa === undefined
      ? { filHash, serie: '#RES', nummer: `${år} bokslut` }
      : alone
        ? close.källa
        : { ...close.källa, nummer: `${close.källa.nummer} bokslut` };
  return {
    type: 'RäkenskapsårStängt',
    data: { år, datum: close.datum, åretsResultat: close.åretsResultat.toString() },
    eventId: await sieEventId(source, occurrences.get(source) ?? 1),
    line: close.line,
  };
}

/** A foreign file's `#PBUDGET` as the year's `BudgetFastställd`, unless skipped or there. */
async function budgetEvent(
  file: SieFile,
  plan: SieImportPlan,
  books: BooksBefore,
  mapping: SieMapping,
  filHash: string,
  options: PlanningOptions,
): Promise<{ event: PlannedEvent | undefined; budget: PlannedImport['budget'] }> {
  const rows = (file.budgets ?? []).filter((budget) => budget.yearIndex === 0).length;
  if (rows === 0) return { event: undefined, budget: undefined };
  if (options.budget === 'skip')
    return { event: undefined, budget: { rows, booked: false, reason: 'skipped as asked' } };
  const budget = budgetOfSieFile(file, mapping, plan.år, books.chart);
  if (budget === undefined) return { event: undefined, budget: undefined };
  const eventId = await sieEventId({ filHash, serie: '#PBUDGET', nummer: String(plan.år) });
  const decisions = books.totals.budgets.get(plan.år) ?? [];
  if (decisions.length > 0)
    return {
      event: undefined,
      budget: { rows, booked: false, reason: `the books already have a budget for ${plan.år}` },
    };
  const lineOfPath = (path: string): number | undefined => {
    const [, list, index] = /^data\.(kostnader|intäkter)\.(\d+)/.exec(path) ?? [];
    if (index === undefined) return undefined;
    return (list === 'kostnader' ? budget.costLines : budget.incomeLines)[Number(index)];
  };
  return {
    event: {
      type: 'BudgetFastställd',
      data: budget.data,
      eventId,
      line: (file.budgets ?? []).find((row) => row.yearIndex === 0)?.line,
      lineOfPath,
    },
    budget: { rows: budget.rows, booked: true },
  };
}

/**
 * The year's close to book, and every close of the import with what showed it. The close comes
 * after every booking of the year (a closed year takes no bookings). finsam's own close (with
 * its date and text) wins; a zero result is inferred only for a foreign file.
 */
async function closesOf(
  yearEnd: SieYearEnd,
  carriedClose: readonly PlannedEvent[],
  previous: PlannedEvent | undefined,
  foreign: boolean,
  år: number,
  filHash: string,
  occurrences: ReadonlyMap<SieSource, number>,
): Promise<{ close: PlannedEvent | undefined; closes: PlannedImport['closes'] }> {
  const found = await closeEvent(yearEnd, år, filHash, occurrences);
  const inferred = yearEnd.close !== undefined && yearEnd.close.källa === undefined;
  const close = carriedClose.length > 0 || (inferred && !foreign) ? undefined : found;
  const closes: PlannedImport['closes'] = [
    ...(previous === undefined ? [] : [{ år: år - 1, source: 'opening-balance' as const }]),
    ...(close === undefined
      ? []
      : [{ år, source: inferred ? ('zero-result' as const) : ('verifikation' as const) }]),
    ...(carriedClose.length === 0 ? [] : [{ år, source: 'finsam' as const }]),
  ];
  return { close, closes };
}

/**
 * Every event an import of `file` records, in order: last year's close when the file's `#IB`
 * shows it, the opening balance, finsam's facts (or a foreign file's budget), the year's
 * verifikationer (in the ledger's order where the file gives it), and the year's close last.
 */
export async function plannedSieEvents(
  file: SieFile,
  plan: SieImportPlan,
  books: BooksBefore,
  mapping: SieMapping,
  filHash: string,
  options: PlanningOptions,
): Promise<PlannedImport> {
  const { chart } = books;
  const finsamByVer = new Map(
    (file.finsamVerifikationer ?? []).map((finsam) => [
      seriesAndNumberKey(finsam.series, finsam.number),
      finsam,
    ]),
  );
  const finsamOf = (verifikation: PlannedVerifikation) =>
    finsamByVer.get(seriesAndNumberKey(verifikation.källa.serie, verifikation.källa.nummer));
  const foreign = (file.finsamEvents ?? []).length === 0;
  const facts = await finsamFacts(file, filHash);
  const previous = foreign ? await lastYearsClose(plan, books, filHash) : undefined;
  const yearEnd = yearEndOfSieImport(file, plan, chart, {
    // Books opened with this year (now, or by an earlier import of the file) carry last year's
    // result in their opening balance.
    opensBooks: books.withOpening || books.totals.openingYear === plan.år,
    closedLastYear: previous !== undefined || books.totals.closedYears.has(plan.år - 1),
  });
  // The ledger's own order where the file gives it: an item is opened before it is settled.
  const ordered = [...yearEnd.verifikationer].sort(
    (left, right) => ledgerOrder(finsamOf(left)) - ledgerOrder(finsamOf(right)),
  );
  const occurrences = occurrencesOf(yearEnd);
  const bookings: PlannedEvent[] = [];
  for (const verifikation of ordered) {
    const occurrence = occurrences.get(verifikation.källa) ?? 1;
    bookings.push(await bookingEvent(verifikation, chart, finsamOf(verifikation), occurrence));
  }
  const carriedClose = facts.filter((fact) => fact.type === 'RäkenskapsårStängt');
  const { close, closes } = await closesOf(
    yearEnd,
    carriedClose,
    previous,
    foreign,
    plan.år,
    filHash,
    occurrences,
  );
  const { event: budget, budget: budgetOutcome } = foreign
    ? await budgetEvent(file, plan, books, mapping, filHash, options)
    : { event: undefined, budget: undefined };
  return {
    events: [
      ...(previous === undefined ? [] : [previous]),
      ...(await openingEvents(file, plan, books, mapping, filHash)),
      ...facts.filter((fact) => fact.type !== 'RäkenskapsårStängt'),
      ...(budget === undefined ? [] : [budget]),
      ...bookings,
      ...(close === undefined ? [] : [close]),
      ...carriedClose,
    ],
    yearEnd,
    closes,
    budget: budgetOutcome,
  };
}
