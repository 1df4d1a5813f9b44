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
import type { SieFile } from './SieFile.js';
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
}

interface PlannedEvent {
  readonly type: 'IngåendeBalansRegistrerad' | 'VerifikationImporterad' | 'RäkenskapsårStängt';
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

async function plannedEvents(
  plan: SieImportPlan,
  books: {
    readonly withOpening: boolean;
    readonly closedYears: ReadonlySet<number>;
    readonly chart: Chart;
  },
  mapping: SieMapping,
  filHash: string,
): Promise<PlannedEvent[]> {
  const { chart } = books;
  const opening: PlannedEvent[] = books.withOpening
    ? [
        {
          type: 'IngåendeBalansRegistrerad',
          data: openingBalanceOfPlan(plan, chart, mapping),
          eventId: await sieEventId({ filHash, serie: '#IB', nummer: String(plan.år) }),
          line: undefined,
        },
      ]
    : [];
  const bookings: PlannedEvent[] = [];
  const closings: PlannedEvent[] = [];
  for (const verifikation of plan.verifikationer) {
    const kind = kindOf(verifikation, chart, books.closedYears, plan.år);
    if (kind === 'booking') bookings.push(await bookingEvent(verifikation, chart));
    // The close comes after every booking of the year: a closed year takes no bookings.
    if (kind === 'closing') closings.push(await closingEvent(verifikation, chart, plan.år));
  }
  return [...opening, ...bookings, ...closings];
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
  return comparison;
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
    plan,
    { withOpening, closedYears: totals.closedYears, chart: ledger.chart },
    options.mapping,
    filHash,
  );
  const rehearsed = await rehearse(target, events, options.metadata);
  const comparison = await prove(rehearsed, file, plan, options.mapping);
  let written = 0;
  if (options.dryRun !== true) {
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
  };
}
