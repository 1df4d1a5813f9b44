/**
 * The two client packages the store accepts, so that the conformance and fault specs run
 * the same cases with each: test support, never published.
 */
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import {
  getEventStoreDBEventStore,
  type EventStoreDBEventStore,
  type EventStoreDBEventStoreOptions,
} from './index.js';

/** `@eventstore/db-client`, the client the design names, and its successor. */
export const clientPackages = ['@eventstore/db-client', '@kurrent/kurrentdb-client'] as const;

/** One of {@link clientPackages}. */
export type ClientPackage = (typeof clientPackages)[number];

/** A short label for test names. */
export const clientLabel = (clientPackage: ClientPackage): string =>
  clientPackage === '@eventstore/db-client' ? 'db-client' : 'kurrentdb-client';

/**
 * A store on `connectionString` through a client of `clientPackage`. With the successor's
 * client the store is given the client, so its `close()` here also disposes it.
 */
export function storeWithClient(
  clientPackage: ClientPackage,
  options: Omit<EventStoreDBEventStoreOptions, 'client' | 'connectionString'> & {
    readonly connectionString: string;
  },
): EventStoreDBEventStore {
  if (clientPackage === '@eventstore/db-client') return getEventStoreDBEventStore(options);
  const { connectionString, ...rest } = options;
  const client = KurrentDBClient.connectionString(
    connectionString.replace(/^esdb(\+discover)?:\/\//, 'kurrentdb$1://'),
  );
  const store = getEventStoreDBEventStore({ ...rest, client });
  return {
    ...store,
    async close() {
      await store.close();
      await client.dispose();
    },
  };
}
