import * as E from 'fp-ts/Either';
import { bookkeepingCatalog } from '../bookkeeping/bookkeepingCatalog.js';
import {
  loadLatestCheckpoint,
  saveCheckpoint,
  type CheckpointKind,
  type CheckpointObserver,
} from '../checkpoints/checkpointShelf.js';
import { checkpointStorageOf, type CheckpointStorage } from '../store/CheckpointStorage.js';
import { checkpointName } from '../store/checkpointEnvelope.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import type { EventStore } from '../store/EventStore.js';
import { participantCatalog } from './participantCatalog.js';
import {
  participantRegisterCheckpointKind,
  type ParticipantRegisterFoldState,
} from './participantRegisterCheckpoint.js';
import { insatsHistories, type InsatsHistory } from './projections/participantRegister.js';

/** Where a register's events and the books whose year closes key its checkpoints are stored. */
export interface ParticipantHistoriesSource {
  readonly participantStreamId: string;
  /** The books' stream: each of its year closes is a point a checkpoint is saved at. */
  readonly booksStreamId: string;
  /** Told what happened to each checkpoint (used, saved, discarded). */
  readonly observe?: CheckpointObserver;
}

const histories = insatsHistories();

/**
 * Every insats's history folded from a register's participant events, starting at the latest
 * checkpoint that verifies (saved at a year close of the books) and reading only the store after
 * it; without one, from the start. On the way it saves a checkpoint at every year close of the
 * books that has none. A store without checkpoint storage (the in-memory store) reads the
 * participant stream from its start.
 */
export async function foldParticipantHistories(
  store: EventStore,
  source: ParticipantHistoriesSource,
): Promise<Map<string, InsatsHistory>> {
  const storage = checkpointStorageOf(store);
  if (storage === undefined) {
    const state = histories.init();
    for await (const stored of store.readStream(source.participantStreamId))
      histories.apply(state, decodeParticipantEvent(stored));
    return state;
  }
  const folding = await startParticipantHistoriesFold(storage, source);
  for await (const stored of store.readAll({ fromPosition: folding.position + 1 }))
    await folding.accept(stored);
  return folding.finish();
}

/**
 * The participant register's fold started at its latest checkpoint that verifies (see
 * {@link foldParticipantHistories}), fed the store's events after `position` in store order:
 * what a walk that feeds other folds too (the writer's fold of the readers' checkpoints at
 * close) shares with {@link foldParticipantHistories}.
 */
export interface ParticipantHistoriesFolding {
  /** The global position folded up to: events at or before it are passed over. */
  readonly position: number;
  /**
   * Folds a participant event, and at a year close of the books that has no checkpoint, starts
   * saving one; the promise, when there is one, settles once the state is serialised.
   */
  accept(stored: StoredEvent): Promise<void> | undefined;
  /** Every insats's history, once every checkpoint started has been saved. */
  finish(): Promise<Map<string, InsatsHistory>>;
}

/** Starts the participant register's fold (see {@link ParticipantHistoriesFolding}). */
export async function startParticipantHistoriesFold(
  storage: CheckpointStorage,
  source: ParticipantHistoriesSource,
): Promise<ParticipantHistoriesFolding> {
  const kind = participantRegisterCheckpointKind(source.participantStreamId);
  const rejected = new Set<string>();
  const state = (await loadVerified(storage, kind, source, rejected)) ?? {
    histories: histories.init(),
    position: -1,
    participantRevision: -1,
  };
  // A stale checkpoint the storage could not remove is written over.
  const saved = new Set((await storage.list()).filter((name) => !rejected.has(name)));
  return new ParticipantTailFold(storage, kind, source, state, saved);
}

/**
 * The latest checkpoint whose books' chain hash verifies (see `loadLatestCheckpoint`) and whose
 * participant stream still holds, at the revision it reached, the event it folded last. The
 * names of those found stale are added to `rejected`.
 */
