import * as E from 'fp-ts/Either';
import {
  isStoreCorruptedError,
  isStoreTamperedError,
  verifyFileEventStore,
  type StoreHead,
  type StoreProblem,
} from '@finsam-ledger/adapter-file';
import {
  auditStore,
  chainFailureSummary,
  describeFinding,
  eventsAfterExpectedHead,
  getInMemoryEventStore,
  isLedgerError,
  ledgerOptionsFromConfiguration,
  type EventStore,
  type FörbundConfiguration,
  type AuditedYear,
  type AuditFinding,
  type AuditReport,
  type ChainReport,
  type LedgerError,
} from '@finsam-ledger/core';
import { refuse, withConfigurationAndStore, type StoreOptions } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import { isConnectionString, type OpenedStore } from '../openStore.js';
import { usageError } from '../usageError.js';
import { formatHead } from './verify.js';

/** The options of `finsam audit`. */
export interface AuditOptions extends StoreOptions {
  readonly expectedHead?: StoreHead;
  /** Warn where an event's `recordedAt` is more than this many hours from its `storedAt`. */
  readonly recordedDriftHours?: number;
  /** Warn where a business event is registered more than this many days after its month. */
  readonly registrationDeadlineDays?: number;
}

/**
 * What the verdict says of the chain; with an expected head earlier than the store's head, also
 * that the head does not vouch for the events after it.
 */
function describeChain(
  location: string,
  chain: ChainReport | undefined,
  expectedHead: StoreHead | undefined,
) {
  if (chain === undefined)
    return `no hash chain to check: ${location} is an EventStoreDB store (copy it to a file store with finsam copy to check one)`;
  if (!chain.ok) return chainFailureSummary(chain);
  const anchor = expectedHead === undefined ? '' : ', and it passes through the expected head';
  const after = eventsAfterExpectedHead(chain.eventCount, expectedHead);
  const intact = `hash chain intact over ${chain.eventCount} events${anchor}; ${after === undefined ? '' : `${after}; `}head ${formatHead(chain.head)}`;
  return expectedHead === undefined ? `${intact}\n  ${withoutExpectedHead}` : intact;
}

/**
 * A chain checked against nothing proves the file consistent, not that it is the förbund's: a
 * file edited and sealed again passes too. Said in the verdict, where an auditor reads "ok".
 */
const withoutExpectedHead =
  'no expected head given: the chain shows the file is whole and consistent, not that it is the one the förbund holds (a file edited and its chain computed again passes too); give --expected-head with the head the förbund signed or an earlier audit printed';

/** Which events the rules were re-run over: all, or only the intact ones before the damage. */
function describeEventsRead(report: AuditReport): string {
  const streams = report.streams
    .map((stream) => `${stream.streamId} ${stream.eventCount} events`)
    .join(', ');
  const only =
    report.readBeforePosition === undefined
      ? ''
      : ` over the ${report.readBeforePosition} intact events only (nothing after the damage was read)`;
  return `every event decoded and the write-side rules re-run in order${only}: ${streams}`;
}

/**
 * One line per year of the books: closed (the date, the closing event and its place, its
 * verifikationer, the årets resultat it states) or not closed. Without an expected head a store
 * cut short before a close passes the audit; this line is where the auditor sees it.
 */
function describeYear(year: AuditedYear): string {
  const { closed } = year;
  if (closed === undefined)
    return `    ${year.år}: not closed (no closing event for it among the events read)`;
  const count = closed.verifikationer.length;
  const numbers =
    count === 0
      ? ''
      : `, verifikation${count === 1 ? '' : 'er'} ${closed.verifikationer.join(', ')}`;
  return `    ${year.år}: closed ${closed.datum} with årets resultat ${closed.åretsResultat}, by RäkenskapsårStängt ${closed.eventId} at ${closed.streamId}@${closed.streamRevision} (position ${closed.globalPosition}${numbers})`;
}

