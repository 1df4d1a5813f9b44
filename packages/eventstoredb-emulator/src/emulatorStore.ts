/**
 * The storage model of the emulator: streams of records and one transaction log, with the
 * write rules of EventStoreDB (expected revision, idempotent event ids) and its positions.
 *
 * Kept apart from the gRPC plumbing so that the rules read as rules.
 */
import { EmulatorError } from './error.js';

/** One stored event, as EventStoreDB keeps it. */
export interface EmulatorRecord {
  readonly streamName: string;
  readonly eventId: string;
  /** 0-based position in its stream. */
  readonly revision: number;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /**
   * When the record was written, in 100-nanosecond ticks since the Unix epoch (what the server
   * sends as `created`).
   */
  readonly createdTicks: string;
  /**
   * Position of the first record of the append that wrote this one: EventStoreDB's commit
   * position of an implicit transaction is shared by every event of one append.
   */
  readonly commitPosition: bigint;
  /** Byte offset of this record in the transaction log: unique and increasing in log order. */
  readonly preparePosition: bigint;
}

/** An event proposed by an append. */
export interface ProposedRecord {
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

/** The expected revision of an append, in the wire's four forms. */
export type WireExpectedRevision =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

/** What an append did. */
export type AppendOutcome =
  | {
      readonly kind: 'written';
      readonly currentRevision: number;
      readonly commitPosition: bigint;
      readonly preparePosition: bigint;
    }
  | {
      readonly kind: 'idempotent';
      readonly currentRevision: number;
      readonly commitPosition: bigint;
      readonly preparePosition: bigint;
    }
  | { readonly kind: 'wrong_expected_version'; readonly currentRevision: number | undefined };

/** Limits of the emulator's store, so that a runaway test fails instead of eating memory. */
export const emulatorStoreLimits = {
  /** Events the whole store may hold. */
  eventsStoredMax: 1_000_000,
  /**
   * Fixed bytes a log record takes besides its data and metadata (only for realistic positions).
   */
  recordOverheadBytes: 100,
} as const;

/** The emulator's storage. */
export class EmulatorStore {
  private readonly streams = new Map<string, EmulatorRecord[]>();
  /** Every record in log order: the `$all` stream. */
  readonly log: EmulatorRecord[] = [];
  private nextLogPosition = 0n;
  private readonly appendListeners = new Set<(streamName: string) => void>();

