import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { fileStoreOptionsExample } from './fileStoreOptions.example.js';

test('file store options: zeros ahead while open, none once closed, every event kept', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-file-store-options-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const seen = await fileStoreOptionsExample(directory);

  // The direct append is the stream's first event.
  t.is(seen.nextExpectedRevision, 0);
  // While the writer is open the records are followed by the zeros it keeps ahead of them.
  t.true(seen.whileOpen.ok);
  t.is(seen.whileOpen.eventCount, 2);
  t.is(seen.whileOpen.unusedTail?.offsetBytes, seen.closedFileBytes);
  t.true((seen.whileOpen.unusedTail?.sizeBytes ?? 0) > 0);
  // Closed, the file ends at its last record: the same events, the same head, no zeros.
  t.true(seen.closedReport.ok);
  t.is(seen.closedReport.eventCount, 2);
  t.deepEqual(seen.closedReport.head, seen.whileOpen.head);
  t.is(seen.closedReport.unusedTail, undefined);
});

test('docs/adapter-file.md shows the same code as the example file', (t) => {
  const doc = readFileSync(new URL('../adapter-file.md', import.meta.url), 'utf8');
  const example = readFileSync(new URL('./fileStoreOptions.example.ts', import.meta.url), 'utf8');
  for (const line of [
    "durableWriteThread: 'calling-thread',",
    'preallocateBytes: 1024 * 1024,',
    "{ expectedRevision: 'no_stream', awaitedAlone: true },",
    'const whileOpen = await store.verify()(); // the zeros after the records: `unusedTail`',
    'await store.close(); // cuts the zeros off',
  ]) {
    t.true(doc.includes(line), `adapter-file.md has: ${line}`);
    t.true(example.includes(line), `example has: ${line}`);
  }
});
