import { countText } from '../util/countText.js';
import type { AuditFinding } from './AuditFinding.js';
import type { ChainReport } from './auditStore.js';

/**
 * What a failed chain check vouches for, as one sentence for the auditor. Most problems (a
 * checksum, a broken link, a torn record) are found walking the chain from the header, so the
 * appends before the damaged one are intact. Two are found against the expected head instead,
 * and vouch for nothing: a chain that does not pass through the head was changed and re-chained
 * before it (or the head is another store's), and the walk stops there; a store shorter than the
 * head cannot be checked against it. The same two against the head a writer recorded in its head
 * file (`STORE.head`) say that events it held were lost.
 */
export function intactPartOfChain(chain: ChainReport): string {
  const againstAHead = intactPartAgainstAHead(chain);
  if (againstAHead !== undefined) return againstAHead;
  const { problem } = chain;
  const count = chain.eventCount;
  const head = `${chain.head.eventCount}:${chain.head.hash}`;
  if (problem?.lineNumber === 1)
    return 'The damage is in the header, so no event is vouched for and the file cannot be read as a store.';
  if (count === 0) return `No append came before the damaged one; the header's hash is ${head}.`;
  return `The ${eventsCounted(count)} of the appends before the one it belongs to ${count === 1 ? 'is' : 'are'} intact; their head is ${head}.`;
}

/** {@link intactPartOfChain} of a chain that failed against a head written down, else undefined. */
function intactPartAgainstAHead(chain: ChainReport): string | undefined {
  const { problem } = chain;
  if (problem === undefined) return undefined;
  const { kind } = problem;
  const count = chain.eventCount;
  if (kind === 'anchor-mismatch') {
    // The walk stops at the head: nothing after it was checked, and it vouches for nothing before.
    if (problem.lineNumber === 1)
      return "The store's header is not the one the expected head was taken from (another store, or a rewritten file), so no event is vouched for, and the events were not checked further.";
    return `One of ${firstEventsText(problem.position)} differs from when the head was written down (changed, and the chain recomputed), or the head is not this store's, so none of them is vouched for; the events after it were not checked (verify without the head checks the whole chain).`;
  }
  if (kind === 'acknowledged-history-changed')
    return `The chain does not pass through the head its writer held (recorded in its head file), so none of ${firstEventsText(problem.position)} is vouched for: the file was cut back and written on, or restored from another copy; the events after it were not checked.`;
  if (kind === 'acknowledged-events-removed')
    return `The ${eventsCounted(count)} the store holds ${count === 1 ? 'passes' : 'pass'} the file's own checks (head ${chain.head.eventCount}:${chain.head.hash}), but its writer held more, as its head file records: a head this chain never reaches, which vouches for none of them. Events were removed from the end, or replaced.`;
  if (kind === 'truncated')
    return count === 0
      ? 'The store holds no event, but the expected head counted some.'
      : `The ${eventsCounted(count)} the store holds ${count === 1 ? 'passes' : 'pass'} the file's own checks, but the expected head counted more, so it vouches for none.`;
  return undefined;
}

/** The events up to a problem's position: "the first N events", or "the events up to it". */
const firstEventsText = (position: number | undefined): string =>
  position === undefined ? 'the events up to it' : `the first ${position + 1} events`;

/** The audit verdict's line on a failed chain: what failed, and what is still vouched for. */
export function chainFailureSummary(chain: ChainReport): string {
  const kind = chain.problem?.kind;
  if (kind === 'anchor-mismatch')
    return 'the hash chain FAILED: it does not pass through the expected head';
  if (kind === 'truncated')
    return 'the hash chain FAILED: the store holds fewer events than the expected head';
  if (kind === 'acknowledged-history-changed')
    return 'the hash chain FAILED: it does not pass through the head its writer held';
  if (kind === 'acknowledged-events-removed')
    return 'the hash chain FAILED: the store holds fewer events than its writer held';
  if (chain.problem?.lineNumber === 1) return 'the hash chain FAILED at the header';
  if (chain.eventCount === 0) return 'the hash chain FAILED in its first append';
  return `the hash chain FAILED after ${eventsCounted(chain.eventCount)}, all intact`;
}

