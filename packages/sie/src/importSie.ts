import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import { copyEvents } from '@finsam-ledger/core/store';
import {
  createLedger,
  type Chart,
  type EventMetadata,
  type Ledger,
  type LedgerOptions,
  type LedgerError,
  type Verifikation,
} from '@finsam-ledger/core';
import { compareSieWithLedger, type SieComparisonRow } from './compareSieWithLedger.js';
import type { SieEncodingReport } from './encoding.js';
import { sieError, SieError } from './error.js';
import { sieDocumentOfLedger } from './exportSie.js';
import { openingBalanceOfPlan } from './openingBalanceOfPlan.js';
import { planSieImport, sieEventId, sieFileHash, type SieImportPlan } from './planSieImport.js';
import { readSie } from './readSie.js';
import type { SieBudget, SieDocument, SieFile, SieFinsamVerifikation } from './SieFile.js';
import type { SieMapping } from './SieMapping.js';

/** The books an import writes to: createLedger's options (store, förbundId, chart, vocabulary). */
export type SieImportTarget = LedgerOptions;

/** Options of {@link importSie}. */
export interface SieImportOptions {
  readonly mapping: SieMapping;
  /** Who imports, and when: the metadata of every event written. */
  readonly metadata: EventMetadata;
  /** Check everything, write nothing. */
  readonly dryRun?: boolean;
  readonly sizeBytesMax?: number;
}

/** What an import did, and its proof. */
export interface SieImportResult {
  readonly år: number;
  readonly filHash: string;
  readonly encoding: SieEncodingReport;
  readonly verifikationer: number;
  /** True when the first year's `#IB` became the ledger's opening balance. */
  readonly openingBalance: boolean;
  /** Year 0's `#UB` and `#RES` of the file beside the ledger's after the import: all equal. */
  readonly comparison: readonly SieComparisonRow[];
  /** Events written now: 0 on a dry run and when the file was imported before. */
  readonly written: number;
  /**
   * What the file's finsam records carried: the facts SIE has no record for (by event type,
   * in the file's order) and how many `#VER`s brought their open items. Empty for a foreign
   * program's file.
   */
  readonly finsam: {
    readonly facts: readonly string[];
    readonly verifikationerWithOpenItems: number;
  };
}

/** The facts a `#FINSAMHANDELSE` may carry; any other type in a file is refused. */
const finsamFactTypes = [
  'HistoriskaÅrsuppgifterRegistrerade',
  'BudgetFastställd',
  'BudgetÄndrad',
  'PersonalresurserRegistrerade',
  'RäkenskapsårStängt',
] as const;
type FinsamFactType = (typeof finsamFactTypes)[number];

interface PlannedEvent {
  readonly type: 'IngåendeBalansRegistrerad' | 'VerifikationImporterad' | FinsamFactType;
  readonly data: unknown;
  readonly eventId: string;
  readonly line: number | undefined;
}

type PlannedVerifikation = SieImportPlan['verifikationer'][number];

const onlyAccounts = (verifikation: PlannedVerifikation, accounts: readonly string[]): boolean =>
  verifikation.rader.every((rad) => accounts.includes(rad.konto)) &&
  accounts.every((account) => verifikation.rader.some((rad) => rad.konto === account));

/**
 * What a `#VER` is to the ledger. The year's closing entry (årets resultat against its
 * disposition account) becomes the ledger's own `RäkenskapsårStängt`, so that the year is
 * closed and the result is not counted twice in eget kapital; the moving of last year's result
 * into balanserat resultat on 1 January is already booked by that close, so it is left out
 * when the ledger has closed the year before.
 */
function kindOf(
  verifikation: PlannedVerifikation,
  chart: Chart,
  closedYears: ReadonlySet<number>,
  år: number,
): 'closing' | 'carried-forward' | 'booking' {
  const { åretsResultat, åretsResultatDisposition, balanseratResultat } = chart.roles;
  if (onlyAccounts(verifikation, [åretsResultatDisposition, åretsResultat])) return 'closing';
  const carriedForward =
    verifikation.datum === `${år}-01-01` &&
    onlyAccounts(verifikation, [åretsResultat, balanseratResultat]);
  return carriedForward && closedYears.has(år - 1) ? 'carried-forward' : 'booking';
}

async function bookingEvent(
  verifikation: PlannedVerifikation,
  chart: Chart,
  finsam: SieFinsamVerifikation | undefined,
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
    eventId: await sieEventId(verifikation.källa),
    line: verifikation.line,
  };
}

