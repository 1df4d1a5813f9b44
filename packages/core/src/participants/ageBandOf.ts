import { yearOf } from '../events/zodFields.js';
import type { DeltagareInskrivenData } from './DeltagareInskriven.js';
import type { ÅldersbandEllerOkänt } from './participantVocabulary.js';

/**
 * The age band of an enrolment: the recorded band, or the band of the age reached in the
 * enrolment year (`enrolment year − birth year`); `okänt` when neither is known or the age
 * falls outside 16–65.
 */
export function ageBandOf(
  enrolment: Pick<DeltagareInskrivenData, 'datum' | 'åldersband' | 'födelseår'>,
): ÅldersbandEllerOkänt {
  if (enrolment.åldersband !== undefined) return enrolment.åldersband;
  if (enrolment.födelseår === undefined) return 'okänt';
  const age = yearOf(enrolment.datum) - enrolment.födelseår;
  if (age >= 16 && age <= 29) return '16-29';
  if (age >= 30 && age <= 44) return '30-44';
  if (age >= 45 && age <= 55) return '45-55';
  if (age >= 56 && age <= 65) return '56-65';
  return 'okänt';
}
