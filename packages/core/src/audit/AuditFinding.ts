/** What kind of problem an audit found. */
export type AuditFindingKind =
  /** The store's own integrity check (the file store's hash chain) failed. */
  | 'chain'
  /** A stored event does not decode (unknown type, unsupported version, schema). */
  | 'decode'
  /** The write-side rules, re-run over the stream in order, would have refused the event. */
  | 'rule'
  /** Stored verifikation numbers that are missing or not the ones the books assign. */
  | 'numbering'
  /**
   * A store stamp (`storedAt`) that goes back, or is missing after stamped events; as a warning,
   * stamps from before the store was created (a history rebuilt with a clock given).
   */
  | 'stamp'
  /**
   * A warning, not a failure: the writer's `recordedAt` is far from the store's `storedAt` (a
   * writer's clock that is wrong, or events written long after they were recorded), or a
   * business event is registered (`storedAt`) after the deadline for its datum
   * (`REGISTERED_LATE`, BFL 5 kap. 2 §).
   */
  | 'registration'
  /** A broken invariant of the books: a verifikation, a balance sheet, a cash flow, a close. */
  | 'invariant';

/** One finding of an audit: what is wrong, and where in the store. */
export interface AuditFinding {
  readonly kind: AuditFindingKind;
  /** The error code of the refusal, or the name of the broken invariant. */
  readonly code: string;
  /** A full sentence for the auditor. */
  readonly message: string;
  readonly streamId?: string;
  readonly streamRevision?: number;
  /** The event's position in the store's global order. */
  readonly globalPosition?: number;
  readonly eventId?: string;
  readonly eventType?: string;
  /** The financial year an invariant finding is about. */
  readonly år?: number;
}

/** Where a stored event is, for a finding. */
export interface EventPlace {
  readonly streamId: string;
  readonly streamRevision: number;
  readonly globalPosition: number;
  readonly eventId: string;
  readonly type: string;
}

/** The place fields of a finding about `event`. */
export const placeOf = (event: EventPlace) => ({
  streamId: event.streamId,
  streamRevision: event.streamRevision,
  globalPosition: event.globalPosition,
  eventId: event.eventId,
  eventType: event.type,
});

/** One line naming a finding and its place, as `finsam audit` prints it. */
export function describeFinding(finding: AuditFinding): string {
  return `${finding.kind} ${finding.code}${placeText(finding)}: ${finding.message}`;
}

/**
 * Where a finding is, with what it knows: an event's stream and revision, position, type and
 * id (a chain finding whose line no longer decodes knows only the position and id), else the
 * year it is about.
 */
function placeText(finding: AuditFinding): string {
  if (finding.eventId === undefined) {
    if (finding.globalPosition !== undefined) return ` at (position ${finding.globalPosition})`;
    return finding.år === undefined ? '' : ` (${finding.år})`;
  }
  const stream =
    finding.streamId === undefined ? '' : ` ${finding.streamId}@${finding.streamRevision}`;
  const details = [
    finding.globalPosition === undefined ? undefined : `position ${finding.globalPosition}`,
    [finding.eventType, finding.eventId].filter((part) => part !== undefined).join(' '),
  ].filter((part) => part !== undefined);
  return ` at${stream} (${details.join(', ')})`;
}
