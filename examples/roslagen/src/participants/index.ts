/**
 * The participant side of the Roslagen example: 200 synthetic MIA Roslagen participants
 * consistent with every figure of Årsredovisning 2020, Bilaga 1, and 304 MIA Vidare
 * participants consistent with the goal figures of Årsredovisning 2022. See PARTICIPANTS.md.
 *
 * @packageDocumentation
 */
export { roslagenParticipantEvents, roslagenFörbundId } from './roslagenParticipantEvents.js';
export { roslagenInsatsNames, roslagenParticipantTitle } from './roslagenInsatsNames.js';
export {
  miaRoslagenInsatsId,
  miaVidareInsatsId,
  miaRoslagenPeriod,
  miaRoslagenCounts,
  miaRoslagenParticipants,
} from './miaRoslagenCohort.js';
export { miaVidarePeriod, miaVidareFigures, miaVidareParticipants } from './miaVidareCohort.js';
export type { SyntheticParticipant } from './syntheticParticipant.js';
