import test from 'ava';
import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { isLedgerError, ledgerError, type ErrorCode } from '@finsam-ledger/core';
import {
  eventStoreDBLimits,
  getEventStoreDBEventStore,
  type EventStoreDBEventStoreOptions,
} from './adapter.js';
import { fromEventStoreDBError, isInvalidOptionError } from './error.js';
import { fromGlobalPosition, toGlobalPosition } from './globalPosition.js';
import { backoffMs, resolveRetryPolicy, withRetry, type RetryEvent } from './retry.js';
import { createStreamMapping, toEventStoreDBExpectedRevision } from './streamMapping.js';

const mapped: ReadonlyArray<readonly [string, unknown, ErrorCode]> = [
  [
    'wrong expected version',
    new WrongExpectedVersionError(null as never, { streamName: 's', current: 1n, expected: 0n }),
    'CONCURRENCY_CONFLICT',
  ],
  ['stream not found', new StreamNotFoundError(null as never, 's'), 'STREAM_NOT_FOUND'],
  ['access denied', new AccessDeniedError(), 'ACCESS_DENIED'],
  ['deadline exceeded', new DeadlineExceededError(), 'DEADLINE_EXCEEDED'],
  ['server timeout', new TimeoutError(), 'DEADLINE_EXCEEDED'],
  ['unavailable', new UnavailableError(), 'STORE_UNAVAILABLE'],
  ['cancelled by the server', new CancelledError(), 'STORE_UNAVAILABLE'],
  ['maximum append size', MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576), 'INVALID_EVENT'],
  ['stream deleted', StreamDeletedError.fromStreamName('s'), 'IO_ERROR'],
  ['unknown', new UnknownError(), 'IO_ERROR'],
  [
    'cluster discovery failure',
    new Error('Failed to discover after 10 attempts.'),
    'STORE_UNAVAILABLE',
  ],
  [
    'a raw gRPC UNAVAILABLE',
    Object.assign(new Error('14 UNAVAILABLE'), { code: 14 }),
    'STORE_UNAVAILABLE',
  ],
  [
    'a raw gRPC PERMISSION_DENIED',
    Object.assign(new Error('7 PERMISSION_DENIED'), { code: 7 }),
    'ACCESS_DENIED',
  ],
  ['anything else', new Error('boom'), 'IO_ERROR'],
];

for (const [label, thrown, code] of mapped) {
  test(`error mapping: ${label} → ${code}`, (t) => {
    const error = fromEventStoreDBError(thrown, { streamId: 's' });
    t.is(error.code, code);
    t.is(error.cause, thrown);
    t.is(error.details['streamId'], 's');
  });
}

test('error mapping: a LedgerError passes through unchanged', (t) => {
  const original = ledgerError('EVENT_ID_CONFLICT', 'x');
  t.is(fromEventStoreDBError(original), original);
});

test('expected revision mapping: any, no_stream, stream_exists, numbers as bigint', (t) => {
  t.is(toEventStoreDBExpectedRevision('any'), 'any');
  t.is(toEventStoreDBExpectedRevision('no_stream'), 'no_stream');
  t.is(toEventStoreDBExpectedRevision('stream_exists'), 'stream_exists');
  t.is(toEventStoreDBExpectedRevision(41), 41n);
});

test('stream mapping: prefix + stream id and back; other streams are not ours; a $ prefix is refused', (t) => {
  const mapping = createStreamMapping();
  t.is(mapping.toEventStoreDBStreamName('bokforing-roslagen'), 'finsam.bokforing-roslagen');
  t.is(mapping.toStreamId('finsam.bokforing-roslagen'), 'bokforing-roslagen');
  t.is(mapping.toStreamId('$ce-finsam.bokforing'), undefined);
  t.is(mapping.toStreamId('finsam.'), undefined);
  t.is(mapping.toStreamId('other-1'), undefined);
  t.is(createStreamMapping('ledger-').toEventStoreDBStreamName('x'), 'ledger-x');
  for (const bad of ['$finsam.', '', 'has space', 'x'.repeat(101)]) {
    t.true(
      isLedgerError(
        t.throws(() => createStreamMapping(bad)),
        'VALIDATION_FAILED',
      ),
      bad,
    );
  }
});

