import * as E from 'fp-ts/Either';
import { getStagedEventStore } from '@finsam-ledger/core/store';
import {
  bookkeepingCatalog,
  createLedger,
  isStoreFailureError,
  Money,
  type Chart,
  type EventMetadata,
  type Ledger,
  type LedgerOptions,
  type LedgerError,
  type Verifikation,
} from '@finsam-ledger/core';
import {
  compareSieOpeningWithLedger,
  compareSieWithLedger,
  type SieComparisonAdjustment,
  type SieComparisonRow,
} from './compareSieWithLedger.js';
import type { SieEncodingReport } from './encoding.js';
import { refuseSieErrors, sieError, SieError } from './error.js';
import { sieDocumentOfLedger } from './exportSie.js';
import { keepEarlierImports } from './keepEarlierImports.js';
import { plannedSieEvents, type PlannedEvent, type SieCloseSource } from './plannedSieEvents.js';
import { planSieImport, sieFileHash, type SieImportPlan } from './planSieImport.js';
import {
  proofBalancesOfSieFile,
  sieProofBasis,
  type SieProofBasis,
} from './proofBalancesOfSieFile.js';
import { readSie } from './readSie.js';
import type { SieBudget, SieDocument, SieFile } from './SieFile.js';
import type { SieMapping } from './SieMapping.js';
import type { SieYearEnd } from './yearEndOfSieImport.js';

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
  /**
   * A foreign program's `#PBUDGET` of year 0: booked as the year's `BudgetFastställd`
   * (`'book'`, the default), or read and left out (`'skip'`, said in the result's `budget`).
   */
  readonly budget?: 'book' | 'skip';
  /**
   * The förbund's organisationsnummer (`NNNNNN-NNNN`): a file whose `#ORGNR` names another
   * organisation is refused (`OTHER_ORGANISATION`) before anything is planned. Left out, or a
   * file without `#ORGNR`, and nothing is compared.
   */
  readonly organisationsnummer?: string;
}

/** Refuses a file that is another organisation's books than the förbund's. */
function checkSameOrganisation(file: SieDocument, organisationsnummer: string | undefined): void {
  // A twelve-digit form with the century prefix 16 (`16222000-0000`) is the same number.
  const digits = (value: string) => value.replace(/\D/g, '').replace(/^16(\d{10})$/, '$1');
  const named = file.organisationNumber === undefined ? '' : digits(file.organisationNumber);
  if (organisationsnummer === undefined || named === '') return;
  if (named === digits(organisationsnummer)) return;
  throw sieError(
    'OTHER_ORGANISATION',
    `The file is the books of ${file.companyName} (#ORGNR ${file.organisationNumber}), not of the förbund (${organisationsnummer}): import a file from the förbund's own books`,
    { path: '#ORGNR', rule: 'same-organisation-as-configuration' },
  );
}

/** What an import did, and its proof. */
export interface SieImportResult {
  readonly år: number;
  readonly filHash: string;
  readonly encoding: SieEncodingReport;
  readonly verifikationer: number;
  /** True when the first year's `#IB` became the ledger's opening balance. */
  readonly openingBalance: boolean;
  /**
   * Year 0's `#UB` and `#RES` of the file beside the ledger's after the import (and, for books
   * already open, its `#IB` beside their balances on 1 January): all equal.
   */
  readonly comparison: readonly SieComparisonRow[];
  /**
   * Events written now: 0 on a dry run, when the file was imported before, and when it holds
   * nothing to book ({@link SieImportResult.nothingToBook}).
   */
  readonly written: number;
  /**
   * True when the file adds nothing to these books (a year of balances without verifikationer,
   * into books already open): its proof that the books agree is all it gives.
   */
  readonly nothingToBook: boolean;
  /**
   * What the file's finsam records carried: the facts SIE has no record for (by event type,
   * in the file's order) and how many `#VER`s brought their open items. Empty for a foreign
   * program's file.
   */
  readonly finsam: {
    readonly facts: readonly string[];
    readonly verifikationerWithOpenItems: number;
  };
  /**
   * The years the import closed and what showed each close: the year's closing `#VER`
   * (`verifikation`), a zero result in a file written after the year (`zero-result`), last
   * year's result in this file's opening eget kapital (`opening-balance`), finsam's own record.
   */
  readonly closes: readonly { readonly år: number; readonly source: SieCloseSource }[];
  /**
   * Last year's result in the file's `#IB` of årets resultat, which the ledger carried into
   * balanserat resultat on 1 January, and the `#VER` whose rows carried it in the file (left
   * out, so it is not counted twice); without one, the proof's `adjusted` rows move it.
   */
  readonly lastYearsResult?: { readonly amount: string; readonly carriedBy?: string };
  /** A foreign file's `#PBUDGET` of year 0: how many rows, and whether it was booked. */
  readonly budget?: { readonly rows: number; readonly booked: boolean; readonly reason?: string };
  /** What the proof compared the ledger with: the file's `#UB`/`#RES`, or `#IB` and the rows. */
  readonly proofBasis: SieProofBasis;
}

