import type {
  AllStreamResolvedEvent,
  AppendResult,
  AppendToStreamOptions,
  EventData,
  ReadAllOptions,
  ReadStreamOptions,
  ResolvedEvent,
} from '@eventstore/db-client';

/** A read in progress: its events, and (on `@eventstore/db-client`) a way to stop it early. */
export type ClientRead<T> = AsyncIterable<T> & { cancel?(): Promise<void> };

/**
 * The client calls the store makes, as `@eventstore/db-client`'s `EventStoreDBClient` has
 * them. `@kurrent/kurrentdb-client`'s `KurrentDBClient`, its successor on the same gRPC
 * protocol, has the same calls, options and error types (its reads are plain async
 * iterators, stopped through `return()`), so either package's client may be given; the
 * conformance and fault specs run both against the emulator.
 */
export interface EventStoreDBClientLike {
  appendToStream(
    streamName: string,
    events: EventData[],
    options?: AppendToStreamOptions,
  ): Promise<AppendResult>;
  readStream(streamName: string, options?: ReadStreamOptions): ClientRead<ResolvedEvent>;
  readAll(options?: ReadAllOptions): ClientRead<AllStreamResolvedEvent>;
  dispose(): Promise<void>;
}
