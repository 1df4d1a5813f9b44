import * as E from 'fp-ts/Either';
import type { CheckpointStorage } from '../store/CheckpointStorage.js';
import {
  checkpointName,
  openCheckpoint,
  sealCheckpointOfStateJson,
  type CheckpointBody,
} from '../store/checkpointEnvelope.js';

/** What happened to a checkpoint, for a caller that reports it (`finsam verify`, a log). */
export type CheckpointNotice =
  | {
      readonly kind: 'used';
      readonly name: string;
      readonly year: number;
      readonly revision: number;
    }
  | {
      readonly kind: 'saved';
      readonly name: string;
      readonly year: number;
      readonly revision: number;
    }
  | {
      readonly kind: 'discarded';
      readonly name: string;
      readonly reason: 'malformed' | 'digest-mismatch' | 'stale';
      readonly message: string;
    }
  | { readonly kind: 'save-failed'; readonly name: string; readonly message: string };

/** Receives {@link CheckpointNotice}s. */
export type CheckpointObserver = (notice: CheckpointNotice) => void;

/**
 * A kind of checkpoint: the projection's name, the version of the code that folds it (bump it
 * whenever the fold or the serialised form changes, and every older checkpoint is ignored), and
 * its deterministic serialisation.
 */
export interface CheckpointKind<State> {
  readonly projection: string;
  readonly codeVersion: number;
  /** What else the state depends on (the chart's fingerprint): a checkpoint of another is stale. */
  readonly variant?: string;
  serialise(state: State): unknown;
  deserialise(serialised: unknown): State;
}

/** A checkpoint loaded and verified. */
export interface LoadedCheckpoint<State> {
  readonly state: State;
  readonly revision: number;
  readonly year: number;
}

const yearOfName = (name: string, prefix: string): number | undefined => {
  if (!name.startsWith(prefix) || !name.endsWith('.json')) return undefined;
  const year = Number(name.slice(prefix.length, -'.json'.length));
  return Number.isSafeInteger(year) ? year : undefined;
};

/**
 * The latest checkpoint of `kind` for `streamId` that verifies and that `usable` accepts. Each
 * candidate is checked before it is trusted: its digest, its names (projection, version, stream,
 * year), and the store's chain hash at its revision (a checkpoint of another history, or of a
 * store rewritten since, is stale). A checkpoint that fails is discarded and reported; the
 * caller then folds from an earlier one or from the start, and saves new ones.
 */
export async function loadLatestCheckpoint<State>(
  storage: CheckpointStorage,
  kind: CheckpointKind<State>,
  streamId: string,
  options: {
    readonly usable?: (state: State) => boolean;
    /** Only checkpoints of years closed before this one are read (the others are not opened). */
    readonly closedBefore?: number;
    readonly observe?: CheckpointObserver;
  } = {},
): Promise<LoadedCheckpoint<State> | undefined> {
  const prefix = checkpointName(kind.projection, kind.codeVersion, streamId, 0).replace(
    /0\.json$/,
    '',
  );
  const candidates = (await storage.list())
    .map((name) => ({ name, year: yearOfName(name, prefix) }))
    .filter(
      (entry): entry is { name: string; year: number } =>
        entry.year !== undefined &&
        (options.closedBefore === undefined || entry.year < options.closedBefore),
    )
    .sort((left, right) => right.year - left.year);
  for (const { name, year } of candidates) {
    const checked = await verifiedBody(storage, kind, streamId, name, year);
    if (E.isLeft(checked)) {
      await storage.remove(name).catch(() => undefined);
      options.observe?.({ kind: 'discarded', name, ...checked.left });
      continue;
    }
    let state: State;
    try {
      state = kind.deserialise(checked.right.state);
    } catch (error) {
      await storage.remove(name).catch(() => undefined);
      options.observe?.({ kind: 'discarded', name, reason: 'malformed', message: String(error) });
      continue;
    }
    if (options.usable !== undefined && !options.usable(state)) continue;
    options.observe?.({ kind: 'used', name, year, revision: checked.right.revision });
    return { state, revision: checked.right.revision, year };
  }
  return undefined;
}

async function verifiedBody<State>(
  storage: CheckpointStorage,
  kind: CheckpointKind<State>,
  streamId: string,
  name: string,
  year: number,
): Promise<
  E.Either<{ reason: 'malformed' | 'digest-mismatch' | 'stale'; message: string }, CheckpointBody>