/**
 * What to do when the opening balance's items land on a post the förbund does not declare: the
 * import opens the upplupna kostnader of the file's `#IB` as an item on the *Ej fördelat*
 * placement (post "Ingående balans" of administrativa unless the mapping's `ejFördelat` names
 * another), and a förbund's own posts rarely hold that one. The hint names the placement the
 * item carried, so the user sees which post to declare.
 */
function openingPostHint(event: PlannedEvent, error: LedgerError): string {
  if (event.type !== 'IngåendeBalansRegistrerad') return '';
  const itemIndex = error.issues
    .filter((issue) => issue.rule === 'declared-post')
    .map((issue) => /^data\.öppnaPoster\.(\d+)\.post$/.exec(issue.path)?.[1])
    .find((index) => index !== undefined);
  if (itemIndex === undefined) return '';
  const items = (event.data as { öppnaPoster?: readonly Record<string, unknown>[] }).öppnaPoster;
  const item = items?.[Number(itemIndex)];
  const placement = `${String(item?.område)} / ${String(item?.post)}`;
  return `. The file's #IB opens its upplupna kostnader as an item on the Ej fördelat placement (${placement}): declare that post in poster, or give the mapping's ejFördelat (sie.ejFördelat in forbund.json) dimensioner with an område and post the förbund declares`;
}

const refusedAt = (event: PlannedEvent, error: LedgerError): SieError => {
  // A refused budget line is named by its own #PBUDGET line, where the event knows it.
  const line =
    error.issues
      .map((issue) => event.lineOfPath?.(issue.path))
      .find((found) => found !== undefined) ?? event.line;
  return new SieError(
    'IMPORT_REFUSED',
    `The ledger refuses ${event.type}: ${error.code}: ${error.message}${openingPostHint(event, error)}`,
    {
      ...(line === undefined ? {} : { line }),
      issues: error.issues.map((issue) => ({ ...issue, path: `${event.type}.${issue.path}` })),
      details: { cause: error.toJSON() },
    },
  );
};

/**
 * What can be told of each planned event alone: its data and id are what its event's schema
 * takes (a text with a personnummer, a text too long, a dimension of the wrong form). Every
 * `#VER` that fails is named at once, as one refusal with each event's issues (their messages
 * start with the event's line); a single one is refused as the rehearsal would refuse it. Run
 * only once the rehearsal refuses an event: the rehearsal checks each event with the same
 * schema, so a file it records has none to name, and is not validated a second time.
 */
function refuseMalformedEvents(events: readonly PlannedEvent[], metadata: EventMetadata): void {
  const refused: SieError[] = [];
  for (const event of events) {
    const created = bookkeepingCatalog.create(event.type, event.data, {
      metadata,
      eventId: event.eventId,
    });
    if (E.isLeft(created)) {
      // The metadata is the import's (who imports), the same for every event: refused once.
      if (created.left.issues.every((issue) => issue.path.startsWith('metadata')))
        throw new SieError(
          'IMPORT_REFUSED',
          `The ledger refuses the import's metadata: ${created.left.code}: ${created.left.message}`,
          { issues: created.left.issues, details: { cause: created.left.toJSON() } },
        );
      refused.push(refusedAt(event, created.left));
    }
  }
  refuseSieErrors(
    'IMPORT_REFUSED',
    refused,
    `The ledger refuses ${refused.length} events of the file`,
  );
}

/**
 * Refuses a file with no `#IB`, `#UB` or `#RES` of year 0 (a SIE 4I of transactions only): nothing
 * in it says where the books stand, so no import of it can be proved. (Into books not opened, the
 * missing `#IB` is refused before.) Proving its rows against the books apart from them would
 * prove nothing: an overlapping export booked twice would pass.
 */
function refuseFileWithoutBalances(file: SieFile, år: number): void {
  if (file.balances.some((balance) => balance.yearIndex === 0)) return;
  throw sieError(
    'IMPORT_REFUSED',
    `The file has no #IB, #UB or #RES of ${år}, only verifikationer: nothing in it says where the books stand, so an import of it cannot be proved and nothing was written. Export the year with its balances (SIE 4E, or 4I with #IB, #UB and #RES) and import that`,
    { path: '#UB', rule: 'balances-required' },
  );
}

