import { readdir, readFile, unlink } from 'node:fs/promises';
import { WriterIndexBuilder } from './writerIndexBuilder.js';
import {
  decodeWriterIndex,
  encodeWriterIndex,
  saveWriterIndex,
  writerIndexPath,
  type SavedWriterIndex,
} from './writerIndexFile.js';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { openCheckpoint, type CheckpointBody } from '@finsam-ledger/core/store';
import { checkpointDirectoryPath } from './fileCheckpointStorage.js';
import {
  emptySeekIndex,
  loadSeekIndex,
  noteBatch,
  saveSeekIndex,
  type SeekIndex,
} from './seekIndex.js';
import type { WalkedRecord } from './StoreWalker.js';

/** What `verify` found of one checkpoint beside the store. */
export interface CheckpointCheck {
  readonly name: string;
  /** `ok`, or `discarded` (removed: it is rebuilt from the events when next needed). */
  readonly status: 'ok' | 'discarded';
  /** Why it was discarded: its digest, its form, or a chain hash that is not the store's. */
  readonly reason?: string;
}

/**
 * What `verify` found of the files derived from the store: the seek index (`ok`, or `missing`
 * or `wrong` and then rebuilt from the file) and each checkpoint. The store file is never
 * written; these files are derived data and are put right instead of trusted.
 */
export interface DerivedFilesReport {
  readonly index: 'ok' | 'missing' | 'wrong';
  /** True when the index file was rewritten from the file's own records. */
  readonly indexRebuilt: boolean;
  /**
   * The writer's index (`STORE.ids`: the head it covers, its streams and every event id up to
   * it): `ok` when it is exactly what the records up to its head give, else `missing` or `wrong`,
   * and then rewritten from the records.
   */
  readonly eventIds: 'ok' | 'missing' | 'wrong';
  /** True when the writer's index file was rewritten (not when its folder is read-only, say). */
  readonly eventIdsRebuilt: boolean;
  readonly checkpoints: readonly CheckpointCheck[];
}

interface ReadCheckpoint {
  readonly name: string;
  readonly body?: CheckpointBody;
  readonly defect?: string;
}

/** The writer index's bytes and the event count its head names, if there is one to read. */
async function readSavedWriterIndex(
  path: string,
): Promise<{ bytes: Buffer; eventCount: number } | undefined> {
  const bytes = await readFile(writerIndexPath(path)).catch(() => undefined);
  if (bytes === undefined) return undefined;
  try {
    const newline = bytes.indexOf(0x0a);
    const parsed = JSON.parse(bytes.toString('utf8', 0, newline === -1 ? 0 : newline)) as {
      body?: { head?: { eventCount?: unknown } };
    };
    const eventCount = parsed.body?.head?.eventCount;
    return { bytes, eventCount: typeof eventCount === 'number' ? eventCount : -1 };
  } catch {
    return { bytes, eventCount: -1 };
  }
}

const revisionKey = (streamId: string, revision: number): string => `${revision}:${streamId}`;

/**
 * Collects, during a scan of the whole store, what checking the derived files needs: a seek
 * index rebuilt from the records, and the chain hash at each checkpoint's revision.
 */
export class DerivedFilesCheck {
  private readonly rebuilt = emptySeekIndex('', '');
  private readonly wanted = new Map<string, string | undefined>();
  private writerIndex: WriterIndexBuilder | undefined;
  /** The writer's index as the records give it at the saved index's head. */
  private atSavedHead: SavedWriterIndex | undefined;

  private constructor(
    private readonly path: string,
    private readonly checkpoints: readonly ReadCheckpoint[],
    /** The saved writer index's bytes, and the head it names (read before the scan). */
    private readonly savedWriterIndex: { bytes: Buffer; eventCount: number } | undefined,
  ) {
    for (const { body } of checkpoints)
      if (body !== undefined) this.wanted.set(revisionKey(body.streamId, body.revision), undefined);
  }

  /** Reads the checkpoints beside `path` before the scan. */
  static async prepare(path: string): Promise<DerivedFilesCheck> {
    const directory = checkpointDirectoryPath(path);
    const names = await readdir(directory).catch(() => [] as string[]);
    const checkpoints: ReadCheckpoint[] = [];
    for (const name of names.filter((candidate) => candidate.endsWith('.json'))) {
      const text = await readFile(join(directory, name), 'utf8').catch(() => '');
      const opened = await openCheckpoint(text);
      checkpoints.push(
        E.isLeft(opened) ? { name, defect: opened.left.message } : { name, body: opened.right },
      );
    }
    return new DerivedFilesCheck(path, checkpoints, await readSavedWriterIndex(path));
  }