async function loadVerified(
  storage: CheckpointStorage,
  kind: CheckpointKind<ParticipantRegisterFoldState>,
  source: ParticipantHistoriesSource,
  rejected: Set<string>,
): Promise<ParticipantRegisterFoldState | undefined> {
  // Positions found stale: skipped even when the storage cannot remove them (a read-only one).
  const stale = new Set<number>();
  for (;;) {
    const loaded = await loadLatestCheckpoint(storage, kind, source.booksStreamId, {
      usable: (state) => !stale.has(state.position),
      ...(source.observe === undefined ? {} : { observe: source.observe }),
    });
    if (loaded === undefined) return undefined;
    const { participantRevision } = loaded.state;
    const name = checkpointName(
      kind.projection,
      kind.codeVersion,
      source.booksStreamId,
      loaded.year,
    );
    const participantHash =
      participantRevision < 0
        ? undefined
        : await storage.chainHashAt(source.participantStreamId, participantRevision);
    const expected = participantRevision < 0 ? undefined : loaded.state.participantChainHash;
    if (participantHash === expected) return loaded.state;
    // The participant stream is not the one folded: the checkpoint is stale; try an earlier one.
    stale.add(loaded.state.position);
    rejected.add(name);
    await storage.remove(name).catch(() => undefined);
    source.observe?.({
      kind: 'discarded',
      name,
      reason: 'stale',
      message: `the participant stream ${source.participantStreamId} differs at revision ${participantRevision} from the one the checkpoint folded`,
    });
  }
}

function decodeParticipantEvent(stored: StoredEvent) {
  const decoded = participantCatalog.decode(stored);
  if (E.isLeft(decoded)) throw decoded.left;
  return decoded.right;
}

/** The closed year of a books' `RäkenskapsårStängt` event. */
function closedYearOf(stored: StoredEvent): number {
  const decoded = bookkeepingCatalog.decode(stored);
  if (E.isLeft(decoded)) throw decoded.left;
  const event = decoded.right;
  return event.type === 'RäkenskapsårStängt' ? event.data.år : Number.NaN;
}

/** Folds the store after the state's position, saving a checkpoint at each new year close. */
class ParticipantTailFold implements ParticipantHistoriesFolding {
  readonly position: number;
  private readonly saves: Promise<void>[] = [];
  private participantRevision: number;
  private participantChainHash: string | undefined;

  constructor(
    private readonly storage: CheckpointStorage,
    private readonly kind: CheckpointKind<ParticipantRegisterFoldState>,
    private readonly source: ParticipantHistoriesSource,
    private readonly start: ParticipantRegisterFoldState,
    private readonly saved: Set<string>,
  ) {
    this.position = start.position;
    this.participantRevision = start.participantRevision;
    this.participantChainHash = start.participantChainHash;
  }

  accept(stored: StoredEvent): Promise<void> | undefined {
    if (stored.globalPosition <= this.position) return undefined;
    if (stored.streamId === this.source.participantStreamId) {
      histories.apply(this.start.histories, decodeParticipantEvent(stored));
      this.participantRevision = stored.streamRevision;
      this.participantChainHash = undefined;
      return undefined;
    }
    if (stored.streamId !== this.source.booksStreamId || stored.type !== 'RäkenskapsårStängt')
      return undefined;
    const year = closedYearOf(stored);
    const name = checkpointName(
      this.kind.projection,
      this.kind.codeVersion,
      this.source.booksStreamId,
      year,
    );
    if (this.saved.has(name)) return undefined;
    this.saved.add(name);
    return this.saveAt(stored, year);
  }

  async finish(): Promise<Map<string, InsatsHistory>> {
    await Promise.all(this.saves);
    return this.start.histories;
  }

  private async saveAt(close: StoredEvent, year: number): Promise<void> {
    const { participantStreamId } = this.source;
    this.participantChainHash ??=
      this.participantRevision < 0
        ? undefined
        : await this.storage.chainHashAt(participantStreamId, this.participantRevision);
    // Serialised now: the fold goes on changing the histories while the save waits for the hash.
    const serialised = this.kind.serialise({
      histories: this.start.histories,
      position: close.globalPosition,
      participantRevision: this.participantRevision,
      ...(this.participantChainHash === undefined
        ? {}
        : { participantChainHash: this.participantChainHash }),
    });
    this.saves.push(
      saveCheckpoint(
        this.storage,
        this.kind,
        { streamId: this.source.booksStreamId, year, revision: close.streamRevision },
        serialised,
        this.source.observe,
      ),
    );
  }
}