/**
 * finsam's export of a year after the books' first carries no opening balance event, and a
 * non-zero `#IB`: its verifikationer may settle the items the years before opened, by the ids
 * those years gave them, so it imports onto books that hold those years, never onto empty ones
 * (its `#IB` would open each item anew under another id, and a settlement would be refused as
 * of no open item).
 */
function refuseLaterFinsamYearOnEmptyBooks(file: SieFile, år: number, withOpening: boolean): void {
  const finsam = file.finsamEvents ?? [];
  const ofFinsam = finsam.length > 0 || (file.finsamVerifikationer ?? []).length > 0;
  if (!withOpening || !ofFinsam) return;
  if (finsam.some((event) => event.type === 'IngåendeBalansRegistrerad')) return;
  // Books opened at a first booking export their first year with every #IB zero.
  const opensAtZero = file.balances.every(
    (balance) =>
      balance.kind !== 'IB' || balance.yearIndex !== 0 || Money.from(balance.amount).isZero(),
  );
  if (opensAtZero) return;
  throw sieError(
    'IMPORT_REFUSED',
    `The file is finsam's export of ${år}, a year after the books' first: its verifikationer may settle items the years before opened, by their ids, and these books hold none of them. Import the export of the books' first year first (it carries their opening balance), then each year after it in order; nothing was written`,
    { path: '#FINSAMHANDELSE', rule: 'finsam-years-in-order' },
  );
}

/** The refusals of a file as a whole, before any of its events is tried on the books. */
function refuseFileThatCannotOpen(file: SieFile, år: number, withOpening: boolean): void {
  refuseLaterFinsamYearOnEmptyBooks(file, år, withOpening);
  refuseFileWithoutBalances(file, år);
}

/**
 * Records the events one by one on the books staged (their events read from the store, the
 * import's kept in memory; see `getStagedEventStore`): a refusal names the `#VER`'s line, or,
 * when any event's own data is refused, every such event at once (before a rule of the books
 * that may follow from them). Returns the ledger on the staged books and the events as
 * recorded, with an earlier import's `VerifikationImporterad` kept as stored (see
 * {@link keepEarlierImports}).
 */
async function rehearse(
  target: SieImportTarget,
  planned: readonly PlannedEvent[],
  metadata: EventMetadata,
): Promise<{ readonly ledger: Ledger; readonly events: readonly PlannedEvent[] }> {
  // What the file alone gets wrong is named before what the store does.
  const events = await keepEarlierImports(target.store, planned, metadata).catch(
    (thrown: unknown) => {
      refuseMalformedEvents(planned, metadata);
      throw thrown;
    },
  );
  const ledger = createLedger(target);
  for (const event of events) {
    const recorded = await ledger.record(event.type, event.data as never, {
      metadata,
      eventId: event.eventId,
    })();
    if (E.isLeft(recorded)) {
      refuseMalformedEvents(events, metadata);
      // A store that cannot be read is no refusal of the event being rehearsed.
      throw isStoreFailureError(recorded.left) ? recorded.left : refusedAt(event, recorded.left);
    }
  }
  return { ledger, events };
}

/**
 * The import rehearsed on the books staged, then proved there (see {@link rehearse} and
 * {@link prove}); the real store is not written. Returns the events to write and the proof.
 */
async function rehearseAndProve(
  target: SieImportTarget,
  planned: readonly PlannedEvent[],
  metadata: EventMetadata,
  proof: (ledger: Ledger) => Promise<readonly SieComparisonRow[]>,
): Promise<{
  readonly events: readonly PlannedEvent[];
  readonly comparison: readonly SieComparisonRow[];
}> {
  const staged = getStagedEventStore(target.store);
  try {
    const rehearsed = await rehearse({ ...target, store: staged }, planned, metadata);
    return { events: rehearsed.events, comparison: await proof(rehearsed.ledger) };
  } finally {
    await staged.close();
  }
}

