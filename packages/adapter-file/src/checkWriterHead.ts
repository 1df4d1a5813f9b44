import { open, type FileHandle } from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { ledgerError, toLedgerError, type LedgerError } from '@finsam-ledger/core';
import { problemToError } from './error.js';
import { readHeader } from './readHeader.js';
import { scanStore } from './verify.js';
import { checkRecordedHead } from './writerHeadFile.js';

/**
 * Checks, without a lock and without writing, what opening the store for writing checks of the
 * head its last writer recorded (`STORE.head`): that the file still holds it. One small read when
 * it does (its last record at its place); otherwise the whole file is scanned, and the first
 * problem (`acknowledged-events-removed`, `acknowledged-history-changed`, or damage) is the
 * `Left`, as a writer's open would refuse it. For a rehearsal on a read-only store (a dry run)
 * that must refuse what the real run would. A store without a sound head file passes; a header
 * that does not read is left to the store's own open.
 *
 * ```ts
 * const held = await checkWriterHead('roslagen.jsonl')();
 * if (E.isLeft(held)) console.error(held.left.message);
 * ```
 */
export function checkWriterHead(path: string): TE.TaskEither<LedgerError, void> {
  return TE.tryCatch(
    async () => {
      const file = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
        throw ledgerError('IO_ERROR', `Cannot open ${path}: ${error.message}`, {
          cause: error,
          details: { path, errno: error.code },
        });
      });
      try {
        const header = await readHeader(file);
        if (E.isLeft(header)) return;
        const { header: decoded, hash: headerHash, recordsOffsetBytes } = header.right;
        const store = { storeId: decoded.storeId, headerHash, recordsOffsetBytes };
        const refusal = await writerHeadRefusal(path, file, store);
        if (refusal !== undefined) throw refusal;
      } finally {
        await file.close();
      }
    },
    (thrown) => toLedgerError(thrown),
  );
}

/**
 * The refusal a writer's open would make of the head recorded for an open store file, or
 * `undefined` when the file holds it (see {@link checkWriterHead}); `store` is what its header
 * says.
 */
export async function writerHeadRefusal(
  path: string,
  file: FileHandle,
  store: {
    readonly storeId: string;
    readonly headerHash: string;
    readonly recordsOffsetBytes: number;
  },
): Promise<LedgerError | undefined> {
  const check = await checkRecordedHead(path, file, store);
  if (check.holds) return undefined;
  const scan = await scanStore(file, { writerHead: check.recorded });
  return scan.problem === undefined ? undefined : problemToError(path, scan.problem);
}