/** The verdict: what was checked, then every finding. */
function describeVerdict(
  location: string,
  report: AuditReport,
  expectedHead: StoreHead | undefined,
): { text: string; ok: boolean } {
  const last = report.years[report.years.length - 1];
  // After damage only the intact events are read: the last year's books may be cut short.
  const cutShort =
    report.readBeforePosition === undefined || last === undefined
      ? ''
      : ` (${last} only as far as the intact events reach)`;
  const years = report.years.length === 0 ? 'no years' : `${report.years.join(', ')}${cutShort}`;
  const checked = [
    `  ${describeChain(location, report.chain, expectedHead)}`,
    `  ${describeEventsRead(report)}`,
    `  invariants checked for ${years}: every verifikation balances, the balansräkning balances, the kassaflödesanalys ends with the bank, each closed year's result is what its closing states`,
    `  the years of the books${report.yearStatuses.length === 0 ? ': none' : ':'}`,
    ...report.yearStatuses.map(describeYear),
  ];
  if (report.ok)
    return {
      ok: true,
      text: [`ok: ${location} passes the audit.`, ...checked, ''].join('\n'),
    };
  const count = report.findings.length + report.findingsLeftOut;
  return {
    ok: false,
    text: [
      `FAILED: ${location} fails the audit with ${count} finding${count === 1 ? '' : 's'}:`,
      ...report.findings.map((finding) => `  - ${describeFinding(finding)}`),
      ...(report.findingsLeftOut > 0 ? [`  … and ${report.findingsLeftOut} more`] : []),
      'Checked:',
      ...checked,
      '',
    ].join('\n'),
  };
}

/**
 * The warnings after the verdict: they fail nothing, but an auditor should see them. First what
 * the end of the file holds besides its records, then the events recorded far from when they were
 * stored, then the business events registered late. Also says what was checked when there are
 * none, so that the thresholds are on record.
 */
function describeWarnings(report: AuditReport): string {
  const hours = report.recordedAtDriftMsMax / 3_600_000;
  const rule = `recordedAt (the writer's clock) is more than ${hours} h from its storedAt (the store's)`;
  // Drift between the writer's clock and the store's is one list, registration after the
  // deadline another; any other warning (the file's tail, stamps from before the store was
  // created) is about the store and stands on its own line.
  const ofTheFile = (warning: AuditFinding) => warning.kind !== 'registration';
  const isLate = (warning: AuditFinding) => warning.code === 'REGISTERED_LATE';
  const tail = report.warnings
    .filter(ofTheFile)
    .map((warning) => `warning (not a failure): ${describeFinding(warning)}\n`)
    .join('');
  const drift = report.warnings.filter((warning) => !ofTheFile(warning) && !isLate(warning));
  const late = describeLate(report, report.warnings.filter(isLate));
  const count = drift.length + report.warningsLeftOut;
  if (count === 0)
    return `${tail}${tail === '' ? 'No warnings: no' : 'No'} event's ${rule}.\n${late}`;
  return [
    `${tail}${count} warning${count === 1 ? '' : 's'} (not failures): an event's ${rule}; the verifikationslista registers it at the store's stamp:`,
    ...drift.map((warning) => `  - ${describeFinding(warning)}`),
    ...(report.warningsLeftOut > 0 ? [`  … and ${report.warningsLeftOut} more`] : []),
    late,
  ].join('\n');
}

/** The business events registered after the deadline for their datum, or that none is. */
function describeLate(report: AuditReport, late: readonly AuditFinding[]): string {
  const rule = `registered (the date of its storedAt, as the verifikationslista shows it) more than ${report.registrationDeadlineDays} days after the end of the month of its datum (BFL 5 kap. 2 §, BFNAR 2013:2)`;
  if (late.length === 0) return `No business event is ${rule}.\n`;
  return [
    `${late.length} warning${late.length === 1 ? '' : 's'} (not failures): a business event ${rule}:`,
    ...late.map((warning) => `  - ${describeFinding(warning)}`),
    '',
  ].join('\n');
}

/** The file store's chain report, with the expected head when given. */
function chainOf(
  path: string,
  expectedHead: StoreHead | undefined,
): Promise<E.Either<LedgerError, ChainReport>> {
  return verifyFileEventStore({ path, ...(expectedHead === undefined ? {} : { expectedHead }) })();
}

