/**
 * `finsam export sie` on a big store, as a user runs it: the SIE 4E file of the history's first
 * and last year written to a file, each a whole process timed by `/usr/bin/time`.
 *
 *   npx tsx --conditions=finsam-source bench/annualReport/exportSieRuns.ts STORE_DIRECTORY [runs=3]
 *
 * `STORE_DIRECTORY` holds `store.finsam.jsonl` (with its `.index`, `.ids` and checkpoints) and
 * `journal.ledger` as `jobs.ts generate DIR N` writes them; the configuration is the one
 * `finsam init --forbund-id bench` writes. Prints a Markdown table: the median of the runs'
 * wall-clock and CPU seconds and peak RSS, and each run's ratio to ledger-cli's, and the SHA-256
 * of each file written (the same books give the same bytes on the same day).
 *
 * The peer: ledger-cli writes no SIE; its nearest job is the year's transactions written out
 * (`ledger -f J print -p YEAR`, the file's `#VER`s) and the balances at the year's start and end
 * (`ledger -f J bal -e YEAR-01-01` and `-e YEAR+1-01-01`, its `#IB` and `#UB`): three processes,
 * their seconds added and the largest RSS. Left out when `ledger` is not installed.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  configuredCopy,
  medianOf,
  row,
  tableHeader,
  timedFinsam,
  timedLedgerRuns,
  type Measured,
} from './timedProcess.js';
import { historyYears } from './syntheticHistory.js';

const storeDirectory = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
if (storeDirectory === undefined) throw new Error('usage: exportSieRuns.ts STORE_DIRECTORY [runs]');
/** The synthetic history's first and last years. */
const years = [historyYears.first, historyYears.last] as const;

/** ledger-cli's nearest job to a year's SIE file: its `print` and its two balances. */
const ledgerJob = (year: number) => [
  ['print', '-p', String(year)],
  ['bal', '-e', `${year}-01-01`],
  ['bal', '-e', `${year + 1}-01-01`],
];

const work = await mkdtemp(join(tmpdir(), 'finsam-export-sie-runs-'));
try {
  const config = await configuredCopy(storeDirectory, work);
  console.log(tableHeader);
  const written: string[] = [];
  for (const year of years) {
    const ledger = timedLedgerRuns(config, ledgerJob(year), runs);
    const measured: Measured[] = [];
    for (let run = 0; run < runs; run += 1)
      measured.push(
        timedFinsam(config, [
          '--store',
          'store.finsam.jsonl',
          'export',
          'sie',
          '--year',
          String(year),
          '--out',
          `${year}.se`,
        ]),
      );
    console.log(row(`\`export sie --year ${year}\``, medianOf(measured), ledger));
    if (ledger !== undefined)
      console.log(row(`ledger-cli: \`print -p ${year}\` and two \`bal -e\``, ledger, ledger));
    const bytes = await readFile(join(config, `${year}.se`));
    written.push(`${year}.se: ${createHash('sha256').update(bytes).digest('hex')}`);
  }
  console.log(`\n${written.join('\n')}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
