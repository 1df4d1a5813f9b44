import test from 'ava';
import * as E from 'fp-ts/Either';
import { makeTestEvent } from '@finsam-ledger/core/testing';
import { decodeEventRecordLine, encodeEventRecord, encodeHeader, toStoredEvent } from './format.js';
import { sealLine, sha256Hex, unsealLine } from './hashChain.js';

const zeroHash = '0'.repeat(64);

test('a sealed line carries the SHA-256 of its bytes before the seal, and unseals to the same hash', (t) => {
  const sealed = sealLine('{"a":1,"b":"å"}');
  const text = sealed.bytes.toString('utf8');
  t.true(text.endsWith(`,"hash":"${sealed.hash}"}\n`));
  t.is(sealed.hash, sha256Hex(Buffer.from('{"a":1,"b":"å"', 'utf8')));
  t.deepEqual(unsealLine(sealed.bytes.subarray(0, -1)), {
    claimedHash: sealed.hash,
    computedHash: sealed.hash,
  });
  t.is(unsealLine(Buffer.from('{"a":1}')), undefined);
});

test('an event record round-trips through encode and decode, and a changed byte is a checksum mismatch', (t) => {
  const event = makeTestEvent({
    metadata: { recordedAt: '2020-03-31T12:00:00.000Z', recordedBy: 'x', correlationId: 'c' },
  });
  const sealed = encodeEventRecord(
    {
      position: 7,
      streamId: 's',
      streamRevision: 2,
      batchIndex: 1,
      batchSize: 3,
      prev: zeroHash,
      storedAt: '2020-03-31T12:00:01.000Z',
    },
    event,
  );
  const decoded = decodeEventRecordLine(sealed.bytes.subarray(0, -1));
  if (E.isLeft(decoded)) return t.fail(decoded.left.message);
  t.deepEqual(toStoredEvent(decoded.right), {
    ...event,
    streamId: 's',
    streamRevision: 2,
    globalPosition: 7,
    storedAt: '2020-03-31T12:00:01.000Z',
  });
  t.is<string, string>(decoded.right.hash, sealed.hash);
  const damaged = Buffer.from(sealed.bytes.subarray(0, -1));
  damaged[20] = damaged[20]! ^ 1;
  const result = decodeEventRecordLine(damaged);
  t.true(E.isLeft(result) && result.left.kind === 'checksum-mismatch');
});

test('a sealed line that is not an event record is refused as malformed by io-ts', (t) => {
  const notARecord = sealLine(JSON.stringify({ position: -1, streamId: 's' }));
  const result = decodeEventRecordLine(notARecord.bytes.subarray(0, -1));
  t.true(E.isLeft(result) && result.left.kind === 'malformed');
  t.regex(E.isLeft(result) ? result.left.message : '', /position/);
  const badBatch = sealLine(
    JSON.stringify({
      ...JSON.parse(
        encodeEventRecord(
          {
            position: 0,
            streamId: 's',
            streamRevision: 0,
            batchIndex: 0,
            batchSize: 1,
            prev: zeroHash,
            storedAt: '2020-03-31T12:00:01.000Z',
          },
          makeTestEvent(),
        ).bytes.toString('utf8'),
      ),
      hash: undefined,
      batchIndex: 3,
    }),
  );
  const refused = decodeEventRecordLine(badBatch.bytes.subarray(0, -1));
  t.true(E.isLeft(refused) && refused.left.kind === 'malformed');
});

test('the header names the format and its version first, for a person reading the file', (t) => {
  t.regex(
    encodeHeader('id', '2026-01-01T00:00:00.000Z').bytes.toString('utf8'),
    /^\{"format":"finsam-ledger\/file-store","formatVersion":1,/,
  );
});

test('a record written before stores stamped (no storedAt) still decodes, as an event without storedAt', (t) => {
  const event = makeTestEvent();
  const stamped = JSON.parse(
    encodeEventRecord(
      {
        position: 0,
        streamId: 's',
        streamRevision: 0,
        batchIndex: 0,
        batchSize: 1,
        prev: zeroHash,
        storedAt: '2020-03-31T12:00:01.000Z',
      },
      event,
    ).bytes.toString('utf8'),
  ) as Record<string, unknown>;
  const { storedAt: _storedAt, hash: _hash, ...unstamped } = stamped;
  const legacy = sealLine(JSON.stringify(unstamped));
  const decoded = decodeEventRecordLine(legacy.bytes.subarray(0, -1));
  if (E.isLeft(decoded)) return t.fail(decoded.left.message);
  const stored = toStoredEvent(decoded.right);
  t.false('storedAt' in stored);
  t.is(stored.eventId, event.eventId);
});

test('the stamp is covered by the seal: changing one digit of storedAt is a checksum mismatch', (t) => {
  const sealed = encodeEventRecord(
    {
      position: 0,
      streamId: 's',
      streamRevision: 0,
      batchIndex: 0,
      batchSize: 1,
      prev: zeroHash,
      storedAt: '2021-04-20T07:30:00.000Z',
    },
    makeTestEvent(),
  );
  const text = sealed.bytes.subarray(0, -1).toString('utf8');
  t.true(text.includes('"storedAt":"2021-04-20T07:30:00.000Z","prev":'));
  const forged = Buffer.from(text.replace('2021-04-20T07:30', '2021-03-20T07:30'), 'utf8');
  const result = decodeEventRecordLine(forged);
  t.true(E.isLeft(result) && result.left.kind === 'checksum-mismatch');
});
