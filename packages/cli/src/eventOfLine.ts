import {
  bookkeepingCatalog,
  participantCatalog,
  type BookkeepingEventType,
  type ParticipantEventType,
} from '@finsam-ledger/core';
import type { EventLine } from './readEventsFile.js';

/**
 * The event an events file's line makes, validated by its catalog (the participant register's
 * or the books'), or the catalog's refusal naming the field and the rule.
 */
export const eventOfLine = (line: EventLine, participant: boolean) => {
  const options = {
    metadata: line.metadata,
    ...(line.eventId === undefined ? {} : { eventId: line.eventId }),
  };
  return participant
    ? participantCatalog.create(line.type as ParticipantEventType, line.data, options)
    : bookkeepingCatalog.create(line.type as BookkeepingEventType, line.data, options);
};

/** True for a line of a participant event (the participant register's stream). */
export const isParticipantLine = (line: Pick<EventLine, 'type'>): boolean =>
  participantCatalog.definition(line.type) !== undefined;
