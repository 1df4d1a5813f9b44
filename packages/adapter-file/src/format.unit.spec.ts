import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { makeTestEvent } from '@finsam-ledger/core/testing';
import { decodeEventRecordLine, encodeEventRecord, encodeHeader, toStoredEvent } from './format.js';
import { sealLine, sha256Hex, unsealLine } from './hashChain.js';
import { readLines } from './readLines.js';
import { temporaryDirectory } from './fileStore.testSupport.js';

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
    { position: 7, streamId: 's', streamRevision: 2, batchIndex: 1, batchSize: 3, prev: zeroHash },
    event,
  );
  const decoded = decodeEventRecordLine(sealed.bytes.subarray(0, -1));
  if (E.isLeft(decoded)) return t.fail(decoded.left.message);
  t.deepEqual(toStoredEvent(decoded.right), {
    ...event,
    streamId: 's',
    streamRevision: 2,
    globalPosition: 7,
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

test('readLines returns the same lines whatever the chunk size, and marks an unfinished last line', async (t) => {
  const directory = await temporaryDirectory(t);
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.string({ unit: 'grapheme', maxLength: 40 }).map((line) => line.replace(/\n/g, ' ')),
        { maxLength: 20 },
      ),
      fc.boolean(),
      fc.integer({ min: 1, max: 64 }),
      async (lines, finalNewline, chunkBytes) => {
        run += 1;
        const path = join(directory, `lines-${run}.txt`);
        const text = lines.join('\n') + (finalNewline && lines.length > 0 ? '\n' : '');
        await writeFile(path, text);
        const file = await open(path, 'r');
        try {
          const read: { text: string; terminated: boolean; offset: number }[] = [];
          for await (const lines of readLines(file, {
            offsetBytes: 0,
            lineNumber: 1,
            endOffsetBytes: () => Number.POSITIVE_INFINITY,
            lineBytesMax: 1000,
            chunkBytes,
          })) {
            for (const line of lines)
              read.push({
                text: line.bytes.toString('utf8'),
                terminated: line.terminated,
                offset: line.offsetBytes,
              });
          }
          // An empty unfinished last line is no line at all.
          const expected = text.split('\n');
          if (expected[expected.length - 1] === '') expected.pop();
          t.deepEqual(
            read.map((line) => line.text),
            expected,
          );
          read.forEach((line, index) =>
            t.is(line.terminated, index < read.length - 1 || text.endsWith('\n')),
          );
          let offset = 0;
          read.forEach((line, index) => {
            t.is(line.offset, offset);
            offset += Buffer.byteLength(expected[index]!, 'utf8') + 1;
          });
        } finally {
          await file.close();
        }
      },
    ),
    { numRuns: 100 },
  );
});

test('readLines stops at a line longer than the limit', async (t) => {
  const path = join(await temporaryDirectory(t), 'long.txt');
  await writeFile(path, `short\n${'x'.repeat(100)}\nafter\n`);
  const file = await open(path, 'r');
  const lines = [];
  for await (const chunkLines of readLines(file, {
    offsetBytes: 0,
    lineNumber: 1,
    endOffsetBytes: () => Number.POSITIVE_INFINITY,
    lineBytesMax: 50,
    chunkBytes: 16,
  }))
    lines.push(...chunkLines);
  await file.close();
  t.deepEqual(
    lines.map((line) => [line.lineNumber, line.tooLong]),
    [
      [1, false],
      [2, true],
    ],
  );
});
