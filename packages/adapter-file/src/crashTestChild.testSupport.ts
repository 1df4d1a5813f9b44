/**
 * A child process for the crash and lock tests: test support, never published:
 *
 * - `append-loop <path>`: opens the store for writing, prints `ready`, then appends single
 *   events and batches to a few streams for ever, printing `ack <id>,<id>,...` after each
 *   append resolves, i.e. once it is acknowledged. The parent kills it with SIGKILL at a
 *   random moment.
 * - `hold <path>`: opens the store for writing and prints `ready` (or `refused <code> <pid>`),
 *   then keeps the store open until stdin closes.
 * - `serve`: a long-lived opener for the lock races, one command a line on stdin:
 *   `open <path>` prints `ready` or `refused <code> <pid>`; `append` appends one event to
 *   the open store and prints `ack <id>`; `close` closes it and prints `closed`.
 *
 * Run with `node --import tsx --conditions=finsam-source crashTestChild.testSupport.ts <mode>
 * <path>`.
 */
import * as E from 'fp-ts/Either';
import { newEventId, type NewEvent } from '@finsam-ledger/core';
import { openFileEventStore, type FileEventStore } from './adapter.js';

const [mode, path] = process.argv.slice(2);
if (mode === 'serve') {
  await serve();
} else if ((mode !== 'append-loop' && mode !== 'hold') || path === undefined) {
  process.stderr.write('usage: crashTestChild.testSupport.ts append-loop|hold <path> | serve\n');
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

async function serve(): Promise<void> {
  const { createInterface } = await import('node:readline');
  let store: FileEventStore | undefined;
  let sequence = 0;
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, argument] = line.split(' ');
    if (command === 'open') {
      const opened = await openFileEventStore({ path: argument!, onWarning: () => undefined })();
      if (E.isLeft(opened)) {
        process.stdout.write(
          `refused ${opened.left.code} ${String(opened.left.details['pid'] ?? '')}\n`,
        );
      } else {
        store = opened.right;
        process.stdout.write('ready\n');
      }
    } else if (command === 'append' && store !== undefined) {
      sequence += 1;
      const event = testEvent(sequence, 'race');
      const result = await store.appendToStream('race', [event])();
      process.stdout.write(
        E.isLeft(result) ? `error ${result.left.code}\n` : `ack ${event.eventId}\n`,
      );
    } else if (command === 'close' && store !== undefined) {
      await store.close();
      store = undefined;
      process.stdout.write('closed\n');
    }
  }
}

async function openAndRun(mode: 'append-loop' | 'hold', path: string): Promise<void> {
  const opened = await openFileEventStore({
    path,
    onWarning: (warning) => process.stderr.write(`warning ${warning.code} ${warning.message}\n`),
  })();
  if (E.isLeft(opened)) {
    process.stdout.write(
      `refused ${opened.left.code} ${String(opened.left.details['pid'] ?? '')}\n`,
    );
    process.exit(0);
  }
  const store = opened.right;
  process.stdout.write('ready\n');

  if (mode === 'hold') {
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
    }
  }
}