async function closingEvent(
  verifikation: PlannedVerifikation,
  chart: Chart,
  år: number,
): Promise<PlannedEvent> {
  const disposition = verifikation.rader.find(
    (rad) => rad.konto === chart.roles.åretsResultatDisposition,
  )!;
  return {
    type: 'RäkenskapsårStängt',
    data: { år, datum: verifikation.datum, åretsResultat: disposition.belopp.toString() },
    eventId: await sieEventId(verifikation.källa),
    line: verifikation.line,
  };
}

/** What the import books from the file, beside the opening balance and its verifikationer. */
interface BooksBefore {
  readonly withOpening: boolean;
  readonly closedYears: ReadonlySet<number>;
  readonly chart: Chart;
}

/** The `#FINSAMVER` of each `#VER`, by series and number. */
const finsamVerifikationKey = (series: string, number: string): string =>
  `${series}\u0000${number}`;

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
      data: carried?.data ?? openingBalanceOfPlan(plan, books.chart, mapping),
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

async function plannedEvents(
  file: SieFile,
  plan: SieImportPlan,
  books: BooksBefore,
  mapping: SieMapping,
  filHash: string,
): Promise<PlannedEvent[]> {
  const { chart } = books;
  const finsamByVer = new Map(
    (file.finsamVerifikationer ?? []).map((finsam) => [
      finsamVerifikationKey(finsam.series, finsam.number),
      finsam,
    ]),
  );
  const finsamOf = (verifikation: PlannedVerifikation) =>
    finsamByVer.get(finsamVerifikationKey(verifikation.källa.serie, verifikation.källa.nummer));
  const facts = await finsamFacts(file, filHash);
  const carriedClose = facts.filter((fact) => fact.type === 'RäkenskapsårStängt');
  // The ledger's own order where the file gives it: an item is opened before it is settled.
  const ordered = [...plan.verifikationer].sort(
    (left, right) => ledgerOrder(finsamOf(left)) - ledgerOrder(finsamOf(right)),
  );
  const bookings: PlannedEvent[] = [];
  const closings: PlannedEvent[] = [];
  for (const verifikation of ordered) {
    const kind = kindOf(verifikation, chart, books.closedYears, plan.år);
    if (kind === 'booking')
      bookings.push(await bookingEvent(verifikation, chart, finsamOf(verifikation)));
    // The close comes after every booking of the year: a closed year takes no bookings. When
    // the file carries finsam's own close (with its date and text, and also when the result is
    // zero and there is no closing #VER), that close is booked instead.
    if (kind === 'closing' && carriedClose.length === 0)
      closings.push(await closingEvent(verifikation, chart, plan.år));
  }
  return [
    ...(await openingEvents(file, plan, books, mapping, filHash)),
    ...facts.filter((fact) => fact.type !== 'RäkenskapsårStängt'),
    ...bookings,
    ...closings,
    ...carriedClose,
  ];
}

const refusedAt = (event: PlannedEvent, error: LedgerError): SieError =>
  new SieError(
    'IMPORT_REFUSED',
    `The ledger refuses ${event.type}: ${error.code}: ${error.message}`,
    {
      ...(event.line === undefined ? {} : { line: event.line }),
      issues: error.issues.map((issue) => ({ ...issue, path: `${event.type}.${issue.path}` })),
      details: { cause: error.toJSON() },
    },
  );

/** Records the events one by one on a copy of the books: a refusal names the `#VER`'s line. */
async function rehearse(
  target: SieImportTarget,
  events: readonly PlannedEvent[],
  metadata: EventMetadata,
): Promise<Ledger> {
  const copy = getInMemoryEventStore();
  const copied = await copyEvents(target.store, copy);
  if (E.isLeft(copied)) throw copied.left;
  const ledger = createLedger({ ...target, store: copy });
  for (const event of events) {
    const recorded = await ledger.record(event.type, event.data as never, {
      metadata,
      eventId: event.eventId,
    })();
    if (E.isLeft(recorded)) throw refusedAt(event, recorded.left);
  }
  return ledger;
}

