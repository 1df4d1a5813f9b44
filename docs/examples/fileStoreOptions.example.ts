/**
 * The file store's two write options of `docs/adapter-file.md` ("Preallocated zeros", "Where the
 * write is made"), as a function the tests run on a fresh directory.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { openFileEventStore, type VerifyReport } from '@finsam-ledger/adapter-file';
import { createLedger } from '@finsam-ledger/core';

/** What the example saw: the store while open, and its file once closed. */
export interface FileStoreOptionsSeen {
  readonly whileOpen: VerifyReport;
  readonly nextExpectedRevision: number;
  readonly closedFileBytes: number;
  readonly closedReport: VerifyReport;
}

export async function fileStoreOptionsExample(directory: string): Promise<FileStoreOptionsSeen> {
  const path = join(directory, 'roslagen.finsam.jsonl');
  const opened = await openFileEventStore({
    path,
    durableWriteThread: 'calling-thread',
    preallocateBytes: 1024 * 1024,
  })();
  if (E.isLeft(opened)) throw opened.left;
  const store = opened.right;

  // The ledger tells the store, for each append, whether its call is the only one in progress.
  const ledger = createLedger({ store, förbundId: 'roslagen' });
  const metadata = { recordedAt: '2020-02-01T09:00:00.000Z', recordedBy: 'ekonom@forbundet' };
  const recorded = await ledger.record(
    'MedlemsbidragMottaget',
    {
      datum: '2020-01-31',
      medlem: 'Täby kommun',
      medlemskategori: 'kommun',
      period: '2020',
      belopp: '363333.33',
    },
    { metadata },
  )();
  if (E.isLeft(recorded)) throw recorded.left;

  // A direct caller says so itself.
  const appended = await store.appendToStream(
    'anteckningar',
    [
      {
        eventId: '0b6f5c1e-8d3a-4c2b-9f1e-6a7d8c9b0a1f',
        type: 'AnteckningGjord',
        schemaVersion: 1,
        data: { text: 'Bokslutsmöte 12 februari' },
        metadata,
      },
    ],
    { expectedRevision: 'no_stream', awaitedAlone: true },
  )();
  if (E.isLeft(appended)) throw appended.left;

  const whileOpen = await store.verify()(); // the zeros after the records: `unusedTail`
  if (E.isLeft(whileOpen)) throw whileOpen.left;
  await store.close(); // cuts the zeros off

  const closed = await openFileEventStore({ path, mode: 'read-only' })();
  if (E.isLeft(closed)) throw closed.left;
  const closedReport = await closed.right.verify()();
  await closed.right.close();
  if (E.isLeft(closedReport)) throw closedReport.left;
  return {
    whileOpen: whileOpen.right,
    nextExpectedRevision: appended.right.nextExpectedRevision,
    closedFileBytes: (await stat(path)).size,
    closedReport: closedReport.right,
  };
}
