import { assert } from '@finsam-ledger/core/store';

/**
 * Our `globalPosition` is EventStoreDB's **prepare position**: the byte offset of the event's
 * record in the transaction log.
 *
 * Why not the commit position: every event of one append shares the append's commit
 * position, so it does not tell the events of a batch apart. The prepare position is unique
 * per event and, for the implicit transactions that every gRPC append is, increases in
 * exactly the `$all` order (commit position first, then prepare position). Resuming from a
 * position reads the log from the record at that prepare position.
 *
 * It is a byte offset, so it stays far below `Number.MAX_SAFE_INTEGER` (8 PiB of log);
 * the conversion asserts it.
 */
export function toGlobalPosition(position: {
  readonly commit: bigint;
  readonly prepare: bigint;
}): number {
  assert(
    position.prepare >= 0n && position.prepare <= BigInt(Number.MAX_SAFE_INTEGER),
    'an EventStoreDB prepare position fits a JS number',
    { prepare: position.prepare.toString() },
  );
  assert(
    position.commit <= position.prepare,
    'a commit position is never past its prepare position',
    { commit: position.commit.toString(), prepare: position.prepare.toString() },
  );
  return Number(position.prepare);
}

/** The EventStoreDB position to start reading `$all` at, for our `fromPosition`. */
export function fromGlobalPosition(globalPosition: number): {
  readonly commit: bigint;
  readonly prepare: bigint;
} {
  assert(
    Number.isSafeInteger(globalPosition) && globalPosition >= 0,
    'a global position is a whole number >= 0',
    { globalPosition },
  );
  return { commit: BigInt(globalPosition), prepare: BigInt(globalPosition) };
}
