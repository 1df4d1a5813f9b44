import { z } from 'zod';
import { defineEvent, type DataOf } from '../events/defineEvent.js';
import { calendarDate, freeText } from '../events/zodFields.js';
import { insatsIdField } from './DeltagareInskriven.js';
import * as E from 'fp-ts/Either';
import { defineParticipantEvent } from './ParticipantEventModule.js';
import { refuseParticipantEvent } from './participantState.js';

/** Limits of goals. */
export const goalLimits = { offeredMax: 1_000_000, titleLengthMax: 200 } as const;

/**
 * What a goal share is a share of: `avslutade` (the participants concluded in the period,
 * as the 2020 report counts MIA Roslagen) or `deltagare` (every participant offered the
 * insats in the period, as the 2022 report words MIA Vidare's goals).
 */
export const goalShareBases = ['avslutade', 'deltagare'] as const;
/** One value of {@link goalShareBases}. */
export type GoalShareBase = (typeof goalShareBases)[number];

const wholePercent = () => z.number().int().min(0).max(100);

const schema = z
  .object({
    insatsId: insatsIdField(),
    benämning: freeText(goalLimits.titleLengthMax),
    beslutsdatum: calendarDate(),
    periodFrån: calendarDate(),
    periodTill: calendarDate(),
    erbjudnaMål: z.number().int().min(0).max(goalLimits.offeredMax),
    arbeteEllerStudierMålProcent: wholePercent(),
    stegförflyttningMålProcent: wholePercent(),
    andelAv: z.enum(goalShareBases),
  })
  .strict();

/**
 * `InsatsmålSatt`: the goals of an insats for a period, as decided: how many participants
 * are to be offered the insats, and the least share to conclude to work or studies and to
 * make a stegförflyttning (conclude to an ordinary programme at Arbetsförmedlingen or the
 * municipality). A later decision for the same insats replaces an earlier one; both stay
 * in the history.
 */
export const InsatsmålSatt = defineParticipantEvent({
  definition: defineEvent({
    type: 'InsatsmålSatt',
    category: 'deltagare',
    schema,
    businessDate: (data) => data.beslutsdatum,
    description:
      'The goals of an insats for the period periodFrån–periodTill were decided on beslutsdatum: participants to be offered the insats, the least whole percent to conclude to work or studies, and the least whole percent with stegförflyttning, each a share of the concluded (andelAv = avslutade) or of all participants (andelAv = deltagare). A later decision for the same insats replaces the earlier one.',
  }),
  // A goal period starts before it ends.
  check: (_state, { type, data }) =>
    data.periodFrån > data.periodTill
      ? refuseParticipantEvent(
          'DATES_OUT_OF_ORDER',
          `InsatsmålSatt refused: the period starts ${data.periodFrån}, after it ends ${data.periodTill}`,
          { path: 'data.periodTill', rule: 'period-in-order' },
          { type },
        )
      : E.right(undefined),
});

/** The data of {@link InsatsmålSatt}. */
export type InsatsmålSattData = DataOf<typeof InsatsmålSatt.definition>;
