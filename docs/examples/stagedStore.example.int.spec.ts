import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { stagedStoreExample } from './stagedStore.example.js';

test('staged store: the rules checked on the file store, which is left as it was', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-staged-store-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const seen = await stagedStoreExample(directory);

  // The payment of the invoice passes, as the event after the invoice (revision 1).
  t.true(seen.paymentChecked);
  t.is(seen.stagedRevision, 1);
  // A payment of an invoice the books do not hold is refused as a real recording would be.
  t.is(seen.unknownInvoiceRefusal, 'OPEN_ITEM_NOT_FOUND');
  // The file store holds what it held before: one event, the same head.
  t.regex(seen.headBefore, /^1:[0-9a-f]{64}$/);
  t.is(seen.headAfter, seen.headBefore);
});

test('docs/stores.md shows the same code as the example file', (t) => {
  const doc = readFileSync(new URL('../stores.md', import.meta.url), 'utf8');
  const example = readFileSync(new URL('./stagedStore.example.ts', import.meta.url), 'utf8');
  for (const line of [
    'const staged = getStagedEventStore(store);',
    "const checking = createLedger({ store: staged, förbundId: 'roslagen' });",
    'await staged.close(); // the file store stays open',
  ]) {
    t.true(doc.includes(line), `stores.md has: ${line}`);
    t.true(example.includes(line), `example has: ${line}`);
  }
});
