import * as E from 'fp-ts/Either';
import { InvalidArgumentError } from '@commander-js/extra-typings';
import { verifyFileEventStore, type StoreHead } from '@finsam-ledger/adapter-file';
import { refuse } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import { isConnectionString } from '../openStore.js';
import { usageError } from '../usageError.js';

/** How a head is written down and given back: `<eventCount>:<sha256 hex>`. */
export const formatHead = (head: StoreHead): string => `${head.eventCount}:${head.hash}`;

/** Parses `--expected-head`, the form `finsam verify` prints. */
export function parseHead(value: string): StoreHead {
  const match = /^(\d{1,15}):([0-9a-f]{64})$/.exec(value);
  if (match === null)
    throw new InvalidArgumentError(
      `"${value}" is not a head: give it as finsam verify prints it, <eventCount>:<64 hex digits>.`,
    );
  return { eventCount: Number(match[1]), hash: match[2]! };
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
  const verified = await verifyFileEventStore(
    options.store,
    options.expectedHead === undefined ? {} : { expectedHead: options.expectedHead },
  )();
  if (E.isLeft(verified)) return refuse(verified.left);
  const report = verified.right;
  if (!report.ok) {
    const problem = report.problem;
    process.stderr.write(
      `${problem?.code ?? 'STORE_CORRUPTED'}: ${options.store} failed verification at line ${problem?.lineNumber ?? '?'} (byte ${problem?.offsetBytes ?? '?'}${problem?.eventId === undefined ? '' : `, event ${problem.eventId}`}): ${problem?.kind ?? 'unknown'}: ${problem?.message ?? ''}\n` +
        `The ${report.eventCount} events before it are intact; their head is ${formatHead(report.head)}.\n`,
    );
    return exitCodes.refused;
  }
  const torn =
    report.tornTail === undefined
      ? ''
      : ` An unfinished append at the end (never acknowledged, never served) will be cut off by the next writer.`;
  process.stdout.write(
    [
      `ok: ${options.store} is intact: ${report.eventCount} events, every checksum and link of the hash chain checked${options.expectedHead === undefined ? '' : ', and the chain passes through the expected head'}.${torn}`,
      `head: ${formatHead(report.head)}`,
      'Write the head down where the store cannot be edited (a board protocol, the annual report); `finsam verify --expected-head <head>` then proves that these events are unchanged.',
      '',
    ].join('\n'),
  );
  return exitCodes.ok;
}
