// The small register the renderer specs print: not part of the public API.
import type { ParticipantEvent } from '../participantCatalog.js';
import { createParticipantEvent, enrolmentData } from '../participantEvents.testScenario.js';

// Steget, a small insats: a goal decided in January 2021, three participants enrolled in
// 2021 (a woman referred by Försäkringskassan, a man by Arbetsförmedlingen, one of another
// gender by the municipality); the man concluded to studies in October.
export const stegetEvents: ParticipantEvent[] = [
  createParticipantEvent('InsatsmålSatt', {
    insatsId: 'steget',
    benämning: 'Steget',
    beslutsdatum: '2021-01-10',
    periodFrån: '2021-02-01',
    periodTill: '2022-12-31',
    erbjudnaMål: 10,
    arbeteEllerStudierMålProcent: 30,
    stegförflyttningMålProcent: 30,
    andelAv: 'avslutade',
  }),
  createParticipantEvent(
    'DeltagareInskriven',
    enrolmentData({
      deltagareId: 'p-1',
      insatsId: 'steget',
      datum: '2021-02-01',
      kön: 'kvinna',
      anvisadFrån: 'försäkringskassan',
    }),
  ),
  createParticipantEvent(
    'DeltagareInskriven',
    enrolmentData({
      deltagareId: 'p-2',
      insatsId: 'steget',
      datum: '2021-03-01',
      kön: 'man',
      anvisadFrån: 'arbetsförmedlingen',
      åldersband: '16-29',
      försörjningVidInskrivning: 'försörjningsstöd',
      tidIOffentligFörsörjning: 'upp till 1 år',
    }),
  ),
  createParticipantEvent(
    'DeltagareInskriven',
    enrolmentData({
      deltagareId: 'p-3',
      insatsId: 'steget',
      datum: '2021-04-01',
      kön: 'annat',
      anvisadFrån: 'kommunen',
    }),
  ),
  createParticipantEvent('DeltagareAvslutad', {
    deltagareId: 'p-2',
    insatsId: 'steget',
    datum: '2021-10-01',
    avslutsorsak: 'studier',
  }),
];
