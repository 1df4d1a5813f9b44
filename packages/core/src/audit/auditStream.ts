import * as E from 'fp-ts/Either';
import { toLedgerError } from '../error.js';
import type { Decider } from '../ledger/Decider.js';
import type { DomainEvent, EventCatalog } from '../ledger/EventCatalog.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import { firstStoredAtOf } from '../store/storedAt.js';
import { placeOf, type AuditFinding } from './AuditFinding.js';
import { StoredNumbers } from './StoredNumbers.js';

/**
 * What {@link auditStream} hands on for each event it decoded, without its stored verifikation
 * numbers: the visitor numbers every event the store holds itself (the numbers are checked once,
 * by the stream's audit).
 */
export type FoldedEventVisitor<Event> = (event: Event, stored: StoredEvent) => void;

/** The result of re-running one stream's rules. */
export interface StreamAudit<State> {
  readonly eventCount: number;
  readonly state: State;
}

/** A stream's events, the catalog that decodes them and the rules that recorded them. */
export interface StreamUnderAudit<State, Event extends DomainEvent> {
  readonly events: AsyncIterable<StoredEvent>;
  readonly catalog: EventCatalog<Event>;
  readonly decider: Decider<State, Event>;
  /**
   * Where a warning goes: an event whose `recordedAt` is more than `recordedAtDriftMsMax` from
   * its `storedAt`. Left out, no such check.
   */
  readonly warn?: (warning: AuditFinding) => void;
  /** How far `recordedAt` may be from `storedAt` before {@link warn} is told; default 24 h. */
  readonly recordedAtDriftMsMax?: number;
  /**
   * When the store was created: {@link warn} is told once of the events stamped before it, whose
   * `storedAt` came from a clock the writer was given rather than from when the store took
   * them in.
   */
  readonly storeCreatedAt?: string;
}

/** How far a writer's `recordedAt` may be from the store's `storedAt` unwarned: 24 hours. */
export const recordedAtDriftMsMaxDefault = 24 * 60 * 60 * 1000;

/** Whether numbers were stored before, and the last stamp: what the checks carry along. */
interface StreamMarks {
  numbered: boolean;
  lastStoredAt: string | undefined;
}

/** The event without its stored verifikation numbers, for the rules to number again. */
const withoutNumbers = <Event extends DomainEvent>(event: Event): Event => {
  if (event.metadata.verifikationsnummer === undefined) return event;
  const { verifikationsnummer: _numbers, ...metadata } = event.metadata;
  return { ...event, metadata };
};

/** A stamp that goes back, or is missing after stamped events, is a finding. */
function checkStamp(stored: StoredEvent, marks: StreamMarks, report: (f: AuditFinding) => void) {
  const { storedAt } = stored;
  if (storedAt === undefined) {
    if (marks.lastStoredAt !== undefined)
      report({
        kind: 'stamp',
        code: 'STORED_AT_MISSING',
        message: `the event carries no store stamp, though the events before it do (last ${marks.lastStoredAt}): it was not stored by this store's writer`,
        ...placeOf(stored),
      });
    return;
  }
  if (marks.lastStoredAt !== undefined && storedAt < marks.lastStoredAt)
    report({
      kind: 'stamp',
      code: 'STORED_AT_BACKWARDS',
      message: `the store stamp ${storedAt} is earlier than the one before it, ${marks.lastStoredAt}; a store never stamps backwards`,
      ...placeOf(stored),
    });
  else marks.lastStoredAt = storedAt;
}

/**
 * The writer's `recordedAt` more than `driftMsMax` from the store's `storedAt`: a warning, since
 * the verifikationslista registers the event at the store's stamp, not at the writer's.
 */
function checkRecordedNearStored(
  stored: StoredEvent,
  driftMsMax: number,
  warn: (warning: AuditFinding) => void,
): void {
  // A copied event was entered into the books when it was first stored, not when copied.
  const storedAt = firstStoredAtOf(stored);
  if (storedAt === undefined) return;
  const driftMs = Date.parse(storedAt) - Date.parse(stored.metadata.recordedAt);
  if (Math.abs(driftMs) <= driftMsMax) return;
  const hours = (milliseconds: number) => `${Number((milliseconds / 3_600_000).toFixed(1))} h`;
  warn({
    kind: 'registration',
    code: 'RECORDED_AT_FAR_FROM_STORED_AT',
    message: `the writer recorded it at ${stored.metadata.recordedAt} but the store stored it at ${storedAt}, ${hours(Math.abs(driftMs))} ${driftMs > 0 ? 'later' : 'earlier'} (more than ${hours(driftMsMax)}); it is registered in the verifikationslista at the store's stamp`,
    ...placeOf(stored),
  });
}

/** The events of a stream stamped before its store was created: counted, the first and last. */
class StampsBeforeCreation {
  count = 0;
  first: StoredEvent | undefined;
  lastStoredAt = '';
  constructor(private readonly createdAt: string) {}

  see(stored: StoredEvent): void {
    if (stored.storedAt === undefined || stored.storedAt >= this.createdAt) return;
    this.count += 1;
    this.first ??= stored;
    this.lastStoredAt = stored.storedAt;
  }

