import test from 'ava';
import type { ChainReport } from './auditStore.js';
import {
  chainFailureSummary,
  eventsAfterExpectedHead,
  intactPartOfChain,
  lostEventsText,
  tailWarnings,
} from './chainVerdict.js';

const hash = 'ab'.repeat(32);

/** A failed chain check after `eventCount` intact events, as a store reports it. */
const failedAfter = (eventCount: number, kind: string): ChainReport => ({
  ok: false,
  eventCount,
  head: { eventCount, hash },
  problem: { kind, message: 'what the store found', lineNumber: eventCount + 2 },
});

test('given damage after intact appends, when judged, then the intact events and their head are vouched for', (t) => {
  t.is(
    intactPartOfChain(failedAfter(12, 'checksum-mismatch')),
    `The 12 events of the appends before the one it belongs to are intact; their head is 12:${hash}.`,
  );
  t.is(
    chainFailureSummary(failedAfter(12, 'checksum-mismatch')),
    'the hash chain FAILED after 12 events, all intact',
  );
});

test('given one intact event, when judged, then it is counted in the singular', (t) => {
  t.is(
    intactPartOfChain(failedAfter(1, 'checksum-mismatch')),
    `The 1 event of the appends before the one it belongs to is intact; their head is 1:${hash}.`,
  );
  t.is(
    chainFailureSummary(failedAfter(1, 'checksum-mismatch')),
    'the hash chain FAILED after 1 event, all intact',
  );
  t.is(
    intactPartOfChain(failedAfter(1, 'truncated')),
    "The 1 event the store holds passes the file's own checks, but the expected head counted more, so it vouches for none.",
  );
});

test('given damage in the first append, when judged, then only the header is named', (t) => {
  t.is(
    intactPartOfChain(failedAfter(0, 'checksum-mismatch')),
    `No append came before the damaged one; the header's hash is 0:${hash}.`,
  );
  t.is(
    chainFailureSummary(failedAfter(0, 'checksum-mismatch')),
    'the hash chain FAILED in its first append',
  );
  t.is(
    intactPartOfChain(failedAfter(0, 'truncated')),
    'The store holds no event, but the expected head counted some.',
  );
});

test('given a chain that misses the expected head, when judged, then nothing is vouched for', (t) => {
  const missed: ChainReport = {
    ...failedAfter(5, 'anchor-mismatch'),
    problem: { kind: 'anchor-mismatch', message: 'missed', lineNumber: 6, position: 4 },
  };
  t.regex(
    intactPartOfChain(missed),
    /^One of the first 5 events differs .* none of them is vouched/,
  );
  t.is(
    chainFailureSummary(missed),
    'the hash chain FAILED: it does not pass through the expected head',
  );
});

test('given a store shorter than the head its writer held, when judged, then the loss is named and the events it holds are not vouched for by that head', (t) => {
  const removed = failedAfter(27, 'acknowledged-events-removed');
  t.is(
    intactPartOfChain(removed),
    `The 27 events the store holds pass the file's own checks (head 27:${hash}), but its writer held more, as its head file records: a head this chain never reaches, which vouches for none of them. Events were removed from the end, or replaced.`,
  );
  t.is(
    chainFailureSummary(removed),
    'the hash chain FAILED: the store holds fewer events than its writer held',
  );
});

test('given a chain that misses the head its writer held, when judged, then nothing up to it is vouched for', (t) => {
  const changed: ChainReport = {
    ...failedAfter(5, 'acknowledged-history-changed'),
    problem: { kind: 'acknowledged-history-changed', message: 'x', lineNumber: 7, position: 5 },
  };
  t.regex(
    intactPartOfChain(changed),
    /^The chain does not pass through the head its writer held .* none of the first 6 events is vouched for: the file was cut back and written on/,
  );
  t.is(
    chainFailureSummary(changed),
    'the hash chain FAILED: it does not pass through the head its writer held',
  );
});

test('given an unfinished append, when warned of, then the events it would have stored are named', (t) => {
  const torn = { offsetBytes: 900, lineNumber: 14, partialLineBytes: 0 };
  const batch = { streamId: 's', firstPosition: 12, firstEventId: 'e-12', recordCount: 1 };
  t.is(
    lostEventsText(12, { ...torn, incompleteBatch: { ...batch, batchSize: 3 } }),
    'its 3 events, positions 12 to 14, are not in the store',
  );
  t.is(
    lostEventsText(12, { ...torn, incompleteBatch: { ...batch, batchSize: 1 } }),
    'its 1 event, at position 12, is not in the store',
  );
  const [warning] = tailWarnings({
    ...failedAfter(12, 'none'),
    ok: true,
    problem: undefined,
    tornTail: { ...torn, partialLineBytes: 40 },
  } as ChainReport);
  t.regex(
    warning!.message,
    /^the file ends in an append that never completed \(an unfinished line of 40 bytes, from line 14, byte 900\) after 12 events in complete appends: the events of that append, from position 12 on, are not in the store/,
  );
});

test('given an expected head earlier than the store head, when described, then the later events are not vouched for', (t) => {
  t.is(eventsAfterExpectedHead(12, { eventCount: 12 }), undefined);
  t.is(eventsAfterExpectedHead(12, undefined), undefined);
  t.regex(
    eventsAfterExpectedHead(12, { eventCount: 11 })!,
    /^the expected head vouches for the first 11 events, not for the 1 event stored after it/,
  );
});

test('given a damaged header, when judged, then nothing is vouched for', (t) => {
  const chain = { ...failedAfter(0, 'header-damaged'), head: { eventCount: 0, hash: '' } };
  const header = { ...chain, problem: { ...chain.problem!, lineNumber: 1 } };
  t.is(chainFailureSummary(header), 'the hash chain FAILED at the header');
  t.regex(intactPartOfChain(header), /^The damage is in the header, so no event is vouched for/);
});