/** Audits `store` with the chain report given, and prints the verdict and the warnings. */
async function printAudit(
  options: AuditOptions,
  configuration: FörbundConfiguration,
  audited: { location: string; store: EventStore; chain: ChainReport | undefined },
): Promise<ExitCode> {
  const { förbundId, chart, vocabulary } = ledgerOptionsFromConfiguration(configuration);
  const report = await auditStore({
    store: audited.store,
    förbundId,
    chart,
    vocabulary,
    ...(audited.chain === undefined ? {} : { chain: audited.chain }),
    ...(options.recordedDriftHours === undefined
      ? {}
      : { recordedAtDriftMsMax: options.recordedDriftHours * 3_600_000 }),
    ...(options.registrationDeadlineDays === undefined
      ? {}
      : { registrationDeadlineDays: options.registrationDeadlineDays }),
  });
  const verdict = describeVerdict(audited.location, report, options.expectedHead);
  process.stdout.write(verdict.text + describeWarnings(report));
  return verdict.ok ? exitCodes.ok : exitCodes.refused;
}

/**
 * A file store that cannot be opened because its header is damaged holds no intact event: the
 * verdict is the chain finding, over an empty store. Any other failure to open is a refusal.
 */
async function auditUnopenedStore(
  options: AuditOptions,
  configuration: FörbundConfiguration,
  error: LedgerError,
): Promise<ExitCode> {
  const damaged = isLedgerError(error, 'STORE_CORRUPTED') || isLedgerError(error, 'STORE_TAMPERED');
  if (!damaged || isConnectionString(options.store)) return refuse(error);
  const chain = await chainOf(options.store, options.expectedHead);
  if (E.isLeft(chain) || chain.right.ok || chain.right.eventCount > 0) return refuse(error);
  const store = getInMemoryEventStore();
  return printAudit(options, configuration, { location: options.store, store, chain: chain.right });
}

/**
 * `finsam audit`: a full audit of the store (see `auditStore` in core): the hash chain (through
 * `--expected-head` when given), every event decoded, the rules re-run over the whole stream in
 * order (over the intact events only when the chain is damaged), the stored verifikation numbers
 * and stamps, and the invariants of every year. Prints one verdict with every finding; exit code
 * 1 on any finding.
 */
export function runAudit(options: AuditOptions): Promise<ExitCode> {
  if (options.expectedHead !== undefined && isConnectionString(options.store))
    throw usageError(
      `--expected-head checks a file store's hash chain; ${options.store} is an EventStoreDB connection string.`,
    );
  return withConfigurationAndStore(
    options,
    'read-only',
    async (configuration, opened) => {
      const chain =
        opened.kind === 'file'
          ? await chainOf(opened.location, options.expectedHead)
          : E.right(undefined);
      if (E.isLeft(chain)) return refuse(chain.left);
      const { location, store } = opened;
      return printAudit(options, configuration, { location, store, chain: chain.right });
    },
    (configuration, error) => auditUnopenedStore(options, configuration, error),
  );
}

/**
 * Warns on stderr when a read of the file store met a damaged or altered record: every walk
 * checks the checksum and the hash chain of each line it reads, so the command's one read is its
 * verification too (no second pass over the whole file). A report reads only the events after
 * its checkpoint; `finsam verify` and `finsam audit` check the whole file. EventStoreDB stores
 * have no hash chain to check.
 */
export function warnWhenReadFailsVerification(opened: OpenedStore, error: unknown): void {
  if (opened.kind !== 'file' || !(isStoreCorruptedError(error) || isStoreTamperedError(error)))
    return;
  const problem = (error.details ?? {}) as Partial<StoreProblem>;
  process.stderr.write(
    `warning: ${opened.location} fails verification (${problem.kind ?? 'problem'} at line ${problem.lineNumber ?? '?'}: ${problem.message ?? error.message}); what was read from it is not to be trusted. Run finsam audit.\n`,
  );
}
