/**
 * `finsam verifikationer` and `finsam huvudbok` on a big store, as an auditor runs them: the
 * listing of the history's first and last year written to a file, each a whole process timed by
 * `/usr/bin/time`.
 *
 *   npx tsx --conditions=finsam-source bench/annualReport/listingRuns.ts STORE_DIRECTORY [runs=3]
 *
 * `STORE_DIRECTORY` is as for `exportSieRuns.ts`. One untimed run of each command first, so that
 * every run timed finds the checkpoints the code it runs saves (a store copied from an older
 * version holds only older ones). Prints a Markdown table of medians and ratios to ledger-cli,
 * and the SHA-256 of each file written.
 *
 * The peers: the verifikationslista is the year's transactions written out (`ledger -f J print
 * -p YEAR`); the huvudbok is each account's postings of the year with a running balance, after
 * its opening balance (`ledger -f J reg -p YEAR -S account` and `ledger -f J bal -e YEAR-01-01`,
 * the seconds of the two added). Left out when `ledger` is not installed.
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
if (storeDirectory === undefined) throw new Error('usage: listingRuns.ts STORE_DIRECTORY [runs]');
/** The synthetic history's first and last years. */
const years = [historyYears.first, historyYears.last] as const;

/** Each listing and the ledger-cli runs that are its peer. */
const listings = {
  verifikationer: (year: number) => [['print', '-p', String(year)]],
  huvudbok: (year: number) => [
    ['reg', '-p', String(year), '-S', 'account'],
    ['bal', '-e', `${year}-01-01`],
  ],
} as const;

const work = await mkdtemp(join(tmpdir(), 'finsam-listing-runs-'));
try {
  const config = await configuredCopy(storeDirectory, work);
  console.log(tableHeader);
  const written: string[] = [];
  for (const [command, peer] of Object.entries(listings))
    for (const year of years) {
      const out = `${command}-${year}.txt`;
      const args = ['--store', 'store.finsam.jsonl', command, '--year', String(year), '--out', out];
      timedFinsam(config, args);
      const measured: Measured[] = [];
      for (let run = 0; run < runs; run += 1) measured.push(timedFinsam(config, args));
      const ledger = timedLedgerRuns(config, peer(year), runs);
      console.log(row(`\`${command} --year ${year}\``, medianOf(measured), ledger));
      if (ledger !== undefined)
        console.log(
          row(
            `ledger-cli: ${peer(year)
              .map((one) => `\`${one.join(' ')}\``)
              .join(' and ')}`,
            ledger,
            ledger,
          ),
        );
      const bytes = await readFile(join(config, out));
      written.push(`${out}: ${createHash('sha256').update(bytes).digest('hex')}`);
    }
  console.log(`\n${written.join('\n')}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