/**
 * What the end of an intact file holds besides its records, as warnings (they fail nothing): an
 * append that never completed, whose events are not in the store (after a crash it was never
 * acknowledged, so it is no tampering; the auditor is told which events the file lost), and zeros
 * after the last record (a writer's preallocated space). The next writer cuts both off.
 */
export function tailWarnings(chain: ChainReport): AuditFinding[] {
  const warnings: AuditFinding[] = [];
  const torn = chain.tornTail;
  if (torn !== undefined) {
    const batch = torn.incompleteBatch;
    warnings.push({
      kind: 'chain',
      code: 'torn-tail',
      message: `the file ends in an append that never completed (${tornTailText(torn)}) after ${eventsCounted(chain.eventCount)} in complete appends: ${lostEventsText(chain.eventCount, torn)}, so the audit did not see them. An append cut short (a crash, or a copy taken while it was written) was never acknowledged, is no tampering, and is cut off by the next writer; if the head written down counts ${batch?.batchSize === 1 ? 'it' : 'them'}, give it with --expected-head and the chain check fails (truncated).`,
      globalPosition: batch?.firstPosition ?? chain.eventCount,
      ...(batch === undefined ? {} : { eventId: batch.firstEventId }),
    });
  }
  const zeros = chain.unusedTail;
  if (zeros !== undefined)
    warnings.push({
      kind: 'chain',
      code: 'unused-tail',
      message: `${zeros.sizeBytes} bytes of zeros follow the last record, from byte ${zeros.offsetBytes}: no records (a byte that is not zero would fail the chain check), but space a writer keeps ahead of its appends (preallocateBytes), left by a writer still open or by a crash; the next writer cuts it off.`,
    });
  return warnings;
}

/** Where the unfinished append is, and what of it is on disk. */
export function tornTailText(torn: NonNullable<ChainReport['tornTail']>): string {
  const batch = torn.incompleteBatch;
  const parts = [
    ...(batch === undefined
      ? []
      : [
          `${batch.recordCount} of ${batch.batchSize} records of a batch to ${batch.streamId} starting at position ${batch.firstPosition} with event ${batch.firstEventId}`,
        ]),
    ...(torn.partialLineBytes > 0 ? [`an unfinished line of ${torn.partialLineBytes} bytes`] : []),
  ];
  return `${parts.join(' and ')}, from line ${torn.lineNumber}, byte ${torn.offsetBytes}`;
}

/**
 * The events an unfinished append would have stored: its batch's when one of its records is
 * complete, else those from the next position on (an unfinished line alone does not tell how
 * many).
 */
export function lostEventsText(
  eventCount: number,
  torn: NonNullable<ChainReport['tornTail']>,
): string {
  const batch = torn.incompleteBatch;
  if (batch === undefined)
    return `the events of that append, from position ${eventCount} on, are not in the store`;
  if (batch.batchSize === 1)
    return `its 1 event, at position ${batch.firstPosition}, is not in the store`;
  return `its ${batch.batchSize} events, positions ${batch.firstPosition} to ${batch.firstPosition + batch.batchSize - 1}, are not in the store`;
}

/**
 * What an expected head earlier than the store's head does not vouch for: the events stored
 * after it (no failure: they may have been recorded since it was written down). `undefined`
 * when the head counts every event.
 */
export function eventsAfterExpectedHead(
  eventCount: number,
  expectedHead: { readonly eventCount: number } | undefined,
): string | undefined {
  if (expectedHead === undefined || expectedHead.eventCount >= eventCount) return undefined;
  const after = eventCount - expectedHead.eventCount;
  return `the expected head vouches for the first ${eventsCounted(expectedHead.eventCount)}, not for the ${eventsCounted(after)} stored after it (they were checked against the file alone; write down the current head to vouch for them)`;
}

/** A count of events, in the singular for one. */
const eventsCounted = (count: number): string => countText(count, 'event', 'events');
