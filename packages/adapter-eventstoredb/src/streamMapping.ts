import { ANY, NO_STREAM, STREAM_EXISTS, type AppendExpectedRevision } from '@eventstore/db-client';
import { type ExpectedRevision } from '@finsam-ledger/core';
import { assert } from '@finsam-ledger/core/store';
import { invalidOptionError } from './error.js';

/**
 * Which EventStoreDB streams hold the ledger's events.
 *
 * Our stream id is stored in the EventStoreDB stream `<streamPrefix><streamId>`; with the
 * default prefix `finsam.`, the förbund's books `bokforing-roslagen` are in
 * `finsam.bokforing-roslagen`. EventStoreDB takes the part of a stream name before the
 * first `-` as its category, so the ledger's own `category-id` convention survives with a
 * namespace: category `finsam.bokforing` (projection stream `$ce-finsam.bokforing`) holds
 * every förbund's books, `finsam.deltagare` every förbund's participants, and nothing of
 * another application sharing the server.
 *
 * The prefix is reserved for the ledger: every stream whose name starts with it must hold
 * ledger envelopes, since `readAll` decodes them all.
 */
export interface StreamMapping {
  readonly streamPrefix: string;
  /** Our stream id to the EventStoreDB stream name. */
  toEventStoreDBStreamName(streamId: string): string;
  /**
   * The EventStoreDB stream name back to our stream id, or `undefined` for a stream that is not
   * ours.
   */
  toStreamId(streamName: string): string | undefined;
}

/** The default stream prefix: a namespace that keeps our categories (`finsam.bokforing`). */
export const defaultStreamPrefix = 'finsam.';

/** Limits on the prefix, so that prefix + stream id stays a reasonable EventStoreDB stream name. */
export const streamPrefixLengthMax = 100;

// Printable, no white space, never starting with `$` (EventStoreDB's system streams).
const streamPrefixPattern = /^[^\s$\p{C}][^\s\p{C}]*$/u;

/**
 * Creates the mapping for a prefix; throws a `LedgerError` (`VALIDATION_FAILED` naming
 * `streamPrefix`) on a malformed prefix.
 */
export function createStreamMapping(streamPrefix: string = defaultStreamPrefix): StreamMapping {
  if (
    typeof streamPrefix !== 'string' ||
    streamPrefix.length === 0 ||
    streamPrefix.length > streamPrefixLengthMax
  ) {
    throw invalidOptionError(
      'streamPrefix',
      'stream-prefix-length',
      `must be 1 to ${streamPrefixLengthMax} characters`,
    );
  }
  if (!streamPrefixPattern.test(streamPrefix)) {
    throw invalidOptionError(
      'streamPrefix',
      'stream-prefix-characters',
      'must be printable, without white space, and must not start with $',
    );
  }
  return {
    streamPrefix,
    toEventStoreDBStreamName: (streamId) => `${streamPrefix}${streamId}`,
    toStreamId: (streamName) =>
      streamName.startsWith(streamPrefix) && streamName.length > streamPrefix.length
        ? streamName.slice(streamPrefix.length)
        : undefined,
  };
}

/**
 * Our expected revision in the client's terms: `'any'` → `ANY`, `'no_stream'` → `NO_STREAM`,
 * `'stream_exists'` → `STREAM_EXISTS`, a number → the same number as a `bigint`.
 *
 * The adapter itself sends the exact revision it observed (see `adapter.ts`), which is at
 * least as strict; this is the direct mapping, for documentation and for callers that use
 * the client themselves.
 */
export function toEventStoreDBExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      assert(
        Number.isSafeInteger(expected) && expected >= 0,
        'a numeric expected revision is a whole number >= 0',
        { expected },
      );
      return BigInt(expected);
  }
}
