/**
 * Helpers for this package's tests: test support, never published (`*.testSupport.ts`
 * files are left out of the package's `files`).
 */
import { fail } from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExecutionContext, TestFn } from 'ava';
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type {
  AppendResult,
  ExpectedRevision,
  LedgerError,
  NewEvent,
  StoredEvent,
} from '@finsam-ledger/core';
import { openFileEventStore, type FileEventStore, type FileEventStoreOptions } from './adapter.js';
import type { FileStoreWarning } from './lock.js';
import { decodeWriterIndex, writerIndexPath, type SavedWriterIndex } from './writerIndexFile.js';

/** A fresh temporary directory, removed when the test ends. */
export async function temporaryDirectory(t: ExecutionContext): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-adapter-file-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

/** Opens a store and fails the test if it cannot; warnings are collected into `warnings`. */
export async function openOk(
  path: string,
  options: Partial<FileEventStoreOptions> & { warnings?: FileStoreWarning[] } = {},
): Promise<FileEventStore> {
  const warnings = options.warnings;
  const opened = await openFileEventStore({
    path,
    ...(options.mode === undefined ? {} : { mode: options.mode }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.existing === undefined ? {} : { existing: options.existing }),
    ...(options.durableWriteThread === undefined
      ? {}
      : { durableWriteThread: options.durableWriteThread }),
    ...(options.preallocateBytes === undefined
      ? {}
      : { preallocateBytes: options.preallocateBytes }),
    ...(options.writerIndexSaveEvents === undefined
      ? {}
      : { writerIndexSaveEvents: options.writerIndexSaveEvents }),
    onWarning: (warning) => {
      if (warnings === undefined) fail(`unexpected warning: ${warning.code} ${warning.message}`);
      warnings.push(warning);
    },
  })();
  if (E.isLeft(opened)) throw opened.left;
  return opened.right;
}

/** Runs the task and gives its value, or throws its error: for set-ups that must not fail. */
export async function ok<Value>(task: TaskEither<LedgerError, Value>): Promise<Value> {
  const result = await task();
  if (E.isLeft(result)) throw result.left;
  return result.right;
}

/** Appends and fails the test if the append is refused. */
export async function appendOk(
  store: FileEventStore,
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision = 'any',
): Promise<AppendResult> {
  const result = await store.appendToStream(streamId, events, { expectedRevision })();
  if (E.isLeft(result)) throw result.left;
  return result.right;
}

/** SHA-256 of a whole file, to prove that something left it untouched. */
export async function fileHash(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/** The writer's index saved beside the store at `path` (`STORE.ids`), decoded. */
export async function savedWriterIndexOf(path: string): Promise<SavedWriterIndex> {
  const bytes = await readFile(writerIndexPath(path));
  const header = JSON.parse(bytes.toString('utf8', 0, bytes.indexOf(0x0a))) as {
    body: { storeId: string; headerHash: string };
  };
  const decoded = decodeWriterIndex(bytes, header.body.storeId, header.body.headerHash);
  if (typeof decoded === 'string') throw new Error(`the index does not decode: ${decoded}`);
  return decoded;
}

/** Collects an async iterable (only for the small stores of tests). */
export async function collect(iterable: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

/** The byte ranges of the lines of a file (without their newlines). */
export function lineRanges(bytes: Buffer): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let start = 0;
  for (let index = 0; index < bytes.length; index += 1) {
    if (bytes[index] === 0x0a) {
      ranges.push({ start, end: index });
      start = index + 1;
    }
  }
  if (start < bytes.length) ranges.push({ start, end: bytes.length });
  return ranges;
}

/**
 * Bundles `crashTestChild.testSupport.ts` (with the adapter and the core) into one plain ES module,
 * so
 * that each child process starts with plain `node` in about 0.1 s instead of about 0.65 s
 * through tsx's loader. The crash test starts hundreds of children, so this matters.
 */
export async function buildChildScript(directory: string): Promise<string> {
  const { build } = await import('tsup');
  await build({
    entry: {
      crashTestChild: fileURLToPath(new URL('./crashTestChild.testSupport.ts', import.meta.url)),
    },
    outDir: directory,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    bundle: true,
    noExternal: [/.*/],
    dts: false,
    sourcemap: false,
    silent: true,
    clean: false,
    config: false,
    outExtension: () => ({ js: '.mjs' }),
    esbuildOptions(options) {
      options.conditions = ['finsam-source'];
    },
    // A native addon cannot be bundled: the child imports it by its absolute path here.
    esbuildPlugins: [
      {
        name: 'native-addon-by-absolute-path',
        setup(plugin) {
          plugin.onResolve({ filter: /^fs-native-extensions$/ }, () => ({
            path: createRequire(import.meta.url).resolve('fs-native-extensions'),
            external: true,
          }));
        },
      },
    ],
  });
  return join(directory, 'crashTestChild.mjs');
}

/**
 * Builds the child script once before a test file's tests, into a temporary directory removed
 * after them; the function returned gives the script's path once it is built.
 */
export function childScriptOfFile(test: TestFn): () => string {
  let directory: string | undefined;
  let script: string | undefined;
  test.before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'finsam-adapter-file-child-'));
    script = await buildChildScript(directory);
  });
  test.after.always(async () => {
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });
  return () => script ?? fail('the child script is built before the tests run');
}

