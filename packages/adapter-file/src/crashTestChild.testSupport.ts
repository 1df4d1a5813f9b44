/**
 * A child process for the crash and lock tests: test support, never published:
 *
 * - `append-loop <path>`: opens the store for writing, prints `ready`, then appends single
 *   events and batches to a few streams for ever, printing `ack <id>,<id>,...` after each
 *   append resolves, i.e. once it is acknowledged. The parent kills it with SIGKILL at a
 *   random moment.
 * - `ledger-loop <path>`: opens the store for writing, prints `ready`, records an opening
 *   balance, then costs through a ledger's `recordAll` in batches of 1 to 40, keeping 8 calls in
 *   flight (the ledger checks the next batches while one is appended), printing `ack <id>,...`
 *   as each call settles, for ever.
 * - `hold <path>`: opens the store for writing and prints `ready` (or `refused <code> <pid>`),
 *   then keeps the store open until stdin closes.
 * - `serve`: a long-lived opener for the lock races, one command a line on stdin:
 *   `open <path>` prints `ready` or `refused <code> <pid>`; `append` appends one event to
 *   the open store and prints `ack <id>` (`append <n>`: a batch of n events, `ack <id>,<id>,...`);
 *   `close` closes it and prints `closed`.
 *
 * `FINSAM_TEST_PREALLOCATE_BYTES` in the environment opens the store with that `preallocateBytes`,
 * `FINSAM_TEST_WRITER_INDEX_SAVE_EVENTS` with that `writerIndexSaveEvents`;
 * `FINSAM_TEST_IDLE_BETWEEN_APPENDS=1` makes `append-loop` leave the writer quiet for longer than
 * twice its quiet period after every tenth append, every second with `FINSAM_TEST_QUIET_MS` (a
 * service's pace: the writer saves its index when it has been quiet that long), and print
 * `index-saved` each time the writer renames a saved index into place after `ready` (its idle
 * saves: the child never closes); `FINSAM_TEST_QUIET_MS` sets that quiet period (through
 * `quietTimerSeam`; default `writerIndexSaveQuietMs`), so that the crash test's kills land among
 * idle saves.
 *
 * Run with `node --import tsx --conditions=finsam-source crashTestChild.testSupport.ts <mode>
 * <path>`.
 */
import * as E from 'fp-ts/Either';
import { createLedger, newEventId, type EventToRecord, type NewEvent } from '@finsam-ledger/core';
import { openFileEventStore, type FileEventStore } from './adapter.js';
import { quietTimerSeam, writerIndexSaveQuietMs } from './idleWriterIndexSave.js';
import { writerIndexFileSeam } from './writerIndexFile.js';

const [mode, path] = process.argv.slice(2);
const idleBetweenAppends = process.env['FINSAM_TEST_IDLE_BETWEEN_APPENDS'] === '1';
const quietMs = Number(process.env['FINSAM_TEST_QUIET_MS'] ?? writerIndexSaveQuietMs);
quietTimerSeam.after = (_quietMs, then) => void setTimeout(then, quietMs).unref();
/** Every tenth append, or every second one with a quiet period set (the crash test's kills). */
const appendsBetweenPauses = process.env['FINSAM_TEST_QUIET_MS'] === undefined ? 10 : 2;
let appendCount = 0;
if (mode === 'serve') {
  await serve();
} else if (
  (mode !== 'append-loop' && mode !== 'hold' && mode !== 'ledger-loop') ||
  path === undefined
) {
  process.stderr.write(
    'usage: crashTestChild.testSupport.ts append-loop|ledger-loop|hold <path> | serve\n',
  );
  process.exit(2);
} else {
  await openAndRun(mode, path);
}

function testEvent(sequence: number, text: string): NewEvent {
  return {
    eventId: newEventId(),
    type: 'KraschTest',
    schemaVersion: 1,
    data: { sequence, text },
    metadata: { recordedAt: new Date().toISOString(), recordedBy: 'crash-test' },
  };
}

/** `FINSAM_TEST_WRITER_INDEX_SAVE_EVENTS`, when the environment sets it. */
function writerIndexSaveEventsOfEnvironment(): number | undefined {
  const value = process.env['FINSAM_TEST_WRITER_INDEX_SAVE_EVENTS'];
  return value === undefined ? undefined : Number(value);
}

async function serve(): Promise<void> {
  const { createInterface } = await import('node:readline');
  let store: FileEventStore | undefined;
  let sequence = 0;
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, argument] = line.split(' ');
    if (command === 'open') {
      const opened = await openFileEventStore({
        path: argument!,
        onWarning: () => undefined,
        writerIndexSaveEvents: writerIndexSaveEventsOfEnvironment(),
      })();
      if (E.isLeft(opened)) {
        process.stdout.write(
          `refused ${opened.left.code} ${String(opened.left.details['pid'] ?? '')}\n`,
        );
      } else {
        store = opened.right;
        process.stdout.write('ready\n');
      }
    } else if (command === 'append' && store !== undefined) {
      const events = Array.from({ length: Number(argument ?? 1) }, () =>
        testEvent((sequence += 1), 'race'),
      );
      const result = await store.appendToStream('race', events)();
      process.stdout.write(
        E.isLeft(result)
          ? `error ${result.left.code}\n`
          : `ack ${events.map((event) => event.eventId).join(',')}\n`,
      );
    } else if (command === 'close' && store !== undefined) {
      await store.close();
      store = undefined;
      process.stdout.write('closed\n');
    }
  }
}