test('global position: the prepare position, asserted to fit a JS number', (t) => {
  t.is(toGlobalPosition({ commit: 100n, prepare: 250n }), 250);
  t.deepEqual(fromGlobalPosition(250), { commit: 250n, prepare: 250n });
  t.true(
    isLedgerError(
      t.throws(() =>
        toGlobalPosition({ commit: 0n, prepare: BigInt(Number.MAX_SAFE_INTEGER) + 1n }),
      ),
      'ASSERTION_FAILED',
    ),
  );
  t.true(
    isLedgerError(
      t.throws(() => toGlobalPosition({ commit: 300n, prepare: 250n })),
      'ASSERTION_FAILED',
    ),
  );
});

test('retry: exponential backoff with jitter stays within [ceiling/2, ceiling] and under backoffMsMax', (t) => {
  const policy = resolveRetryPolicy({
    attemptsMax: 10,
    backoffMsInitial: 100,
    backoffMsMax: 1_000,
  });
  t.is(
    backoffMs(policy, 1, () => 1),
    100,
  );
  t.is(
    backoffMs(policy, 1, () => 0),
    50,
  );
  t.is(
    backoffMs(policy, 3, () => 1),
    400,
  );
  t.is(
    backoffMs(policy, 9, () => 1),
    1_000,
  );
  t.true(
    isLedgerError(
      t.throws(() => resolveRetryPolicy({ attemptsMax: 0 })),
      'VALIDATION_FAILED',
    ),
  );
  t.true(
    isLedgerError(
      t.throws(() => resolveRetryPolicy({ backoffMsInitial: 50, backoffMsMax: 10 })),
      'VALIDATION_FAILED',
    ),
  );
});

test('retry: only retryable errors are retried, at most attemptsMax times, and the count is reported', async (t) => {
  const policy = resolveRetryPolicy({ attemptsMax: 4, backoffMsInitial: 1, backoffMsMax: 2 });
  const retries: RetryEvent[] = [];
  let attempts = 0;
  const error = await t.throwsAsync(
    withRetry(
      'test',
      policy,
      (e) => e.code === 'STORE_UNAVAILABLE',
      async () => {
        attempts += 1;
        throw ledgerError('STORE_UNAVAILABLE', 'down');
      },
      (event) => retries.push(event),
    ),
  );
  t.is(attempts, 4);
  t.is(retries.length, 3);
  t.true(isLedgerError(error, 'STORE_UNAVAILABLE') && error.details['attempts'] === 4);
  attempts = 0;
  await t.throwsAsync(
    withRetry(
      'test',
      policy,
      (e) => e.code === 'STORE_UNAVAILABLE',
      async () => {
        attempts += 1;
        throw ledgerError('ACCESS_DENIED', 'no');
      },
    ),
  );
  t.is(attempts, 1, 'not retried');
  attempts = 0;
  t.is(
    await withRetry(
      'test',
      policy,
      () => true,
      async () =>
        (attempts += 1) < 3 ? Promise.reject(ledgerError('STORE_UNAVAILABLE', 'x')) : 'ok',
    ),
    'ok',
  );
  t.is(attempts, 3);
});

test('options: a malformed option is VALIDATION_FAILED naming it, never ASSERTION_FAILED', (t) => {
  const connectionString = 'esdb://127.0.0.1:1?tls=false';
  const cases: ReadonlyArray<readonly [Partial<EventStoreDBEventStoreOptions>, string]> = [
    [{ connectionString: undefined }, 'connectionString'],
    [{ connectionString: 'not a connection string' }, 'connectionString'],
    [{ deadlineMs: 0 }, 'deadlineMs'],
    [{ deadlineMs: 1.5 }, 'deadlineMs'],
    [{ readPageSize: eventStoreDBLimits.readPageSizeMax + 1 }, 'readPageSize'],
    [{ contentionAttemptsMax: 0 }, 'contentionAttemptsMax'],
    [{ retry: { attemptsMax: 0 } }, 'retry.attemptsMax'],
    [{ streamPrefix: '$system' }, 'streamPrefix'],
  ];
  for (const [options, path] of cases) {
    const error = t.throws(() => getEventStoreDBEventStore({ connectionString, ...options }));
    t.true(isInvalidOptionError(error), path);
    t.is(isLedgerError(error) ? error.issues[0]?.path : undefined, path);
  }
});
