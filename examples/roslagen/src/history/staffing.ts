import { historyDraft, type HistoryDraft } from './historyDraft.js';

/**
 * Personnel (genomsnitt antal personalresurser i helårsekvivalenter) and the years before
 * the ledger, for the flerårsöversikt.
 *
 * PRINTED (seed 000 flerårsöversikt, 2017–2022; seed 003, 2016–2020; they agree where they
 * overlap): kansliet / strukturinsatser / individinsatser
 *   2022 2,0 / 1,1 / 7,2   2021 1,5 / 1,2 / 9,0   2020 1,5 / 0,8 / 10
 *   2019 2,0 / 0,5 / 7,0   2018 2,0 / - / 4,0    2017 1,0 / - / 4,0   2016 1,0 / - / 3,0
 * ("-": none reported; the field is left out). Intäkter, kostnader and årets resultat of
 * 2016–2018 are printed only in mkr with two decimals.
 */

/** Årsarbetare as printed, per område (decimal strings, never numbers). */
export const staffingByYear = {
  2016: { administrativa: '1.0', operativa: '3.0' },
  2017: { administrativa: '1.0', operativa: '4.0' },
  2018: { administrativa: '2.0', operativa: '4.0' },
  2019: { administrativa: '2.0', strukturpåverkande: '0.5', operativa: '7.0' },
  2020: { administrativa: '1.5', strukturpåverkande: '0.8', operativa: '10' },
  2021: { administrativa: '1.5', strukturpåverkande: '1.2', operativa: '9.0' },
  2022: { administrativa: '2.0', strukturpåverkande: '1.1', operativa: '7.2' },
} as const;

const källa = (year: number) =>
  `Årsredovisning ${year === 2020 ? '2020 och 2022' : '2022'}, flerårsöversikt: genomsnitt antal personalresurser i helårsekvivalenter (kansliet, strukturinsatser, individinsatser)`;

/** The staffing of a ledger year, registered when the year's report is adopted (the close). */
export const staffingDraft = (year: 2020 | 2021 | 2022, recordedOn: string): HistoryDraft =>
  historyDraft('PersonalresurserRegistrerade', `personalresurser-${year}`, recordedOn, {
    år: year,
    årsarbetare: staffingByYear[year],
    källa: källa(year),
  });

/** PRINTED (mkr, two decimals) intäkter / kostnader / årets resultat of the years before 2019. */
export const earlyYears = [
  { år: 2018, intäkter: '4680000.00', kostnader: '5110000.00', printedResultat: '-0,59' },
  { år: 2017, intäkter: '4130000.00', kostnader: '3680000.00', printedResultat: '0,45' },
  { år: 2016, intäkter: '2320000.00', kostnader: '3020000.00', printedResultat: '-0,70' },
] as const;

/**
 * The resultaträkning of 2018, 2017 and 2016 as far as it is known: the flerårsöversikt's
 * mkr figures (seed 003 for 2016–2018, seed 000 repeats 2017 and 2018), in kronor as
 * printed (4,68 mkr → 4 680 000.00), with the personnel. Registered when the 2020 report
 * (the first with the ledger) was adopted.
 */
export function earlyYearDrafts(recordedOn: string): HistoryDraft[] {
  return earlyYears.map((year) =>
    historyDraft('HistoriskaÅrsuppgifterRegistrerade', `historiska-${year.år}`, recordedOn, {
      år: year.år,
      källa:
        `Flerårsöversikten i Årsredovisning 2020 och 2022 Samordningsförbundet Roslagen: bara mkr med två decimaler är kända (intäkter ${year.intäkter.slice(0, 1)},${year.intäkter.slice(1, 3)}, ` +
        `kostnader ${year.kostnader.slice(0, 1)},${year.kostnader.slice(1, 3)} mkr), här i kronor; ingen balansräkning eller kassaflödesanalys.` +
        (year.år === 2018
          ? ' Årets resultat trycks −0,59 mkr, men 4,68 − 5,11 = −0,43: intäkter och kostnader tas som tryckta.'
          : ''),
      resultaträkning: {
        verksamhetensIntäkter: year.intäkter,
        verksamhetensKostnader: year.kostnader,
        avskrivningar: '0.00',
        finansiellaIntäkter: '0.00',
        finansiellaKostnader: '0.00',
      },
      personalresurser: staffingByYear[year.år],
    }),
  );
}
