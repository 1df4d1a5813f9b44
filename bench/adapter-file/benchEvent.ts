import { newEventId, type NewEvent } from '@finsam-ledger/core';

/**
 * A realistic event: a cost booked, with a decimal amount and a Swedish text (about 350 bytes on
 * disk).
 */
export function benchEvent(sequence: number): NewEvent {
  return {
    // newEventId: a random UUID that the personnummer check on every stored string accepts.
    eventId: newEventId(),
    type: 'KostnadBokförd',
    schemaVersion: 1,
    data: {
      verifikationsnummer: sequence,
      datum: '2020-11-30',
      beloppKr: `${(sequence % 100_000) + 1}.50`,
      område: 'operativa individinsatser',
      insats: 'MIA vidare',
      motpart: 'Norrtälje kommun',
      text: 'Arbetsträning Väddö hälsoträdgård – november',
    },
    metadata: { recordedAt: '2020-12-01T09:30:00.000Z', recordedBy: 'ekonom@roslagen' },
  };
}