async function openAndRun(
  mode: 'append-loop' | 'ledger-loop' | 'hold',
  path: string,
): Promise<void> {
  const preallocateBytes = Number(process.env['FINSAM_TEST_PREALLOCATE_BYTES'] ?? 0);
  const opened = await openFileEventStore({
    path,
    onWarning: (warning) => process.stderr.write(`warning ${warning.code} ${warning.message}\n`),
    preallocateBytes,
    writerIndexSaveEvents: writerIndexSaveEventsOfEnvironment(),
  })();
  if (E.isLeft(opened)) {
    process.stdout.write(
      `refused ${opened.left.code} ${String(opened.left.details['pid'] ?? '')}\n`,
    );
    process.exit(0);
  }
  const store = opened.right;
  process.stdout.write('ready\n');
  if (idleBetweenAppends) reportIndexRenames();

  if (mode === 'ledger-loop') {
    await ledgerLoop(store);
  } else if (mode === 'hold') {
    process.stdin.resume();
    process.stdin.on('end', () => {
      void store.close().then(() => process.exit(0));
    });
  } else {
    const streams = ['crash-a', 'crash-b', 'crash-c'];
    const lastRevision = new Map<string, number>();
    let sequence = 0;
    for (;;) {
      const streamId = streams[Math.floor(Math.random() * streams.length)]!;
      const size = Math.random() < 0.5 ? 1 : 2 + Math.floor(Math.random() * 30);
      const events: NewEvent[] = Array.from({ length: size }, () => {
        sequence += 1;
        return testEvent(sequence, 'x'.repeat(Math.floor(Math.random() * 200)));
      });
      const known = lastRevision.get(streamId);
      const result = await store.appendToStream(streamId, events, {
        expectedRevision: known === undefined ? 'any' : known,
      })();
      if (E.isLeft(result)) {
        process.stdout.write(`error ${result.left.code} ${result.left.message}\n`);
        process.exit(1);
      }
      lastRevision.set(streamId, result.right.nextExpectedRevision);
      process.stdout.write(`ack ${events.map((event) => event.eventId).join(',')}\n`);
      appendCount += 1;
      if (idleBetweenAppends && appendCount % appendsBetweenPauses === 0)
        await new Promise((resolve) => setTimeout(resolve, 2 * quietMs + 5));
    }
  }
}

/** Prints `index-saved` after each rename of a saved writer index into place. */
function reportIndexRenames(): void {
  const rename = writerIndexFileSeam.rename;
  writerIndexFileSeam.rename = async (from, to) => {
    await rename(from, to);
    process.stdout.write('index-saved\n');
  };
}

/**
 * The opening balance of the ledger loop: the same id in every child, so a retry is a no-op. (A
 * function declaration: the module's top level runs the loop before a constant down here is set.)
 */
function openingBalance(): EventToRecord {
  return {
    type: 'IngåendeBalansRegistrerad',
    data: {
      datum: '2021-01-01',
      text: 'IB',
      kassaOchBank: '100000.00',
      momsfordran: '0.00',
      balanseratResultat: '100000.00',
      öppnaPoster: [],
    },
    options: {
      metadata: { recordedAt: '2021-01-01T08:00:00.000Z', recordedBy: 'crash-test' },
      eventId: '0b6f9f7e-4a51-4c1e-9b43-2f5a3c3d8e11',
    },
  };
}

/** A cost of 1 250 kr paid from the bank. */
function bankCost(): EventToRecord {
  return {
    type: 'KostnadBokförd',
    data: {
      datum: '2021-03-01',
      område: 'operativa',
      post: 'MIA vidare',
      belopp: '1000.00',
      moms: '250.00',
      text: 'Kostnad',
      betalning: { sätt: 'bank' },
    },
    options: {
      metadata: { recordedAt: new Date().toISOString(), recordedBy: 'crash-test' },
      eventId: newEventId(),
    },
  };
}

async function ledgerLoop(store: FileEventStore): Promise<void> {
  const ledger = createLedger({ store, förbundId: 'krasch' });
  const opened = await ledger.recordAll([openingBalance()])();
  if (E.isLeft(opened)) {
    process.stdout.write(`error ${opened.left.code} ${opened.left.message}\n`);
    process.exit(1);
  }
  const inFlight: { ids: string[]; settled: ReturnType<ReturnType<typeof ledger.recordAll>> }[] =
    [];
  for (;;) {
    const batch = Array.from({ length: 1 + Math.floor(Math.random() * 40) }, () => bankCost());
    const ids = batch.map((event) => event.options.eventId!);
    inFlight.push({ ids, settled: ledger.recordAll(batch)() });
    if (inFlight.length < 8) continue;
    const oldest = inFlight.shift()!;
    const result = await oldest.settled;
    if (E.isLeft(result)) {
      process.stdout.write(`error ${result.left.code} ${result.left.message}\n`);
      process.exit(1);
    }
    process.stdout.write(`ack ${oldest.ids.join(',')}\n`);
  }
}
