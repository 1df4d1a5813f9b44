import { participantEvent, participantSpecification } from '../testing/participantSpecification.js';

/** Shared by the participant event specifications (not published: `*.testScenario.ts`). */

/** The specification of the participant stream. */
export const spec = participantSpecification();

/** Builds a valid participant event (throws the catalog's refusal otherwise). */
export const event = participantEvent;

/** Participant p-0001 enrolled in MIA Roslagen on 1 March 2019. */
export const enrolled = (overrides: Record<string, unknown> = {}) =>
  participantEvent('DeltagareInskriven', {
    deltagareId: 'p-0001',
    insatsId: 'mia-roslagen',
    datum: '2019-03-01',
    kön: 'kvinna',
    åldersband: '30-44',
    anvisadFrån: 'försäkringskassan',
    försörjningVidInskrivning: 'sjuk- och rehabiliteringspenning',
    tidIOffentligFörsörjning: '1 till 3 år',
    hemkommun: 'Österåker',
    ...overrides,
  });