/** A running child process of `crashTestChild.testSupport.ts`. */
export interface Child {
  readonly process: ChildProcess;
  /** Complete lines the child wrote to stdout so far. */
  lines(): string[];
  stderr(): string;
  /** Resolves with the first complete stdout line that matches. */
  waitForLine(predicate: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `crashTestChild.mjs <mode> <storePath>` with plain node. */
export function startChild(
  script: string,
  mode: 'append-loop' | 'ledger-loop' | 'hold' | 'serve',
  storePath = '',
  env: Readonly<Record<string, string>> = {},
): Child {
  const child = spawn(process.execPath, [script, mode, storePath], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  const waiters: (() => void)[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const waiter of [...waiters]) waiter();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  // 'close', not 'exit': a child's last lines (the acks printed just before a kill) may still be
  // in the pipe when it exits; 'close' comes once its output is read to the end.
  let closed = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolveExit) => {
      child.on('close', (code, signal) => {
        closed = true;
        resolveExit({ code, signal });
        for (const waiter of [...waiters]) waiter();
      });
    },
  );
  const lines = (): string[] => {
    const all = stdout.split('\n');
    return all.slice(0, -1); // The part after the last newline is not a complete line yet.
  };
  return {
    process: child,
    lines,
    stderr: () => stderr,
    exited,
    waitForLine(predicate, timeoutMs = 20_000) {
      return new Promise((resolveLine, rejectLine) => {
        const timer = setTimeout(
          () =>
            rejectLine(
              new Error(
                `no matching line from the child within ${timeoutMs} ms; stdout ${stdout.slice(-500)} stderr ${stderr.slice(-500)}`,
              ),
            ),
          timeoutMs,
        );
        const check = (): void => {
          const found = lines().find(predicate);
          if (found !== undefined) {
            clearTimeout(timer);
            waiters.splice(waiters.indexOf(check), 1);
            resolveLine(found);
          } else if (closed) {
            clearTimeout(timer);
            waiters.splice(waiters.indexOf(check), 1);
            rejectLine(
              new Error(
                `the child exited without a matching line; stdout ${stdout.slice(-500)} stderr ${stderr.slice(-500)}`,
              ),
            );
          }
        };
        waiters.push(check);
        check();
      });
    },
  };
}

/** A child of {@link killAtRandomMoment}: its output, and the events it saw acknowledged. */
export interface KilledChild {
  readonly child: Child;
  /** The ids of its `ack` lines, in the order it printed them. */
  readonly acknowledged: string[];
}

/** How long a child may take to print its first `ack` line: a loaded machine is slow to start. */
const firstAcknowledgementTimeoutMs = 120_000;

/**
 * Starts a loop of `crashTestChild.mjs` on the store at `storePath`, waits until it is ready (or,
 * with `from: 'first-ack'`, until it has seen its first call acknowledged), kills it with SIGKILL
 * after a random delay between `delayMsMin` and `delayMsMax`, and waits for its exit; the test
 * fails unless the kill ended it and it printed no `error` line.
 */
export async function killAtRandomMoment(
  t: ExecutionContext,
  script: string,
  mode: 'append-loop' | 'ledger-loop',
  storePath: string,
  kill: {
    readonly iteration: number;
    readonly delayMsMin: number;
    readonly delayMsMax: number;
    /** Added to the child's environment. */
    readonly env?: Readonly<Record<string, string>>;
    /**
     * What the delay counts from: `ready` (the store is open, so the kill may land before the
     * child's first write) or `first-ack` (the child has an acknowledged call, however slow the
     * machine: a kill after it is a kill with acknowledged work to keep).
     */
    readonly from?: 'ready' | 'first-ack';
  },
): Promise<KilledChild> {
  const child = startChild(script, mode, storePath, kill.env);
  try {
    await child.waitForLine((line) => line === 'ready');
    if (kill.from === 'first-ack')
      await child.waitForLine((line) => line.startsWith('ack '), firstAcknowledgementTimeoutMs);
  } catch (thrown) {
    // A child left running would hold the store's lock and a core until the worker exits.
    child.process.kill('SIGKILL');
    throw thrown;
  }
  const delayMs = kill.delayMsMin + Math.random() * (kill.delayMsMax - kill.delayMsMin);
  await new Promise((resolveDelay) => setTimeout(resolveDelay, delayMs));
  child.process.kill('SIGKILL');
  const exit = await child.exited;
  t.is(
    exit.signal,
    'SIGKILL',
    `iteration ${kill.iteration}: the child was still running when killed; stdout ${child.lines().slice(-3).join(' | ')} stderr ${child.stderr()}`,
  );
  const errors = child.lines().filter((line) => line.startsWith('error'));
  t.deepEqual(errors, [], `iteration ${kill.iteration}`);
  const acknowledged: string[] = [];
  for (const line of child.lines())
    if (line.startsWith('ack ')) acknowledged.push(...line.slice(4).split(','));
  return { child, acknowledged };
}
