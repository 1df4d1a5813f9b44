/**
 * `finsam record` on a big store, as a user runs it: a dry run and a real run of 200 costs of
 * the open year, once with an `eventId` on every line and once without (those go through the
 * repeat check, which reads the stream), each a whole process timed by `/usr/bin/time`.
 *
 *   npx tsx --conditions=finsam-source bench/annualReport/recordRuns.ts STORE_DIRECTORY [runs=3]
 *
 * `STORE_DIRECTORY` holds `store.finsam.jsonl` (with its `.index`, `.ids` and checkpoints) as
 * `jobs.ts generate DIR N` writes it. The dry runs read that store; each real run records into a
 * fresh copy of it, so that every run starts from the same store. The configuration is the one
 * `finsam init --forbund-id bench` writes. The same 200 lines with ids are then recorded again
 * (a dry run and a real run) into a copy that holds them: each is found by its id, nothing is
 * written. Prints a Markdown table: the median of the runs'
 * wall-clock and CPU seconds and peak RSS, and each run's ratio to ledger-cli's.
 *
 * The peer: ledger-cli has no command that adds a transaction, and checks a journal only by
 * reading all of it. Its equivalent of a checked `record` is the same 200 costs appended to a copy
 * of the equivalent journal (`journal.ledger`, which `jobs.ts generate` writes beside the store)
 * and the whole journal read and balanced again: `ledger -f J bal` (it refuses a transaction that
 * does not balance). Left out when `ledger` is not installed or the journal is missing.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, copyFile, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  configuredCopy,
  ledgerBinary,
  medianOf,
  row,
  tableHeader,
  timed,
  timedFinsam,
  type Measured,
} from './timedProcess.js';

const storeDirectory = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
if (storeDirectory === undefined) throw new Error('usage: recordRuns.ts STORE_DIRECTORY [runs]');
const storeName = 'store.finsam.jsonl';

/** 200 costs of February 2026, with or without an `eventId` each. */
function costLines(withIds: boolean): string {
  const lines = Array.from({ length: 200 }, (_, index) => ({
    type: 'KostnadBokförd',
    ...(withIds ? { eventId: randomUUID() } : {}),
    metadata: { recordedBy: 'bench@finsam' },
    data: {
      datum: `2026-02-${String(1 + (index % 27)).padStart(2, '0')}`,
      område: 'operativa',
      post: 'MIA vidare',
      belopp: `${100 + index}.00`,
      moms: '0.00',
      text: `cost ${index}`,
      betalning: { sätt: 'bank' },
    },
  }));
  return lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
}

/** The same 200 costs as `costLines` gives, as transactions of the equivalent journal. */
function costTransactions(): string {
  return Array.from({ length: 200 }, (_, index) => {
    const datum = `2026-02-${String(1 + (index % 27)).padStart(2, '0')}`;
    const belopp = `${100 + index}.00`;
    return [
      `${datum} * cost ${index}`,
      `    Kostnader:4010 operativa:MIA vidare  ${belopp}`,
      `    Tillgångar:1930 Bank  -${belopp}`,
      '',
    ].join('\n');
  }).join('\n');
}

/** ledger-cli's median over `runs`: the 200 costs appended to a copy of the journal, then `bal`. */
async function ledgerRuns(directory: string): Promise<Measured | undefined> {
  const journal = join(directory, 'journal.ledger');
  if (!existsSync(ledgerBinary) || !existsSync(journal)) return undefined;
  const measured: Measured[] = [];
  for (let run = 0; run < runs; run += 1) {
    const copy = join(directory, `journal-${run}.ledger`);
    await copyFile(journal, copy);
    await appendFile(copy, `\n${costTransactions()}`);
    measured.push(timed(directory, ledgerBinary, ['-f', copy, 'bal']));
    await rm(copy);
  }
  return medianOf(measured);
}

const work = await mkdtemp(join(tmpdir(), 'finsam-record-runs-'));
try {
  const config = await configuredCopy(storeDirectory, work);
  await writeFile(join(config, 'ids.jsonl'), costLines(true));
  await writeFile(join(config, 'plain.jsonl'), costLines(false));
  const ledger = await ledgerRuns(config);
  console.log(tableHeader);
  const recordIn = (directory: string, file: string, dryRun: boolean) =>
    timedFinsam(directory, [
      '--store',
      storeName,
      'record',
      ...(dryRun ? ['--dry-run'] : []),
      file,
    ]);
  // The lines recorded once more into a store that holds them (nothing new: each found by id).
  const holding = join(work, 'holding');
  await cp(config, holding, { recursive: true });
  recordIn(holding, 'ids.jsonl', false);
  for (const [label, file, base] of [
    ['', 'ids.jsonl', config],
    ['', 'plain.jsonl', config],
    [' (already stored)', 'ids.jsonl', holding],
  ] as const)
    for (const dryRun of [true, false]) {
      const measured: Measured[] = [];
      for (let run = 0; run < runs; run += 1) {
        // A real run of new lines records into a fresh copy; of stored ones it writes nothing.
        const fresh = !dryRun && base === config;
        const directory = fresh ? join(work, `run-${run}`) : base;
        if (fresh) await cp(config, directory, { recursive: true });
        measured.push(recordIn(directory, file, dryRun));
        if (fresh) await rm(directory, { recursive: true });
      }
      const run = `\`record ${dryRun ? '--dry-run ' : ''}${file}\`${label}`;
      console.log(row(run, medianOf(measured), ledger));
    }
  if (ledger !== undefined)
    console.log(
      row('ledger-cli: the 200 appended to the journal, `ledger -f J bal`', ledger, ledger),
    );
} finally {
  await rm(work, { recursive: true, force: true });
}
