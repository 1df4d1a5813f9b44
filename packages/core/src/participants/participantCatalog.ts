import { ledgerError } from '../error.js';
import { createEventCatalog, definitionsOf, type DomainEventOf } from '../ledger/EventCatalog.js';
import { AnonymaDeltagareRegistrerade } from './AnonymaDeltagareRegistrerade.js';
import { DeltagareAvslutad } from './DeltagareAvslutad.js';
import { DeltagareInskriven } from './DeltagareInskriven.js';
import { DeltagareÖverförd } from './DeltagareÖverförd.js';
import { InsatsmålSatt } from './InsatsmålSatt.js';
import type { ParticipantEventModule } from './ParticipantEventModule.js';

/**
 * Every participant event module, in catalog order: the one list the catalog, the decider
 * and {@link isParticipantEvent} are derived from.
 */
export const participantEventModules = [
  DeltagareInskriven,
  DeltagareAvslutad,
  DeltagareÖverförd,
  AnonymaDeltagareRegistrerade,
  InsatsmålSatt,
] as const;

/** The definitions of the participant events, in the order the catalog lists them. */
export const participantEventDefinitions = definitionsOf(participantEventModules);

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

const modulesByType = new Map<string, ParticipantEventModule>(
  participantEventModules.map((module) => [
    module.definition.type,
    module as ParticipantEventModule,
  ]),
);

/** The module of a participant event type (definition, own rule, state change). */
export function participantEventModule(type: string): ParticipantEventModule {
  const module = modulesByType.get(type);
  if (module === undefined)
    throw ledgerError('UNKNOWN_EVENT_TYPE', `${type} is not a participant event`, {
      issues: [
        { path: 'type', rule: 'known-event-type', message: `${type} is not a participant event` },
      ],
      details: { type },
    });
  return module;
}

/**
 * True if `event` is one of the participant events. Projections use it to skip the events
 * of other streams when they are fed a whole store's `readAll`.
 */
export const isParticipantEvent = (event: { readonly type: string }): event is ParticipantEvent =>
  modulesByType.has(event.type);
