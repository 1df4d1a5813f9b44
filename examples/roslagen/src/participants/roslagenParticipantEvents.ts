import { participantCatalog, type ParticipantEvent } from '@finsam-ledger/core';
import { assert } from '@finsam-ledger/core/store';
import { eventIdFrom } from './deterministicIds.js';
import {
  miaRoslagenInsatsId,
  miaRoslagenParticipants,
  miaRoslagenPeriod,
  miaVidareInsatsId,
} from './miaRoslagenCohort.js';
import { miaVidareParticipants, miaVidarePeriod } from './miaVidareCohort.js';
import type { SyntheticParticipant } from './syntheticParticipant.js';

/** The förbund id of the example: its participant stream is `deltagare-roslagen`. */
export const roslagenFörbundId = 'roslagen';

/** Who records the example's events (metadata; never a person's identity number). */
const recordedBy = 'exempel:roslagen';

// Goals as the reports print them. The reports give no decision dates: each goal is dated
// the first day of its period (the 2022 revision to 300: the first day of 2022).
const goals = [
  {
    insatsId: miaRoslagenInsatsId,
    benämning: 'MIA Roslagen: mål enligt Årsredovisning 2020',
    beslutsdatum: miaRoslagenPeriod.periodFrån,
    ...miaRoslagenPeriod,
    erbjudnaMål: 240,
    arbeteEllerStudierMålProcent: 30,
    stegförflyttningMålProcent: 40,
    andelAv: 'avslutade',
  },
  {
    insatsId: miaVidareInsatsId,
    benämning: 'MIA Vidare Roslagen: mål enligt Årsredovisning 2020',
    beslutsdatum: miaVidarePeriod.periodFrån,
    periodFrån: miaVidarePeriod.periodFrån,
    periodTill: '2022-09-30',
    erbjudnaMål: 330,
    arbeteEllerStudierMålProcent: 25,
    stegförflyttningMålProcent: 30,
    andelAv: 'deltagare',
  },
  {
    insatsId: miaVidareInsatsId,
    benämning: 'MIA Vidare Roslagen: mål enligt Årsredovisning 2022',
    beslutsdatum: '2022-01-01',
    ...miaVidarePeriod,
    erbjudnaMål: 300,
    arbeteEllerStudierMålProcent: 25,
    stegförflyttningMålProcent: 30,
    andelAv: 'deltagare',
  },
] as const;

interface PendingEvent {
  readonly name: string;
  readonly date: string;
  /** Orders events of the same day: goals, then enrolments, then endings. */
  readonly rank: number;
  readonly type: ParticipantEvent['type'];
  readonly data: Record<string, unknown>;
}

/** The events of one participant: its enrolment and, where it has one, its ending. */
function pendingEventsOf(participant: SyntheticParticipant): PendingEvent[] {
  const key = `${participant.insatsId}:${participant.deltagareId}`;
  const enrolled: PendingEvent = {
    name: `${key}:inskriven`,
    date: participant.enrolledOn,
    rank: 1,
    type: 'DeltagareInskriven',
    data: {
      deltagareId: participant.deltagareId,
      insatsId: participant.insatsId,
      datum: participant.enrolledOn,
      kön: participant.kön,
      åldersband: participant.åldersband,
      anvisadFrån: participant.anvisadFrån,
      försörjningVidInskrivning: participant.försörjningVidInskrivning,
      tidIOffentligFörsörjning: participant.tidIOffentligFörsörjning,
      hemkommun: participant.hemkommun,
    },
  };
  const ending = participant.ending;
  if (ending === undefined) return [enrolled];
  return [
    enrolled,
    ending.kind === 'avslutad'
      ? {
          name: `${key}:avslutad`,
          date: ending.on,
          rank: 2,
          type: 'DeltagareAvslutad',
          data: {
            deltagareId: participant.deltagareId,
            insatsId: participant.insatsId,
            datum: ending.on,
            avslutsorsak: ending.avslutsorsak,
          },
        }
      : {
          name: `${key}:överförd`,
          date: ending.on,
          rank: 2,
          type: 'DeltagareÖverförd',
          data: {
            deltagareId: participant.deltagareId,
            insatsId: participant.insatsId,
            datum: ending.on,
            tillInsatsId: ending.tillInsatsId,
          },
        },
  ];
}

/** Date order; on one day goals, then enrolments, then endings; then by name. */
const byDateRankName = (left: PendingEvent, right: PendingEvent): number =>
  left.date !== right.date
    ? left.date < right.date
      ? -1
      : 1
    : left.rank !== right.rank
      ? left.rank - right.rank
      : left.name < right.name
        ? -1
        : 1;

/**
 * The whole example history of Samordningsförbundet Roslagen's participant stream
 * (`deltagare-roslagen`): the goals of MIA Roslagen and MIA Vidare, and the enrolment and
 * ending of 200 + 304 synthetic participants, in date order. Deterministic: the same
 * events, ids and bytes on every call.
 */
export function roslagenParticipantEvents(): ParticipantEvent[] {
  const miaRoslagen = miaRoslagenParticipants();
  const miaVidare = miaVidareParticipants(miaRoslagen);
  const pending: PendingEvent[] = goals.map((goal, index) => ({
    name: `goal:${index}`,
    date: goal.beslutsdatum,
    rank: 0,
    type: 'InsatsmålSatt',
    data: { ...goal },
  }));
  for (const participant of [...miaRoslagen, ...miaVidare])
    pending.push(...pendingEventsOf(participant));
  pending.sort(byDateRankName);
  return pending.map((event) => {
    const created = participantCatalog.create(event.type, event.data, {
      eventId: eventIdFrom(`roslagen:${event.name}`),
      metadata: { recordedAt: `${event.date}T12:00:00.000Z`, recordedBy },
    });
    // The example does not depend on fp-ts: an Either is read by its tag.
    if (created._tag === 'Left')
      assert(false, 'every example event is valid', {
        name: event.name,
        error: created.left.message,
      });
    return created.right;
  });
}
