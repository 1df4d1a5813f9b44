import type { CheckpointKind } from '../checkpoints/checkpointShelf.js';
import type { AnonymaDeltagareRegistreradeData } from './AnonymaDeltagareRegistrerade.js';
import type { InsatsmålSattData } from './InsatsmålSatt.js';
import type { InsatsHistory, ParticipantRecord } from './projections/participantRegister.js';

/**
 * What the participant tables of any later year need from the store up to a year close of the
 * books: every insats's history folded from the participant events stored before the close, where
 * in the store that is, and how far the participant stream had come (its chain hash there is
 * checked on load too, so that a checkpoint is never trusted over a participant stream that
 * changed, whatever the books' chain covers).
 */
export interface ParticipantRegisterFoldState {
  readonly histories: Map<string, InsatsHistory>;
  /** The global position of the books' close the state was saved at: the tail starts after it. */
  readonly position: number;
  /** The participant stream's last revision folded into the state (`-1` before any). */
  readonly participantRevision: number;
  /** The store's chain hash at that revision of the participant stream (none before any). */
  readonly participantChainHash?: string;
}

/** The serialised form: plain JSON, Maps as entry arrays in recording order. */
interface SerialisedParticipantRegister {
  readonly position: number;
  readonly participantRevision: number;
  readonly participantChainHash?: string;
  readonly histories: {
    readonly insatsId: string;
    readonly participants: [string, ParticipantRecord][];
    readonly anonymous: AnonymaDeltagareRegistreradeData[];
    readonly goals: InsatsmålSattData[];
  }[];
}

/** The state as plain JSON (deterministic: the same state gives the same text). */
export const serialiseParticipantRegister = (
  state: ParticipantRegisterFoldState,
): SerialisedParticipantRegister => ({
  position: state.position,
  participantRevision: state.participantRevision,
  ...(state.participantChainHash === undefined
    ? {}
    : { participantChainHash: state.participantChainHash }),
  histories: [...state.histories.values()].map((history) => ({
    insatsId: history.insatsId,
    // Copies: the fold goes on concluding participants and adding registrations and goals while
    // a save waits for the chain hash, and the checkpoint must hold the state at its position.
    participants: [...history.participants].map(([deltagareId, record]) => [
      deltagareId,
      { ...record },
    ]),
    anonymous: [...history.anonymous],
    // The goal in force is the last one recorded: `goals` holds it, so it is not written twice.
    goals: [...history.goals],
  })),
});

/** The state from its serialised form. */
export const deserialiseParticipantRegister = (
  serialised: SerialisedParticipantRegister,
): ParticipantRegisterFoldState => ({
  position: serialised.position,
  participantRevision: serialised.participantRevision,
  ...(serialised.participantChainHash === undefined
    ? {}
    : { participantChainHash: serialised.participantChainHash }),
  histories: new Map(
    serialised.histories.map((history) => [
      history.insatsId,
      {
        insatsId: history.insatsId,
        participants: new Map(
          history.participants.map(([deltagareId, record]) => [deltagareId, { ...record }]),
        ),
        anonymous: [...history.anonymous],
        goals: [...history.goals],
        goal: history.goals[history.goals.length - 1] ?? null,
      },
    ]),
  ),
});

/**
 * The version of the participant register's fold: bump it whenever the histories or their
 * serialised form change, and every checkpoint saved by older code is ignored.
 */
export const participantRegisterFoldVersion = 1;

/**
 * The participant register's checkpoint kind. Its checkpoints are saved at the books' year closes
 * (participants have none) and named after the books' stream, so that the store's chain hash at
 * the close keys them; the variant names the participant stream, so that a checkpoint of another
 * förbund's register is stale.
 */
export const participantRegisterCheckpointKind = (
  participantStreamId: string,
): CheckpointKind<ParticipantRegisterFoldState> => ({
  projection: 'participant-register',
  codeVersion: participantRegisterFoldVersion,
  variant: JSON.stringify({ participantStreamId }),
  serialise: serialiseParticipantRegister,
  deserialise: (serialised) =>
    deserialiseParticipantRegister(serialised as SerialisedParticipantRegister),
});
