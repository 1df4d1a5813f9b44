import * as E from 'fp-ts/Either';
import {
  verifyFileEventStore,
  type StoreHead,
  type VerifyReport,
} from '@finsam-ledger/adapter-file';
import { eventsAfterExpectedHead, intactPartOfChain, lostEventsText } from '@finsam-ledger/core';
import { refuse } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import { directoryRefusal, isConnectionString, missingStoreError } from '../openStore.js';
import { usageError } from '../usageError.js';

/** How a head is written down and given back: `<eventCount>:<sha256 hex>`. */
export const formatHead = (head: StoreHead): string => `${head.eventCount}:${head.hash}`;

/** What a failed verification prints: where the first problem is, and the intact part's head. */
function describeFailure(store: string, report: VerifyReport): string {
  const problem = report.problem;
  const event = problem?.eventId === undefined ? '' : `, event ${problem.eventId}`;
  const place = `line ${problem?.lineNumber ?? '?'} (byte ${problem?.offsetBytes ?? '?'}${event})`;
  return [
    `${problem?.code ?? 'STORE_CORRUPTED'}: ${store} failed verification at ${place}: ${problem?.kind ?? 'unknown'}: ${problem?.message ?? ''}`,
    intactPartOfChain(report),
    '',
  ].join('\n');
}

/**
 * What a passed verification prints: the count, the head to write down, and how to use it; what
 * an earlier expected head does not vouch for, and which events an unfinished append lost.
 */
function describeSuccess(
  store: string,
  report: VerifyReport,
  expectedHead: StoreHead | undefined,
): string {
  const after = eventsAfterExpectedHead(report.eventCount, expectedHead);
  const anchor =
    expectedHead === undefined
      ? ''
      : `, and the chain passes through the expected head${after === undefined ? '' : `; ${after}`}`;
  const torn =
    report.tornTail === undefined
      ? ''
      : ` An unfinished append at the end (never acknowledged, never served) will be cut off by the next writer: ${lostEventsText(report.eventCount, report.tornTail)}.`;
  const zeros =
    report.unusedTail === undefined
      ? ''
      : ` ${report.unusedTail.sizeBytes} bytes of zeros after the last record (space a writer keeps ahead of its appends, left by a writer still open or by a crash) will be cut off by the next writer.`;
  return [
    `ok: ${store} is intact: ${report.eventCount} events, every checksum and link of the hash chain checked${anchor}.${torn}${zeros}`,
    `head: ${formatHead(report.head)}`,
    ...describeDerived(report),
    'Write the head down where the store cannot be edited (a board protocol, the annual report); `finsam verify --expected-head <head>` then proves that these events are unchanged.',
    '',
  ].join('\n');
}

/** What verify says of the seek index and the checkpoints beside the store. */
function describeDerived(report: VerifyReport): string[] {
  const derived = report.derived;
  if (derived === undefined) return [];
  const index =
    derived.index === 'ok'
      ? 'index: ok (the seek index matches the records)'
      : `index: ${derived.index === 'missing' ? 'missing' : 'wrong, not trusted'}; ${derived.indexRebuilt ? 'rebuilt from the records' : 'could not be rebuilt (it is derived data: reads work without it)'}`;
  const eventIds =
    derived.eventIds === 'ok'
      ? 'event-id index: ok (it matches the records up to its head)'
      : `event-id index: ${derived.eventIds === 'missing' ? 'missing' : 'wrong, not trusted'}; ${derived.eventIdsRebuilt ? 'rebuilt from the records' : 'could not be rebuilt (it is derived data: a writer rebuilds it when it opens)'}`;
  const checkpoints = derived.checkpoints.map((checkpoint) =>
    checkpoint.status === 'ok'
      ? `checkpoint ${checkpoint.name}: ok`
      : `checkpoint ${checkpoint.name}: discarded (${checkpoint.reason ?? 'it does not verify'}); it is rebuilt from the events when next needed`,
  );
  return [index, eventIds, ...checkpoints];
}

/**
 * `finsam verify`: walks the whole file store without opening it for writing and checks
 * every record's checksum and the hash chain, and with `--expected-head` that the chain
 * still passes through a head written down earlier. Prints the head to write down.
 */
export async function runVerify(options: {
  store: string;
  expectedHead?: StoreHead;
}): Promise<ExitCode> {
  if (isConnectionString(options.store))
    throw usageError(
      `verify checks a file store's hash chain; ${options.store} is an EventStoreDB connection string (copy it to a file store with finsam copy, then verify that).`,
    );
  const directory = await directoryRefusal(options.store);
  if (directory !== undefined) return refuse(directory);
  const verified = await verifyFileEventStore({
    path: options.store,
    ...(options.expectedHead === undefined ? {} : { expectedHead: options.expectedHead }),
  })();
  if (E.isLeft(verified))
    return refuse(
      verified.left.details.errno === 'ENOENT' ? missingStoreError(options.store) : verified.left,
    );
  const report = verified.right;
  if (!report.ok) {
    process.stderr.write(describeFailure(options.store, report));
    return exitCodes.refused;
  }
  process.stdout.write(describeSuccess(options.store, report, options.expectedHead));
  return exitCodes.ok;
}
