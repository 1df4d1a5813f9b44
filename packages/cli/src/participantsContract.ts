// TEMPORARY stand-in for the participants helper's core API (ISSUE11-CONTRACT.md): the
// participant tables of a year, replaced by createParticipantRegister once merged.
import type { EventStore, MoneyUnit } from '@finsam-ledger/core';

export interface ParticipantSection {
  readonly data: unknown;
  readonly text: string;
  readonly markdown: string;
  readonly csv: string;
}

export async function participantSection(
  _store: EventStore,
  _förbundId: string,
  _year: number,
  _unit: MoneyUnit,
): Promise<ParticipantSection> {
  return { data: [], text: '', markdown: '', csv: '' };
}
