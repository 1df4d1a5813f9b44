import { FORWARDS, type AllStreamResolvedEvent, type ResolvedEvent } from '@eventstore/db-client';
import { ledgerError } from '@finsam-ledger/core';
import { fromEventStoreDBError } from './error.js';
import type { ClientRead } from './EventStoreDBClientLike.js';
import type { EventStoreDBContext } from './eventStoreDBContext.js';

/** A page of a read: its events, and whether the stream does not exist. */
export interface Page<T> {
  readonly events: T[];
  readonly notFound: boolean;
}

/**
 * Reads one page: at most `maxCount` events, within the deadline. The client gives reads
 * no deadline of their own, so the adapter cancels a page that takes longer than
 * `deadlineMs`. `notFound` is true when the stream does not exist.
 */
export async function readPage<T extends ResolvedEvent | AllStreamResolvedEvent>(
  context: EventStoreDBContext,
  open: () => ClientRead<T>,
  details: Record<string, unknown>,
): Promise<Page<T>> {
  const { deadlineMs } = context;
  const events: T[] = [];
  let timer: NodeJS.Timeout | undefined;
  let stream: ClientRead<T> | undefined;
  let iterator: AsyncIterator<T> | undefined;
  const deadlineError = ledgerError(
    'DEADLINE_EXCEEDED',
    `EventStoreDB: a read page took longer than ${deadlineMs} ms`,
    { details: { ...details, deadlineMs } },
  );
  const collecting = (async () => {
    stream = open();
    iterator = stream[Symbol.asyncIterator]();
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next())
      events.push(next.value);
  })();
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(deadlineError), deadlineMs);
  });
  try {
    await Promise.race([collecting, deadline]);
    return { events, notFound: false };
  } catch (thrown) {
    if (thrown === deadlineError) {
      collecting.catch(() => undefined);
      // @eventstore/db-client's reads cancel; @kurrent/kurrentdb-client's stop on return().
      if (stream?.cancel !== undefined) await stream.cancel().catch(() => undefined);
      else await iterator?.return?.().catch(() => undefined);
      throw deadlineError;
    }
    const error = fromEventStoreDBError(thrown, details);
    if (error.code === 'STREAM_NOT_FOUND') return { events: [], notFound: true };
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** One page of a stream, from a revision. */
export const readStreamPage = (
  context: EventStoreDBContext,
  streamName: string,
  fromRevision: number,
  maxCount: number,
): Promise<Page<ResolvedEvent>> =>
  readPage(
    context,
    () =>
      context.client.readStream(streamName, {
        fromRevision: BigInt(fromRevision),
        maxCount,
        direction: FORWARDS,
      }),
    { streamName, fromRevision },
  );