  /** One warning for them all, at the first: they come from one rebuild, not one by one. */
  warning(): AuditFinding | undefined {
    if (this.first === undefined) return undefined;
    const span = `${this.first.storedAt} to ${this.lastStoredAt}`;
    return {
      kind: 'stamp',
      code: 'STORED_BEFORE_STORE_CREATED',
      message: `${this.count} event${this.count === 1 ? ' is' : 's are'} stamped before the store was created (${this.createdAt}), ${span}: the writer was given a clock (a history rebuilt into a new file), so these storedAt stamps do not say when this file took the events in, and an as-of replay and the verifikationslista's registration rest on them`,
      ...placeOf(this.first),
    };
  }
}

/**
 * Re-runs a stream's write-side rules over its stored events in order, as if each were being
 * recorded now: every event that does not decode, that the rules would refuse, whose stored
 * verifikation numbers are missing or wrong, or whose stamp is out of order is reported with its
 * position; one recorded far from when it was stored is a warning (`stream.warn`). A refused
 * event is still folded (the books hold it, and the events after it were decided against it),
 * on a copy, so that one bad event does not bring down every later check.
 */
export async function auditStream<State, Event extends DomainEvent>(
  stream: StreamUnderAudit<State, Event>,
  report: (finding: AuditFinding) => void,
  visit?: FoldedEventVisitor<Event>,
): Promise<StreamAudit<State>> {
  const { catalog, decider } = stream;
  let state = decider.initialState();
  let eventCount = 0;
  const marks: StreamMarks = { numbered: false, lastStoredAt: undefined };
  const numbers = new StoredNumbers();
  const driftMsMax = stream.recordedAtDriftMsMax ?? recordedAtDriftMsMaxDefault;
  const early =
    stream.storeCreatedAt === undefined
      ? undefined
      : new StampsBeforeCreation(stream.storeCreatedAt);
  for await (const stored of stream.events) {
    eventCount += 1;
    checkStamp(stored, marks, report);
    early?.see(stored);
    if (stream.warn !== undefined) checkRecordedNearStored(stored, driftMsMax, stream.warn);
    const decoded = catalog.decode(stored);
    if (E.isLeft(decoded)) {
      report({
        kind: 'decode',
        code: decoded.left.code,
        message: decoded.left.message,
        ...placeOf(stored),
      });
      continue;
    }
    const event = decoded.right as Event;
    // The rules without the stored numbers, which are checked apart (below): a number that is
    // off must not hide what the rules say of the event.
    const unnumbered = withoutNumbers(event);
    const decision = decider.decide(state, unnumbered);
    if (E.isLeft(decision))
      report({
        kind: 'rule',
        code: decision.left.code,
        message: `the rules would have refused it: ${decision.left.message}`,
        ...placeOf(stored),
      });
    const folded = decider.annotate ? decider.annotate(state, unnumbered) : event;
    if (checkNumbersStored(event, folded, stored, marks, report))
      numbers.unnumbered(folded, stored);
    numbers.check(event, folded, stored, report);
    const accepted = E.isRight(decision);
    state = foldOne(stream.decider, state, folded, accepted, (thrown) => {
      report({
        kind: 'invariant',
        code: toLedgerError(thrown).code,
        message: `the event cannot be folded into the books: ${toLedgerError(thrown).message}`,
        ...placeOf(stored),
      });
      // A refused event is folded on a copy, dropped when its fold fails, numbers and all.
      if (!accepted && decider.clone !== undefined) numbers.lost(folded, stored);
    });
    // Without its numbers: the visitor numbers every event the store holds, the unfoldable ones
    // too, while the numbers are checked above, once.
    visit?.(unnumbered, stored);
  }
  numbers.summarise(report);
  const earlyWarning = early?.warning();
  if (earlyWarning !== undefined) stream.warn?.(earlyWarning);
  return { eventCount, state };
}

/**
 * Once events carry their verifikation numbers, a later event that books without them is a
 * finding. Returns whether it was one.
 */
function checkNumbersStored(
  event: DomainEvent,
  folded: DomainEvent,
  stored: StoredEvent,
  marks: StreamMarks,
  report: (finding: AuditFinding) => void,
): boolean {
  // An empty list stores no number either: it is read as none.
  if ((event.metadata.verifikationsnummer?.length ?? 0) > 0) {
    marks.numbered = true;
    return false;
  }
  if (!marks.numbered || folded.metadata.verifikationsnummer === undefined) return false;
  report({
    kind: 'numbering',
    code: 'VERIFIKATION_NUMBER_MISSING',
    message: `the event books verifikationer ${folded.metadata.verifikationsnummer.join(', ')} but was stored without their numbers, though the events before it carry theirs: it was not recorded through the ledger`,
    ...placeOf(stored),
  });
  return true;
}

/** Folds one event: in place when the rules accepted it, on a copy when they refused it. */
function foldOne<State, Event extends DomainEvent>(
  decider: Decider<State, Event>,
  state: State,
  event: Event,
  accepted: boolean,
  onFailure: (thrown: unknown) => void,
): State {
  const target = !accepted && decider.clone ? decider.clone(state) : state;
  try {
    return decider.evolve(target, event);
  } catch (thrown) {
    onFailure(thrown);
    return accepted || decider.clone === undefined ? target : state;
  }
}
