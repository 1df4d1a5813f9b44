import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { listingsFromCheckpointsExample } from './listingsFromCheckpoints.example.js';

test('listings from checkpoints: Roslagen’s huvudbok of 2022 starts at the close of 2020, is the full replay’s, and its bank account opens and closes at the published kassa och bank', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-listings-from-checkpoints-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const seen = await listingsFromCheckpointsExample(directory);

  t.deepEqual(seen.used, ['annual-report.v7.bokforing-roslagen.2020.json']);
  t.true(seen.sameAsFullReplay);
  // Årsredovisning 2022: kassa och bank 2 762 tkr at the start of the year, 510 tkr at its end.
  t.is(seen.bank?.ingåendeBalans.roundedIn(1000, 0), '2762');
  t.is(seen.bank?.utgåendeBalans.roundedIn(1000, 0), '510');
  t.true((seen.bank?.transaktioner.length ?? 0) > 0);
});

test('docs/stores.md shows the same code as the example file', (t) => {
  const doc = readFileSync(new URL('../stores.md', import.meta.url), 'utf8');
  const example = readFileSync(
    new URL('./listingsFromCheckpoints.example.ts', import.meta.url),
    'utf8',
  );
  for (const line of [
    'await ledger.totals();',
    'const book = await replayHuvudbokFromStore(store, ledger.streamId, 2022, {',
    "if (notice.kind === 'used') used.push(notice.name);",
  ]) {
    t.true(doc.includes(line), `stores.md has: ${line}`);
    t.true(example.includes(line), `example has: ${line}`);
  }
});
