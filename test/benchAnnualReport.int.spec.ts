import test from 'ava';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openFileEventStore } from '@finsam-ledger/adapter-file';
import { createLedger, Money, rowOf } from '@finsam-ledger/core';

/**
 * Issue 15's benchmark, run as a developer runs it (`bench/annualReport/run.ts`, a child process)
 * at a small size into a data directory outside the repository (its default is under $TMPDIR),
 * and the claim its ratios rest on: the ledger-cli journal it writes beside the store books the
 * same money, so that `ledger bal` does the annual report's work. hledger reads the journal (CI
 * installs it; ledger-cli is optional for the benchmark and not needed here).
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const size = 2_000;

/** hledger's total of `query` over `period` arguments, in öre. */
function hledgerTotalOre(journal: string, query: string, period: readonly string[]): bigint {
  const output = execFileSync(
    'hledger',
    ['-f', journal, 'balance', query, ...period, '--depth', '1', '-N', '-O', 'csv'],
    { encoding: 'utf8' },
  );
  const rows = output.trim().split('\n').slice(1);
  if (rows.length !== 1) throw new Error(`expected one account for ${query}:\n${output}`);
  const amount = rows[0]!.split(',')[1]!.replaceAll('"', '');
  // The money parser the ledger itself reads amounts with: exact, never a JavaScript number.
  return Money.from(amount).toOre();
}

test('issue 15: the benchmark runs at a small size into a directory outside the repository, prints every job of its table, and its journal books the same result and assets as the store', async (t) => {
  t.timeout(6 * 60_000);
  const dataDirectory = await mkdtemp(join(tmpdir(), 'finsam-bench-'));
  t.teardown(() => rm(dataDirectory, { recursive: true, force: true }));

  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=finsam-source',
      join(root, 'bench/annualReport/run.ts'),
      String(size),
      dataDirectory,
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  t.is(run.status, 0, run.stderr);
  const table = run.stdout.slice(run.stdout.indexOf('| job |'));
  for (const job of [
    'generate',
    'the whole annual report of 2025, cold',
    'the whole annual report of 2025 from its checkpoints',
    '`finsam report --year 2025 --format json` as a process',
    'live report of the open year',
    'durable appends through `ledger.recordAll`, batches of 100',
  ])
    t.regex(
      table,
      new RegExp(`\\| ${job.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^|]*\\| [\\d ]+ \\| \\d`),
      job,
    );

  const sizeDirectory = join(dataDirectory, String(size));
  const opened = await openFileEventStore({
    path: join(sizeDirectory, 'store.finsam.jsonl'),
    mode: 'read-only',
  })();
  if (opened._tag === 'Left') return t.fail(opened.left.message);
  const store = opened.right;
  t.teardown(() => store.close());
  const report = await createLedger({ store, förbundId: 'bench' }).annualReport(2025);
  const åretsResultat = rowOf(report.resultaträkning, 'årets-resultat').amounts[0]!;
  const tillgångar = rowOf(report.balansräkning, 'summa-tillgångar').amounts[0]!;

  const journal = join(sizeDirectory, 'journal.ledger');
  // The journal books the year's result on 8999 at its close, as a debit of a surplus's amount.
  const journalResult = hledgerTotalOre(journal, '^Resultatdisposition', ['-p', '2025']);
  const journalAssets = hledgerTotalOre(journal, '^Tillgångar', ['-e', '2026-01-01']);
  t.not(journalResult, 0n, 'the year has a result to compare');
  t.is(åretsResultat.toOre(), journalResult);
  t.is(tillgångar.toOre(), journalAssets);
});
