import { miaRoslagenInsatsId, miaVidareInsatsId } from './miaRoslagenCohort.js';

/** The printed names of the example's insatser, for the participant table renderers. */
export const roslagenInsatsNames: Readonly<Record<string, string>> = {
  [miaRoslagenInsatsId]: 'MIA Roslagen',
  [miaVidareInsatsId]: 'MIA Vidare Roslagen',
};

/** The heading the example prints over a year's participant tables. */
export const roslagenParticipantTitle = (år: number): string =>
  `Deltagarstatistik ${år}, Samordningsförbundet Roslagen (syntetiska deltagare)`;
