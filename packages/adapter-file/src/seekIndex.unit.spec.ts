import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import {
  decodeSeekIndex,
  discardSeekIndex,
  emptySeekIndex,
  encodeSeekIndex,
  noteSeekEntry,
  saveSeekIndex,
  seekEntryAtOrBefore,
  seekIndexLimits,
  type SeekEntry,
} from './seekIndex.js';

// A batch of 10 revisions at revision r starts at byte 100 r (line r + 2, position r).
const batchAt = (revision: number): SeekEntry => ({
  revision,
  position: revision,
  offsetBytes: 100 * revision,
  lineNumber: revision + 2,
  prevHash: `hash-before-${revision}`,
});

test('the nearest batch start of a revision is the batch that holds it while the batch is recent, else the saved entry before it', (t) => {
  const index = emptySeekIndex('store', 'header');
  const batches = 1_000;
  for (let batch = 0; batch < batches; batch += 1)
    noteSeekEntry(index, 'books', batchAt(10 * batch));
  const recent = index.recent.get('books')!;
  t.true(recent.length >= seekIndexLimits.recentStartsMax, `${recent.length} recent starts`);
  t.true(recent.length < 2 * seekIndexLimits.recentStartsMax, 'and no more than twice as many');
  t.deepEqual(
    recent.map((entry) => entry.revision),
    recent.map((_, place) => 10 * (batches - recent.length + place)),
    'the last batches, in order',
  );
  // The last batch, a batch among the recent ones, and one from before them.
  t.is(seekEntryAtOrBefore(index, 'books', 9_995)?.revision, 9_990);
  t.is(seekEntryAtOrBefore(index, 'books', 9_990 - 10 * 20 + 3)?.revision, 9_990 - 10 * 20);
  const old = 10 * (batches - 2 * seekIndexLimits.recentStartsMax) - 1;
  const fromEntries = seekEntryAtOrBefore(index, 'books', old)!;
  t.true(index.entries.get('books')!.includes(fromEntries), 'a saved entry');
  t.true(fromEntries.revision <= old && old - fromEntries.revision < 1_034);
  t.true(fromEntries.revision < recent[0]!.revision);
  t.is(seekEntryAtOrBefore(index, 'other', 5), undefined, 'another stream has none');
});

test('a reader that has walked a stream’s first batch still seeks from the loaded entry nearest a late revision', (t) => {
  const written = emptySeekIndex('store', 'header');
  for (let batch = 0; batch < 1_000; batch += 1)
    noteSeekEntry(written, 'books', batchAt(10 * batch));
  const loaded = decodeSeekIndex(encodeSeekIndex(written), 'store', 'header');
  if (typeof loaded === 'string') return t.fail(loaded);
  // A reader's first walk (the store's first event, as every CLI command reads it) notes the
  // stream's first batch as its tail and its only recent start.
  noteSeekEntry(loaded, 'books', batchAt(0));
  const lastEntry = loaded.entries.get('books')!.at(-1)!;
  t.true(lastEntry.revision > 9_000, `the loaded entries reach ${lastEntry.revision}`);
  t.is(seekEntryAtOrBefore(loaded, 'books', 9_995)?.revision, lastEntry.revision);
  t.is(seekEntryAtOrBefore(loaded, 'books', 5)?.revision, 0);
  // A later tail wins over the entries again.
  noteSeekEntry(loaded, 'books', batchAt(9_990));
  t.is(seekEntryAtOrBefore(loaded, 'books', 9_995)?.revision, 9_990);
  t.is(seekEntryAtOrBefore(loaded, 'books', 9_985)?.revision, lastEntry.revision);
});

test('the recent batch starts are this process’s: never saved, and forgotten with the index', async (t) => {
  const index = emptySeekIndex('store', 'header');
  for (let batch = 0; batch < 300; batch += 1) noteSeekEntry(index, 'books', batchAt(10 * batch));
  const decoded = decodeSeekIndex(encodeSeekIndex(index), 'store', 'header');
  if (typeof decoded === 'string') return t.fail(decoded);
  t.is(decoded.recent.size, 0);
  t.deepEqual(
    decoded.entries.get('books')?.map((entry) => entry.revision),
    [0, 1030, 2060],
  );
  await discardSeekIndex('/nonexistent/store.jsonl', index);
  t.is(index.recent.size, 0);
  t.is(seekEntryAtOrBefore(index, 'books', 2_995), undefined);
});

test('an entry noted while the seek index is being saved leaves it to be saved again; a failed save leaves it too', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'seek-index-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const index = emptySeekIndex('store', 'header');
  noteSeekEntry(index, 'books', batchAt(0));
  // Given a save under way (its text taken), when a new entry is noted before it ends:
  const saving = saveSeekIndex(join(directory, 'store.jsonl'), index);
  noteSeekEntry(index, 'books', batchAt(2 * seekIndexLimits.revisionsPerEntry));
  await saving;
  t.true(index.dirty, 'the entry noted during the save is still to be saved');
  await saveSeekIndex(join(directory, 'store.jsonl'), index);
  t.false(index.dirty, 'saved with nothing noted meanwhile');
  noteSeekEntry(index, 'books', batchAt(4 * seekIndexLimits.revisionsPerEntry));
  await saveSeekIndex(join(directory, 'missing', 'store.jsonl'), index);
  t.true(index.dirty, 'a save that failed leaves it to be saved');
});
