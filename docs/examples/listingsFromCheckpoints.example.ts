/**
 * A year's huvudbok read from a year-close checkpoint (`docs/stores.md`, "Checkpoints and live
 * reads"), as a function the tests run on a copy of the committed Roslagen store.
 */
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { openFileEventStore } from '@finsam-ledger/adapter-file';
import {
  createLedger,
  ledgerOptionsFromConfiguration,
  parseFörbundConfiguration,
  replayHuvudbok,
  replayHuvudbokFromStore,
  type HuvudbokKonto,
} from '@finsam-ledger/core';

/** What the example saw. */
export interface ListingsFromCheckpointsSeen {
  /** The checkpoints the huvudbok of 2022 started from (the names the store gives them). */
  readonly used: readonly string[];
  /** True when it is the huvudbok a replay from the first event gives, entry for entry. */
  readonly sameAsFullReplay: boolean;
  /** The bank account's line of the huvudbok of 2022. */
  readonly bank: HuvudbokKonto | undefined;
}

const roslagen = new URL('../../examples/roslagen/', import.meta.url);

export async function listingsFromCheckpointsExample(
  directory: string,
): Promise<ListingsFromCheckpointsSeen> {
  const path = join(directory, 'roslagen.finsam.jsonl');
  await copyFile(new URL('data/roslagen.finsam.jsonl', roslagen), path);
  const configuration = parseFörbundConfiguration(
    JSON.parse(await readFile(new URL('forbund.json', roslagen), 'utf8')),
  );
  if (E.isLeft(configuration)) throw configuration.left;
  const opened = await openFileEventStore({ path })();
  if (E.isLeft(opened)) throw opened.left;
  const store = opened.right;
  try {
    const ledger = createLedger({ store, ...ledgerOptionsFromConfiguration(configuration.right) });
    // The first read folds the history once and saves a checkpoint at each close it passes
    // (2020 and 2021); the huvudbok of 2022 then starts at the one by which no verifikation of
    // 2022 was numbered: the close of 2021 numbered 2022's omföring, so it is the close of 2020.
    await ledger.totals();
    const used: string[] = [];
    const book = await replayHuvudbokFromStore(store, ledger.streamId, 2022, {
      chart: ledger.chart,
      observe: (notice) => {
        if (notice.kind === 'used') used.push(notice.name);
      },
    });
    const full = await replayHuvudbok(store.readStream(ledger.streamId), 2022, {
      chart: ledger.chart,
    });
    return {
      used,
      sameAsFullReplay: JSON.stringify(book) === JSON.stringify(full),
      bank: book.konton.find((konto) => konto.konto === ledger.chart.roles.bank),
    };
  } finally {
    await store.close();
  }
}