> {
  const text = await storage.read(name);
  if (text === undefined) return E.left({ reason: 'malformed', message: 'it could not be read' });
  const opened = await openCheckpoint(text);
  if (E.isLeft(opened)) return opened;
  const body = opened.right;
  if (
    body.projection !== kind.projection ||
    body.codeVersion !== kind.codeVersion ||
    body.streamId !== streamId ||
    body.year !== year
  )
    return E.left({ reason: 'malformed', message: 'its content does not match its name' });
  if (body.variant !== kind.variant)
    return E.left({
      reason: 'stale',
      message: 'it was folded with another chart of accounts than this ledger’s',
    });
  const chainHash = await storage.chainHashAt(streamId, body.revision);
  if (chainHash !== body.chainHash)
    return E.left({
      reason: 'stale',
      message:
        chainHash === undefined
          ? `the store has no event at revision ${body.revision} of ${streamId}`
          : `the store's chain hash at revision ${body.revision} is ${chainHash.slice(0, 12)}…, the checkpoint's ${body.chainHash.slice(0, 12)}…`,
    });
  return E.right(body);
}

/**
 * Saves a checkpoint of `kind` at `year`'s close (revision `revision`), keyed by the store's
 * chain hash there. Saving never fails the caller: a checkpoint is derived data, and one that
 * cannot be written is reported and folded again next time.
 */
export function saveCheckpoint<State>(
  storage: CheckpointStorage,
  kind: CheckpointKind<State>,
  at: { readonly streamId: string; readonly year: number; readonly revision: number },
  serialisedState: unknown,
  observe?: CheckpointObserver,
): Promise<void> {
  return saveCheckpointOfStateJson(
    storage,
    kind,
    at,
    () => JSON.stringify(serialisedState),
    observe,
  );
}

/**
 * {@link saveCheckpoint} given the serialised state's JSON (`JSON.stringify` of
 * `kind.serialise(state)`, or a function that makes it, so that a state JSON cannot hold is a
 * failed save): the same checkpoint, byte for byte. The write side makes the JSON at the year
 * close, while the state is at hand, so that the serialised form (thousands of small arrays) is
 * garbage at once instead of living on until the save.
 */
export async function saveCheckpointOfStateJson<State>(
  storage: CheckpointStorage,
  kind: CheckpointKind<State>,
  at: { readonly streamId: string; readonly year: number; readonly revision: number },
  stateJson: string | (() => string),
  observe?: CheckpointObserver,
): Promise<void> {
  const name = checkpointName(kind.projection, kind.codeVersion, at.streamId, at.year);
  try {
    const chainHash = await storage.chainHashAt(at.streamId, at.revision);
    if (chainHash === undefined) return;
    const json = typeof stateJson === 'string' ? stateJson : stateJson();
    const sealed = await sealCheckpointOfStateJson(
      {
        format: 'finsam-ledger/checkpoint',
        projection: kind.projection,
        codeVersion: kind.codeVersion,
        streamId: at.streamId,
        year: at.year,
        revision: at.revision,
        chainHash,
        ...(kind.variant === undefined ? {} : { variant: kind.variant }),
      },
      json,
    );
    await storage.write(name, sealed.text, sealed.bytes);
    observe?.({ kind: 'saved', name, year: at.year, revision: at.revision });
  } catch (error) {
    observe?.({
      kind: 'save-failed',
      name,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/**
 * Removes the checkpoints of `kind` for `streamId` saved by an older code version (their names
 * differ only in it) and reports each as stale: such a state was folded or serialised another
 * way, so it is never read, and keeping it would only take space. A newer version's are left to
 * the newer code.
 */
export async function discardOlderVersions<State>(
  storage: CheckpointStorage,
  kind: CheckpointKind<State>,
  streamId: string,
  observe?: CheckpointObserver,
): Promise<void> {
  const versioned = /^\.v(\d+)\..*\.(\d+)\.json$/;
  for (const name of await storage.list()) {
    if (!name.startsWith(`${kind.projection}.v`)) continue;
    const [, version, year] = versioned.exec(name.slice(kind.projection.length)) ?? [];
    if (version === undefined || Number(version) >= kind.codeVersion) continue;
    if (name !== checkpointName(kind.projection, Number(version), streamId, Number(year))) continue;
    await storage.remove(name).catch(() => undefined);
    observe?.({
      kind: 'discarded',
      name,
      reason: 'stale',
      message: `it was saved by version ${version} of ${kind.projection}; this is version ${kind.codeVersion}`,
    });
  }
}