  /**
   * Calls `listener` with the stream's name after each append that wrote records, once they are
   * all in the stream and the log (a subscription reads them then: nothing is seen half
   * written); returns the function that stops it.
   */
  onAppend(listener: (streamName: string) => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  /** The stream's records, or undefined when it does not exist. */
  stream(streamName: string): readonly EmulatorRecord[] | undefined {
    return this.streams.get(streamName);
  }

  /**
   * Appends with EventStoreDB's rules:
   *
   * - A numeric expected revision N (or `no_stream`, which is N = -1): when the records at
   *   N+1, N+2, ... already carry the batch's ids in order, the append is an idempotent
   *   success that writes nothing. Otherwise the stream must be at N.
   * - `any` and `stream_exists`: when the first event's id is already in the stream and the
   *   following records carry the following ids, the append is an idempotent success. (The
   *   server looks ids up in a bounded cache of recent writes; the emulator looks at the
   *   whole stream, which is the most generous reading of that rule.)
   * - A batch that only partly matches stored ids is a wrong expected version, as on the
   *   server; that is why the adapter never relies on the server's deduplication alone.
   */
  append(
    streamName: string,
    expected: WireExpectedRevision,
    proposed: readonly ProposedRecord[],
  ): AppendOutcome {
    const records = this.streams.get(streamName);
    const current = records === undefined || records.length === 0 ? undefined : records.length - 1;

    const idempotent = this.idempotentOutcome(records, expected, proposed);
    if (idempotent !== undefined) return idempotent;

    if (!matchesExpected(expected, current))
      return { kind: 'wrong_expected_version', currentRevision: current };
    if (proposed.length === 0) {
      // An empty append checks the expected revision and writes nothing, as on the server.
      return {
        kind: 'written',
        currentRevision: current ?? -1,
        commitPosition: this.nextLogPosition,
        preparePosition: this.nextLogPosition,
      };
    }
    if (this.log.length + proposed.length > emulatorStoreLimits.eventsStoredMax) {
      throw new EmulatorError(
        'EMULATOR_FULL',
        `The emulator holds at most ${emulatorStoreLimits.eventsStoredMax} events`,
      );
    }
    const last = this.write(streamName, records ?? [], proposed);
    return {
      kind: 'written',
      currentRevision: last.revision,
      commitPosition: last.commitPosition,
      preparePosition: last.preparePosition,
    };
  }

  /** Writes a non-empty batch at the end of the stream and of the log; returns its last record. */
  private write(
    streamName: string,
    target: EmulatorRecord[],
    proposed: readonly ProposedRecord[],
  ): EmulatorRecord {
    const commitPosition = this.nextLogPosition;
    const createdTicks = String(BigInt(Date.now()) * 10_000n);
    let last: EmulatorRecord | undefined;
    for (const event of proposed) {
      const record: EmulatorRecord = {
        streamName,
        eventId: event.eventId,
        revision: target.length,
        type: event.type,
        contentType: event.contentType,
        data: event.data,
        customMetadata: event.customMetadata,
        createdTicks,
        commitPosition,
        preparePosition: this.nextLogPosition,
      };
      this.nextLogPosition += BigInt(
        emulatorStoreLimits.recordOverheadBytes + event.data.length + event.customMetadata.length,
      );
      target.push(record);
      this.log.push(record);
      last = record;
    }
    this.streams.set(streamName, target);
    if (last === undefined)
      throw new EmulatorError('ASSERTION_FAILED', 'a non-empty append wrote a record');
    for (const listener of [...this.appendListeners]) listener(streamName);
    return last;
  }

  /** True when `position` is where a record starts, or the end of the log. */
  isRecordBoundary(position: bigint): boolean {
    return (
      position === this.nextLogPosition ||
      this.log.some((record) => record.preparePosition === position)
    );
  }

  /** Writes a record outside the client protocol, e.g. the system events every server holds. */
  seed(streamName: string, type: string, data: object): void {
    this.append(streamName, { kind: 'any' }, [
      {
        eventId: globalThis.crypto.randomUUID(),
        type,
        contentType: 'application/json',
        data: Buffer.from(JSON.stringify(data), 'utf8'),
        customMetadata: new Uint8Array(),
      },
    ]);
  }

  private idempotentOutcome(
    records: readonly EmulatorRecord[] | undefined,
    expected: WireExpectedRevision,
    proposed: readonly ProposedRecord[],
  ): AppendOutcome | undefined {
    if (records === undefined || proposed.length === 0) return undefined;
    let start: number;
    if (expected.kind === 'revision' || expected.kind === 'no_stream') {
      start = expected.kind === 'no_stream' ? 0 : Number(expected.revision) + 1;
    } else {
      const first = proposed[0]!.eventId;
      start = records.findIndex((record) => record.eventId === first);
      if (start < 0) return undefined;
    }
    const partial = (): AppendOutcome | undefined =>
      // For `any`, the first id was found: a batch that then diverges is refused, never written
      // twice.
      expected.kind === 'any' || expected.kind === 'stream_exists'
        ? { kind: 'wrong_expected_version', currentRevision: records.length - 1 }
        : undefined;
    if (start + proposed.length > records.length) return partial();
    for (let index = 0; index < proposed.length; index += 1) {
      if (records[start + index]!.eventId !== proposed[index]!.eventId) return partial();
    }
    const last = records[start + proposed.length - 1]!;
    return {
      kind: 'idempotent',
      currentRevision: last.revision,
      commitPosition: last.commitPosition,
      preparePosition: last.preparePosition,
    };
  }
}

/** Whether the stream's current revision is what the append expects. */
function matchesExpected(expected: WireExpectedRevision, current: number | undefined): boolean {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no_stream':
      return current === undefined;
    case 'stream_exists':
      return current !== undefined;
    case 'revision':
      return current !== undefined && BigInt(current) === expected.revision;
  }
}
