import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import * as fc from 'fast-check';
import { temporaryDirectory } from './fileStore.testSupport.js';
import { readLines } from './readLines.js';

// readLines reads real files (a hundred of them in the property test): an int test.

test('readLines returns the same lines whatever the chunk size and whichever reads are synchronous, and marks an unfinished last line', async (t) => {
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
      // Reads up to this size are made on the calling thread: the lines must not depend on it.
      fc.integer({ min: 0, max: 128 }),
      async (lines, finalNewline, chunkBytes, syncReadBytesMax) => {
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
            syncReadBytesMax,
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

test('readLines returns the same lines while its chunk grows from 16 KiB to the chunk size, with lines longer than the first chunk', async (t) => {
  const path = join(await temporaryDirectory(t), 'growing.txt');
  // Lines of 1 byte to 40 000 bytes: some span two or three reads of each chunk size.
  const lines = Array.from({ length: 60 }, (_, index) =>
    String.fromCharCode(97 + (index % 26)).repeat(1 + ((index * 7919) % 40_000)),
  );
  const text = `${lines.join('\n')}\n`;
  await writeFile(path, text);
  const file = await open(path, 'r');
  const read: { text: string; offset: number }[] = [];
  for await (const chunkLines of readLines(file, {
    offsetBytes: 0,
    lineNumber: 1,
    endOffsetBytes: () => Number.POSITIVE_INFINITY,
    lineBytesMax: 50_000,
    chunkBytes: 64 * 1024,
  }))
    for (const line of chunkLines)
      read.push({ text: line.bytes.toString('utf8'), offset: line.offsetBytes });
  await file.close();
  t.true(text.length > 4 * 64 * 1024, 'the file takes several reads of the largest chunk');
  t.deepEqual(
    read.map((line) => line.text),
    lines,
  );
  let offset = 0;
  read.forEach((line, index) => {
    t.is(line.offset, offset);
    offset += lines[index]!.length + 1;
  });
});

test('readLines makes a read that fits syncReadBytesMax on the calling thread, not through the handle', async (t) => {
  const path = join(await temporaryDirectory(t), 'tail.txt');
  await writeFile(path, 'first\nsecond\n');
  const file = await open(path, 'r');
  t.teardown(() => file.close());
  // The handle's asynchronous read fails: only a read made on the descriptor itself succeeds.
  const handle = new Proxy(file, {
    get: (target, key) =>
      key === 'read'
        ? () => Promise.reject(new Error('read through the thread pool'))
        : (Reflect.get(target, key) as unknown),
  });
  const options = {
    offsetBytes: 0,
    lineNumber: 1,
    endOffsetBytes: () => Number.POSITIVE_INFINITY,
    lineBytesMax: 1000,
    chunkBytes: 1024,
  };
  const texts: string[] = [];
  for await (const lines of readLines(handle, { ...options, syncReadBytesMax: 16 * 1024 }))
    texts.push(...lines.map((line) => line.bytes.toString('utf8')));
  t.deepEqual(texts, ['first', 'second']);
  // A read larger than the limit goes through the handle.
  await t.throwsAsync(
    async () => {
      for await (const lines of readLines(handle, { ...options, syncReadBytesMax: 512 }))
        t.fail(`read ${lines.length} lines`);
    },
    { message: 'read through the thread pool' },
  );
});