/** The proof: the file's `#UB` and `#RES` of year 0 against the ledger's after the import. */
async function prove(
  ledger: Ledger,
  file: SieFile,
  plan: SieImportPlan,
  mapping: SieMapping,
  adjustments: readonly SieComparisonAdjustment[],
  booksWereOpen: boolean,
) {
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
  // Books already open must be where the file starts: its #IB is their balance on 1 January.
  const opening = booksWereOpen
    ? compareSieOpeningWithLedger(plan.ingåendeBalans, document, ledger.chart.roles)
    : [];
  const comparison = [
    ...opening,
    ...compareSieWithLedger(
      { balances: proofBalancesOfSieFile(file).balances },
      mapping,
      document,
      adjustments,
    ),
  ];
  const differences = comparison.filter((row) => !row.equal);
  if (differences.length > 0)
    throw sieError(
      'IMPORT_PROOF_FAILED',
      `After the import the ledger's balances differ from the file's on ${differences.map((row) => `${row.kind} ${row.konto}`).join(', ')}; nothing was written`,
      {
        path: differences.some((row) => row.kind === 'IB') ? '#IB' : '#UB',
        rule: 'import-proof',
        details: { differences },
      },
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
 * Last year's result that the file still has in årets resultat while the ledger carried it into
 * balanserat resultat on 1 January: the proof moves it likewise on the file's side.
 */
function carriedResultAdjustments(yearEnd: SieYearEnd, chart: Chart): SieComparisonAdjustment[] {
  const amount = yearEnd.lastYearsResult;
  if (amount === undefined || yearEnd.carriedBy !== undefined) return [];
  return [
    { kind: 'UB', konto: chart.roles.åretsResultat, amount: amount.negated() },
    { kind: 'UB', konto: chart.roles.balanseratResultat, amount },
  ];
}

/**
 * Writes the events in one atomic append; 0 when the file was imported before. A file with
 * nothing to book (a year without verifikationer, in books already open) writes nothing rather
 * than an empty append, which the store refuses.
 */
async function write(
  ledger: Ledger,
  events: readonly PlannedEvent[],
  metadata: EventMetadata,
): Promise<number> {
  if (events.length === 0) return 0;
  const recorded = await ledger.recordAll(
    events.map((event) => ({
      type: event.type,
      data: event.data as never,
      options: { metadata, eventId: event.eventId },
    })),
  )();
  if (E.isLeft(recorded)) throw recorded.left;
  return recorded.right.alreadyStored ? 0 : events.length;
}

/** The result's `lastYearsResult`, when the file carries last year's result. */
const lastYearsResultOf = (yearEnd: SieYearEnd) =>
  yearEnd.lastYearsResult === undefined
    ? {}
    : {
        lastYearsResult: {
          amount: yearEnd.lastYearsResult.toString(),
          ...(yearEnd.carriedBy === undefined
            ? {}
            : { carriedBy: `${yearEnd.carriedBy.serie} ${yearEnd.carriedBy.nummer}` }),
        },
      };

/**
 * Imports a SIE 4 file into a förbund's books through its mapping: reads it, plans every
 * `#VER` (and, for books not yet opened, the `#IB` as the opening balance), records the plan
 * on the books staged (nothing written), proves that every `#UB` and `#RES` of the file equals
 * the ledger's, and only then writes, all or nothing. The events keep their source, so importing
 * the same file again writes nothing. A refusal is a `SieError` with the file's line.
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
  checkSameOrganisation(file, options.organisationsnummer);
  const filHash = await sieFileHash(bytes);
  const ledger = createLedger(target);
  // A foreign program's #PBUDGET is booked through the mapping unless skipped; finsam's own is
  // compared with the budget decisions it carries, account by account.
  const foreign = (file.finsamEvents ?? []).length === 0;
  const totals = await ledger.totals();
  const withOpening = totals.openingYear === undefined;
  const plan = planSieImport(file, options.mapping, filHash, {
    chart: ledger.chart,
    budget: foreign && options.budget !== 'skip',
    opening: withOpening,
  });
  const planned = await plannedSieEvents(
    file,
    plan,
    { withOpening, totals, chart: ledger.chart },
    options.mapping,
    filHash,
    { budget: options.budget ?? 'book' },
  );
  const { yearEnd } = planned;
  refuseFileThatCannotOpen(file, plan.år, withOpening);
  const { events, comparison } = await rehearseAndProve(
    target,
    planned.events,
    options.metadata,
    (rehearsed) =>
      prove(
        rehearsed,
        file,
        plan,
        options.mapping,
        carriedResultAdjustments(yearEnd, ledger.chart),
        !withOpening,
      ),
  );
  const written = options.dryRun === true ? 0 : await write(ledger, events, options.metadata);
  return {
    år: plan.år,
    filHash,
    encoding: file.encoding,
    verifikationer: plan.verifikationer.length,
    openingBalance: withOpening,
    comparison,
    written,
    nothingToBook: events.length === 0,
    finsam: {
      facts: (file.finsamEvents ?? []).map((event) => event.type),
      verifikationerWithOpenItems: (file.finsamVerifikationer ?? []).filter(
        (verifikation) => verifikation.openItems.length > 0,
      ).length,
    },
    closes: planned.closes,
    ...lastYearsResultOf(yearEnd),
    ...(planned.budget === undefined ? {} : { budget: planned.budget }),
    proofBasis: sieProofBasis(file),
  };
}
