import * as E from 'fp-ts/Either';
import {
  participantCatalog,
  type ParticipantEvent,
  type ParticipantEventType,
} from '../participants/participantCatalog.js';
import { participantDecider } from '../participants/participantDecider.js';
import { DeciderSpecification } from './DeciderSpecification.js';
import { testMetadata } from './bookkeepingFixtures.js';

/** Builds a valid participant event or throws the catalog's refusal: for tests. */
export function participantEvent<Type extends ParticipantEventType>(
  type: Type,
  data: unknown,
  eventId?: string,
): Extract<ParticipantEvent, { type: Type }> {
  const created = participantCatalog.create(type, data, {
    metadata: testMetadata,
    ...(eventId === undefined ? {} : { eventId }),
  });
  if (E.isLeft(created)) throw created.left;
  return created.right as Extract<ParticipantEvent, { type: Type }>;
}

/**
 * A {@link DeciderSpecification} of the participant stream: its rules and catalog.
 *
 * @example
 * ```ts
 * participantSpecification()
 *   .given([participantEvent('DeltagareInskriven', enrolment)])
 *   .when(participantEvent('DeltagareInskriven', enrolment))
 *   .thenRefused('PARTICIPANT_ALREADY_ENROLLED', 'data.deltagareId');
 * ```
 */
export const participantSpecification = () =>
  DeciderSpecification.for({ decider: participantDecider, catalog: participantCatalog });