/** The proof: the file's `#UB` and `#RES` of year 0 against the ledger's after the import. */
async function prove(ledger: Ledger, file: SieFile, plan: SieImportPlan, mapping: SieMapping) {
  const verifikationer: Verifikation[] = [];
  for await (const verifikation of ledger.verifikationer())
    if (verifikation.år <= plan.år) verifikationer.push(verifikation);
  const document = sieDocumentOfLedger({
    year: plan.år,
    chart: ledger.chart,
    verifikationer,
    totals: await ledger.totals(),
    companyName: '',
    generated: { date: `${plan.år}-12-31` },
  });
  const comparison = compareSieWithLedger(file, mapping, document);
  const differences = comparison.filter((row) => !row.equal);
  if (differences.length > 0)
    throw sieError(
      'IMPORT_PROOF_FAILED',
      `After the import the ledger's balances differ from the file's on ${differences.map((row) => `${row.kind} ${row.konto}`).join(', ')}; nothing was written`,
      { path: '#UB', rule: 'import-proof', details: { differences } },
    );
  proveBudget(file, document);
  return comparison;
}

const budgetRow = (budget: SieBudget): string =>
  [
    budget.period,
    budget.account,
    ...budget.objects.map((object) => `${object.dimension}=${object.id}`),
    budget.amount,
  ].join(' ');

/**
 * When the file carries finsam's budget decisions, the budget they put in force must be the
 * file's `#PBUDGET`, row by row: the decisions and SIE's own budget record tell one story. A
 * foreign program's `#PBUDGET` is read but not booked (it has no decisions behind it).
 */
function proveBudget(file: SieFile, document: SieDocument): void {
  if (!(file.finsamEvents ?? []).some((event) => event.type === 'BudgetFastställd')) return;
  const written = (file.budgets ?? []).filter((budget) => budget.yearIndex === 0).map(budgetRow);
  const booked = (document.budgets ?? []).map(budgetRow);
  const missing = booked.filter((row) => !written.includes(row));
  const extra = written.filter((row) => !booked.includes(row));
  if (missing.length > 0 || extra.length > 0 || written.length !== booked.length)
    throw sieError(
      'IMPORT_PROOF_FAILED',
      `The budget decisions carried put another budget in force than the file's #PBUDGET (${missing.length} rows missing, ${extra.length} other); nothing was written`,
      { path: '#PBUDGET', rule: 'budget-proof', details: { missing, extra } },
    );
}

/**
 * Imports a SIE 4 file into a förbund's books through its mapping: reads it, plans every
 * `#VER` (and, for books not yet opened, the `#IB` as the opening balance), records the plan
 * on a copy of the books, proves that every `#UB` and `#RES` of the file equals the ledger's,
 * and only then writes, all or nothing. The events keep their source, so importing the same
 * file again writes nothing. A refusal is a `SieError` with the file's line.
 */
export async function importSie(
  target: SieImportTarget,
  bytes: Uint8Array,
  options: SieImportOptions,
): Promise<SieImportResult> {
  const file = readSie(
    bytes,
    options.sizeBytesMax === undefined ? {} : { sizeBytesMax: options.sizeBytesMax },
  );
  const filHash = await sieFileHash(bytes);
  const plan = planSieImport(file, options.mapping, filHash);
  const ledger = createLedger(target);
  const totals = await ledger.totals();
  const withOpening = totals.openingYear === undefined;
  const events = await plannedEvents(
    file,
    plan,
    { withOpening, closedYears: totals.closedYears, chart: ledger.chart },
    options.mapping,
    filHash,
  );
  const rehearsed = await rehearse(target, events, options.metadata);
  const comparison = await prove(rehearsed, file, plan, options.mapping);
  let written = 0;
  // A file with nothing to book (a year without verifikationer, in books already open) writes
  // nothing rather than an empty append, which the store refuses.
  if (options.dryRun !== true && events.length > 0) {
    const recorded = await ledger.recordAll(
      events.map((event) => ({
        type: event.type,
        data: event.data as never,
        options: { metadata: options.metadata, eventId: event.eventId },
      })),
    )();
    if (E.isLeft(recorded)) throw recorded.left;
    written = recorded.right.alreadyStored ? 0 : events.length;
  }
  return {
    år: plan.år,
    filHash,
    encoding: file.encoding,
    verifikationer: plan.verifikationer.length,
    openingBalance: withOpening,
    comparison,
    written,
    finsam: {
      facts: (file.finsamEvents ?? []).map((event) => event.type),
      verifikationerWithOpenItems: (file.finsamVerifikationer ?? []).filter(
        (verifikation) => verifikation.openItems.length > 0,
      ).length,
    },
  };
}
