import type {
  AllStreamResolvedEvent,
  AppendResult,
  AppendToStreamOptions,
  EventData,
  ReadAllOptions,
  ReadStreamOptions,
  ResolvedEvent,
  SubscribeToStreamOptions,
} from '@eventstore/db-client';

/** A read in progress: its events, and (on `@eventstore/db-client`) a way to stop it early. */
export type ClientRead<T> = AsyncIterable<T> & { cancel?(): Promise<void> };

/**
 * A catch-up subscription as both clients return it: a Node.js `Readable` in object mode (read
 * with `read()` after `readable`) that says `confirmation` when the server confirmed it and ends
 * with `error` or `end`; `unsubscribe()` cancels it.
 */
export interface ClientSubscription {
  /** The next event the client buffered, or `null` when there is none now. */
  read(): ResolvedEvent | null;
  on(event: 'readable' | 'end' | 'close' | 'confirmation', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'readable' | 'end' | 'close' | 'confirmation', listener: () => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
  unsubscribe(): Promise<void>;
}

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
  subscribeToStream(streamName: string, options?: SubscribeToStreamOptions): ClientSubscription;
  dispose(): Promise<void>;
}
