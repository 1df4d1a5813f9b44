import { createEventCatalog, type DomainEventOf } from '../ledger/EventCatalog.js';
import { AnonymaDeltagareRegistrerade } from './AnonymaDeltagareRegistrerade.js';
import { DeltagareAvslutad } from './DeltagareAvslutad.js';
import { DeltagareInskriven } from './DeltagareInskriven.js';
import { DeltagareÖverförd } from './DeltagareÖverförd.js';
import { InsatsmålSatt } from './InsatsmålSatt.js';

/** The definitions of the participant events, in the order the catalog lists them. */
export const participantEventDefinitions = [
  DeltagareInskriven,
  DeltagareAvslutad,
  DeltagareÖverförd,
  AnonymaDeltagareRegistrerade,
  InsatsmålSatt,
] as const;

/**
 * The catalog of the participant stream (`deltagare-<förbundId>`): validates new
 * participant events (refusing personnummer in every id and free-text field) and decodes
 * stored ones.
 */
export const participantCatalog = createEventCatalog(participantEventDefinitions);

/** Any event of the participant stream. */
export type ParticipantEvent = DomainEventOf<typeof participantEventDefinitions>;

/** The type names of the participant events. */
export type ParticipantEventType = ParticipantEvent['type'];

const participantEventTypes: ReadonlySet<string> = new Set(
  participantEventDefinitions.map((definition) => definition.type),
);

/**
 * True if `event` is one of the participant events. Projections use it to skip the events
 * of other streams when they are fed a whole store's `readAll`.
 */
export const isParticipantEvent = (event: { readonly type: string }): event is ParticipantEvent =>
  participantEventTypes.has(event.type);
