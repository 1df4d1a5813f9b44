import test from 'ava';
import { registerEventStoreConformance } from '@finsam-ledger/core/testing';
import {
  startEventStoreDBEmulator,
  type EventStoreDBEmulator,
} from '@finsam-ledger/eventstoredb-emulator';
import {
  clientLabel,
  clientPackages,
  storeWithClient,
  type ClientPackage,
} from './clientPackages.testSupport.js';
import type { EventStoreDBEventStore } from './index.js';

/**
 * The shared conformance suite, driven through the real `@eventstore/db-client` over real
 * gRPC, and again through its successor `@kurrent/kurrentdb-client` (issue 14 item 13):
 * against the loopback emulator by default, or unchanged against a real EventStoreDB when
 * FINSAM_ESDB_CONNECTION_STRING is set (docs/adapter-eventstoredb.md says how).
 *
 * Each case gets its own stream prefix, so that `readAll` of a "new, empty store" is empty
 * even on a server that already holds other data.
 */
const realServer = process.env['FINSAM_ESDB_CONNECTION_STRING'];
let emulator: EventStoreDBEmulator | undefined;

test.before(async (t) => {
  if (realServer === undefined) {
    emulator = await startEventStoreDBEmulator();
    t.log(`conformance against the EventStoreDB emulator at ${emulator.connectionString}`);
  } else {
    t.log(
      `conformance against a real EventStoreDB: ${realServer.replace(/\/\/[^@/]*@/, '//***@')}`,
    );
  }
});

test.after.always(async () => {
  await emulator?.stop();
});

const connectionString = (): string => realServer ?? emulator!.connectionString;

const open = (clientPackage: ClientPackage, streamPrefix: string): EventStoreDBEventStore =>
  storeWithClient(clientPackage, {
    connectionString: connectionString(),
    streamPrefix,
    deadlineMs: 10_000,
    retry: { attemptsMax: 3, backoffMsInitial: 20, backoffMsMax: 100 },
  });

for (const clientPackage of clientPackages) {
  // The design's client keeps the suite's names as they were; the successor's are marked.
  const label =
    clientPackage === '@eventstore/db-client'
      ? ''
      : `[issue 14 item 13: ${clientLabel(clientPackage)}] `;
  registerEventStoreConformance(
    (name, run) =>
      test(`${label}${name}`, async (t) => {
        await run();
        t.pass();
      }),
    {
      create: async () =>
        open(clientPackage, `finsamtest${globalThis.crypto.randomUUID().slice(0, 8)}.`),
      // Durable: a new client on the same server and prefix sees every acknowledged event.
      reopen: async (store) => {
        const { streamPrefix } = (store as EventStoreDBEventStore).streamMapping;
        await store.close();
        return open(clientPackage, streamPrefix);
      },
    },
  );
}