  /** Called once the header is read, before the first batch. */
  start(storeId: string, headerHash: string, recordsOffsetBytes: number): void {
    this.writerIndex = new WriterIndexBuilder({ offsetBytes: recordsOffsetBytes, headerHash });
    this.noteSavedHead(storeId, headerHash);
  }

  private noteSavedHead(storeId: string, headerHash: string): void {
    const builder = this.writerIndex;
    if (builder?.committed.nextPosition !== this.savedWriterIndex?.eventCount) return;
    this.atSavedHead = builder!.saved(storeId, headerHash, builder!.collector.sorted());
  }

  /** Notes a batch of the scan. */
  visit(batch: readonly WalkedRecord[], storeId: string, headerHash: string): void {
    this.writerIndex?.visit(batch);
    this.noteSavedHead(storeId, headerHash);
    noteBatch(this.rebuilt, batch);
    if (this.wanted.size === 0) return;
    for (const { record } of batch) {
      const key = revisionKey(record.streamId, record.streamRevision);
      if (this.wanted.has(key)) this.wanted.set(key, record.hash);
    }
  }

  /**
   * After a scan that found no problem: compares the index file with the rebuilt one (and
   * rewrites it when it differs), and removes every checkpoint that does not verify.
   */
  async finish(storeId: string, headerHash: string): Promise<DerivedFilesReport> {
    const built: SeekIndex = { ...emptySeekIndex(storeId, headerHash), dirty: true };
    for (const [streamId, entries] of this.rebuilt.entries) built.entries.set(streamId, entries);
    const loaded = await loadSeekIndex(this.path, storeId, headerHash);
    const index =
      loaded === 'missing'
        ? 'missing'
        : typeof loaded === 'string' ||
            JSON.stringify([...loaded.entries]) !== JSON.stringify([...built.entries])
          ? 'wrong'
          : 'ok';
    if (index !== 'ok') await saveSeekIndex(this.path, built);
    const { status: eventIds, rebuilt: eventIdsRebuilt } = await this.checkWriterIndex(
      storeId,
      headerHash,
    );
    const checkpoints: CheckpointCheck[] = [];
    for (const checkpoint of this.checkpoints) {
      const reason = this.defectOf(checkpoint);
      if (reason === undefined) {
        checkpoints.push({ name: checkpoint.name, status: 'ok' });
        continue;
      }
      await unlink(join(checkpointDirectoryPath(this.path), checkpoint.name)).catch(
        () => undefined,
      );
      checkpoints.push({ name: checkpoint.name, status: 'discarded', reason });
    }
    const indexRebuilt = index !== 'ok' && !built.dirty;
    return { index, indexRebuilt, eventIds, eventIdsRebuilt, checkpoints };
  }

  /**
   * The saved writer index must be, byte for byte, the one the records up to its head give;
   * otherwise the one of the whole file replaces it.
   */
  private async checkWriterIndex(
    storeId: string,
    headerHash: string,
  ): Promise<{ status: DerivedFilesReport['eventIds']; rebuilt: boolean }> {
    const saved = this.savedWriterIndex;
    const expected = this.atSavedHead;
    const status =
      saved === undefined
        ? 'missing'
        : expected !== undefined &&
            typeof decodeWriterIndex(saved.bytes, storeId, headerHash) !== 'string' &&
            encodeWriterIndex(expected).equals(saved.bytes)
          ? 'ok'
          : 'wrong';
    const builder = this.writerIndex;
    if (status === 'ok' || builder === undefined) return { status, rebuilt: false };
    const rebuilt = builder.saved(storeId, headerHash, builder.collector.sorted());
    return { status, rebuilt: await saveWriterIndex(this.path, rebuilt) };
  }

  private defectOf(checkpoint: ReadCheckpoint): string | undefined {
    if (checkpoint.body === undefined) return checkpoint.defect;
    const { streamId, revision, chainHash } = checkpoint.body;
    const hash = this.wanted.get(revisionKey(streamId, revision));
    if (hash === undefined) return `the store has no event at revision ${revision} of ${streamId}`;
    if (hash !== chainHash)
      return `stale: the store's chain hash at revision ${revision} of ${streamId} is ${hash.slice(0, 12)}…, the checkpoint's ${chainHash.slice(0, 12)}…`;
    return undefined;
  }
}
