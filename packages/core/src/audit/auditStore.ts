import { bookkeepingCatalog, bookkeepingStreamId } from '../bookkeeping/bookkeepingCatalog.js';
import type { BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import { createBookkeepingDecider } from '../bookkeeping/bookkeepingDecider.js';
import type { BookkeepingState } from '../bookkeeping/BookkeepingState.js';
import { defaultChart, type Chart } from '../bookkeeping/ChartOfAccounts.js';
import { VerifikationNumbering } from '../bookkeeping/postingFold.js';
import { withVocabulary, type RecordingVocabulary } from '../bookkeeping/recordingVocabulary.js';
import { imbalanceOf, imbalanceText, verifikationsnummer } from '../bookkeeping/Verifikation.js';
import { toLedgerError } from '../error.js';
import { participantCatalog } from '../participants/participantCatalog.js';
import { participantDecider } from '../participants/participantDecider.js';
import { participantStreamId } from '../participants/participantStreamId.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import type { EventStore } from '../store/EventStore.js';
import { ledgerTotalsProjection, type LedgerTotals } from '../statements/LedgerTotals.js';
import { placeOf, type AuditFinding } from './AuditFinding.js';
import { auditStream, recordedAtDriftMsMaxDefault, type StreamUnderAudit } from './auditStream.js';
import {
  auditedYears,
  checkYearInvariants,
  type AuditedYear,
  type ClosingStatement,
} from './checkYearInvariants.js';
import { intactPartOfChain, tailWarnings } from './chainVerdict.js';
import { eventsBefore, intactEventCount } from './intactPart.js';
import { LateRegistrations, registrationDeadlineDaysDefault } from './registeredLate.js';

/**
 * What a store's own integrity check found: the shape of the file store's `verify` report
 * (`VerifyReport` of `@finsam-ledger/adapter-file`), so that it can be handed over as it is.
 */
export interface ChainReport {
  readonly ok: boolean;
  /**
   * When the store was created (the file store's header): events stamped before it got their
   * `storedAt` from a clock the writer was given, and the audit warns.
   */
  readonly createdAt?: string;
  readonly eventCount: number;
  readonly head: { readonly eventCount: number; readonly hash: string };
  readonly problem?: {
    readonly kind: string;
    readonly message: string;
    readonly lineNumber?: number;
    readonly eventId?: string;
    readonly position?: number;
    /** The record at the damage, when its line decoded: what it says of itself. */
    readonly record?: {
      readonly streamId: string;
      readonly streamRevision: number;
      readonly type: string;
    };
  };
  /**
   * An append at the end of the file that never completed (a crash, or a copy taken while it was
   * being written): its events are not in the store. The file store's `tornTail`.
   */
  readonly tornTail?: {
    readonly offsetBytes: number;
    readonly lineNumber: number;
    /** The batch being written, when at least one of its records is complete. */
    readonly incompleteBatch?: {
      readonly streamId: string;
      readonly firstPosition: number;
      readonly firstEventId: string;
      readonly recordCount: number;
      readonly batchSize: number;
    };
    readonly partialLineBytes: number;
  };
  /** Zeros after the last record (a writer's preallocated space): the file store's `unusedTail`. */
  readonly unusedTail?: { readonly offsetBytes: number; readonly sizeBytes: number };
}

/** Limits of an audit. */
export const auditLimits = {
  /** Findings kept in the report; more are counted, not kept. */
  findingsMax: 1000,
} as const;

/** Options of {@link auditStore}. */
export interface AuditStoreOptions {
  readonly store: EventStore;
  readonly förbundId: string;
  /** The chart the books were recorded with; the BAS-style default when left out. */
  readonly chart?: Chart;
  /** The names recording accepts, as the ledger was created with. */
  readonly vocabulary?: RecordingVocabulary;
  /**
   * The store's integrity check, done by the caller because only the adapter knows how (the
   * file store's `verify`, with an expected head when the auditor has one). Left out: the audit
   * says it has no chain to check.
   */
  readonly chain?: ChainReport;
  /**
   * How far an event's `recordedAt` (the writer's clock) may be from its `storedAt` (the
   * store's) before the audit warns; 24 hours when left out. Events without a stamp are not
   * checked.
   */
  readonly recordedAtDriftMsMax?: number;
  /**
   * How many days after the end of the month of its datum a business event (an invoice or a
   * payment; not a bokslut entry, an opening balance, an import or a correction) may be
   * registered (the date of its `storedAt`) before the audit warns (BFL 5 kap. 2 §, BFNAR
   * 2013:2); 50 when left out.
   */
  readonly registrationDeadlineDays?: number;
}

/** The verdict of an audit: every finding, and what was checked. */
export interface AuditReport {
  /** True when nothing was found. */
  readonly ok: boolean;
  readonly förbundId: string;
  /** The chain report as given, or `undefined` when the store has none. */
  readonly chain?: ChainReport;
  /** Events read per stream. */
  readonly streams: readonly { readonly streamId: string; readonly eventCount: number }[];
  /** The years of the books whose invariants were checked. */
  readonly years: readonly number[];
  /**
   * Each year of the books in order, closed (when, by which event, with what årets resultat) or
   * not: a store cut short before a close still passes without an expected head, and this says
   * that the year is no longer closed.
   */
  readonly yearStatuses: readonly AuditedYear[];
  /**
   * When the chain check found the file damaged: the events read are those before this global
   * position (the intact part, `chain.eventCount`); nothing after the damage was read or checked.
   */
  readonly readBeforePosition?: number;
  readonly findings: readonly AuditFinding[];
  /** Findings beyond {@link auditLimits.findingsMax}: counted, not kept. */
  readonly findingsLeftOut: number;
  /**
   * What is worth a look but fails nothing (`ok` does not depend on it): the end of the file
   * (kind `chain`: an append that never completed, `torn-tail`, or zeros after the last record,
   * `unused-tail`), and events recorded more than {@link AuditReport.recordedAtDriftMsMax} from
   * when they were stored (kind `registration`), and a file store's events stamped before the
   * store was created (kind `stamp`, `STORED_BEFORE_STORE_CREATED`), and business events
   * registered more than {@link AuditReport.registrationDeadlineDays} after the end of the month
   * of their datum (kind `registration`, `REGISTERED_LATE`).
   */
  readonly warnings: readonly AuditFinding[];
  /** Warnings beyond {@link auditLimits.findingsMax}: counted, not kept. */
  readonly warningsLeftOut: number;
  /** The drift between `recordedAt` and `storedAt` the warnings were checked against. */
  readonly recordedAtDriftMsMax: number;
  /** The days after the end of a business event's month it was checked to be registered by. */
  readonly registrationDeadlineDays: number;
}

/** Collects findings up to the limit. */
class Findings {
  readonly kept: AuditFinding[] = [];
  leftOut = 0;
  readonly add = (finding: AuditFinding): void => {
    if (this.kept.length < auditLimits.findingsMax) this.kept.push(finding);
    else this.leftOut += 1;
  };
}

const chainFinding = (chain: ChainReport): AuditFinding => ({
  kind: 'chain',
  code: chain.problem?.kind ?? 'chain-broken',
  message: `${chain.problem?.message ?? 'the store failed its integrity check'}${chain.problem?.lineNumber === undefined ? '' : ` (line ${chain.problem.lineNumber})`}. ${intactPartOfChain(chain)}`,
  ...(chain.problem?.eventId === undefined ? {} : { eventId: chain.problem.eventId }),
  ...(chain.problem?.position === undefined ? {} : { globalPosition: chain.problem.position }),
  ...recordPlaceOf(chain.problem?.record),
});

/** The stream, revision and type of the record at a chain's damage, when its line decoded. */
const recordPlaceOf = (record: NonNullable<ChainReport['problem']>['record']) =>
  record === undefined
    ? {}
    : { streamId: record.streamId, streamRevision: record.streamRevision, eventType: record.type };

/**
 * A full audit of a förbund's books in a store: the store's integrity (the hash chain, handed
 * in as `chain`), every event decoded, the write-side rules re-run over the books and the
 * participants in recorded order (an event the rules would have refused is a finding with its
 * position: such an event was appended around the ledger), the stored verifikation numbers and
 * store stamps (a `recordedAt` far from its `storedAt`, and a business event registered long
 * after the month of its datum, are warnings, not findings), and the
 * invariants of the books: each verifikation balances, each year's
 * balansräkning balances, the kassaflödesanalys ends with the bank's balance, and each closed
 * year's result is what its closing event states. Reads each stream once; memory is the rules'
 * state and the totals, not the events.
 *
 * ```ts
 * const chain = await verifyFileEventStore({ path, expectedHead })();
 * const report = await auditStore({ store, förbundId: 'roslagen', chain: chain.right });
 * ```
 */
export async function auditStore(options: AuditStoreOptions): Promise<AuditReport> {
  const findings = new Findings();
  const warnings = new Findings();
  const recordedAtDriftMsMax = options.recordedAtDriftMsMax ?? recordedAtDriftMsMaxDefault;
  const storeCreatedAt = options.chain?.createdAt;
  const warningCheck = {
    warn: warnings.add,
    recordedAtDriftMsMax,
    ...(storeCreatedAt === undefined ? {} : { storeCreatedAt }),
  };
  if (options.chain !== undefined && !options.chain.ok) findings.add(chainFinding(options.chain));
  if (options.chain !== undefined) tailWarnings(options.chain).forEach(warnings.add);
  const readBeforePosition = intactEventCount(options.chain);
  const read = (streamId: string) =>
    readBeforePosition === undefined
      ? options.store.readStream(streamId)
      : eventsBefore(options.store.readStream(streamId), readBeforePosition);
  const registrationDeadlineDays =
    options.registrationDeadlineDays ?? registrationDeadlineDaysDefault;
  const late = new LateRegistrations(registrationDeadlineDays, storeCreatedAt);
  const books = await auditBooks(options, read, findings.add, { ...warningCheck, late });
  late.warnings().forEach(warnings.add);
  const participantsStreamId = participantStreamId(options.förbundId);
  const participants = await auditStream(
    {
      events: read(participantsStreamId),
      catalog: participantCatalog,
      decider: participantDecider,
      ...warningCheck,
    },
    findings.add,
  );
  const years = checkYearInvariants(books.totals, books.state, books.closings, findings.add);
  return {
    ok: findings.kept.length === 0,
    förbundId: options.förbundId,
    ...(options.chain === undefined ? {} : { chain: options.chain }),
    streams: [
      { streamId: bookkeepingStreamId(options.förbundId), eventCount: books.eventCount },
      { streamId: participantsStreamId, eventCount: participants.eventCount },
    ],
    years,
    yearStatuses: auditedYears(years, books.closings),
    ...(readBeforePosition === undefined ? {} : { readBeforePosition }),
    findings: findings.kept,
    findingsLeftOut: findings.leftOut,
    warnings: warnings.kept,
    warningsLeftOut: warnings.leftOut,
    recordedAtDriftMsMax,
    registrationDeadlineDays,
  };
}

/** The close an event states, when it is a closing event; its verifikationer are added later. */
const closingOf = (event: BookkeepingEvent, stored: StoredEvent): ClosingStatement | undefined =>
  event.type === 'RäkenskapsårStängt'
    ? {
        år: event.data.år,
        datum: event.data.datum,
        åretsResultat: event.data.åretsResultat,
        stored,
        verifikationer: [],
      }
    : undefined;

/** Re-runs the books' rules, posting each event for the totals and checking each verifikation. */
async function auditBooks(
  options: AuditStoreOptions,
  read: (streamId: string) => AsyncIterable<StoredEvent>,
  report: (finding: AuditFinding) => void,
  {
    late,
    ...warningCheck
  }: Pick<StreamUnderAudit<unknown, never>, 'warn' | 'recordedAtDriftMsMax' | 'storeCreatedAt'> & {
    readonly late: LateRegistrations;
  },
): Promise<{
  eventCount: number;
  state: BookkeepingState;
  totals: LedgerTotals;
  closings: ClosingStatement[];
}> {
  const chart = options.chart ?? defaultChart;
  const projection = ledgerTotalsProjection(chart);
  let totals = projection.init();
  const numbering = new VerifikationNumbering();
  const closings: ClosingStatement[] = [];
  const visit = (event: BookkeepingEvent, stored: StoredEvent) => {
    const closing = closingOf(event, stored);
    if (closing !== undefined) closings.push(closing);
    late.see(event, stored);
    try {
      const posted = numbering.post(event, chart);
      for (const verifikation of posted.verifikationer) {
        closing?.verifikationer.push(verifikationsnummer(verifikation));
        const imbalance = imbalanceOf(verifikation.rader);
        if (!imbalance.isZero())
          report({
            kind: 'invariant',
            code: 'UNBALANCED_VERIFIKATION',
            message: `verifikation ${verifikationsnummer(verifikation)} does not balance: ${imbalanceText(imbalance)}`,
            ...placeOf(stored),
          });
      }
      totals = projection.apply(totals, posted);
    } catch (thrown) {
      report({
        kind: 'invariant',
        code: toLedgerError(thrown).code,
        message: `the event cannot be posted: ${toLedgerError(thrown).message}`,
        ...placeOf(stored),
      });
    }
  };
  const audited = await auditStream(
    {
      events: read(bookkeepingStreamId(options.förbundId)),
      catalog: bookkeepingCatalog,
      decider: withVocabulary(createBookkeepingDecider(chart), options.vocabulary),
      ...warningCheck,
    },
    report,
    visit,
  );
  return { eventCount: audited.eventCount, state: audited.state, totals, closings };
}
