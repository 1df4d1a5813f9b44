import type { Område } from '@finsam-ledger/core';
import { sumKr } from './amounts.js';

/**
 * The Not 2 lines of Årsredovisning 2022 (seed 000), from 2021 on: the `post` every cost of
 * 2021 and 2022 is booked on, so that Not 2 2022 and its 2021 column come out of the
 * events. Decided once, here. Each string is the printed line text with its whitespace
 * normalised, its quotes and footnote marks dropped ("Övrigt5", "Övriga operativa
 * kostnader  7", "ESF Projekt. Se projektbudget bilaga 2", "- Vårddialog      + 10 % ...",
 * 'Projekt- ”Efter MIA vidare” nov-dec”'). 2020 keeps its own, older lines (costs2020.ts).
 */
export const not2Post = {
  // Administrativa kostnader
  lokal: 'Lokal',
  styrelseOchRevision: 'Styrelse och revision',
  medlemsavgiftNns: 'Medlemsavgift NNS',
  kanslipersonal: 'Kanslipersonal',
  utvärdering: 'Utvärdering',
  övrigt: 'Övrigt',
  // Strukturpåverkande insatser
  gemensammaForum: 'Gemensamma forum och utbildning',
  insatskatalog: 'Insatskatalog + 30% samordnare tom sept.',
  vårddialog: 'Vårddialog + 10 % samordnare tom juni.',
  samsus: 'SAMSUS + 10% samordnare',
  stödjaAsf: 'Stödja ASF + 50% samordnare',
  // Operativ individinsats
  projektlokal: 'Projektlokal',
  esfProjekt: 'ESF Projekt',
  teamUtanförMia: 'Myndighetsgemensamt samverkansteam kostnader utanför projektet MIA',
  efterMia: 'Projekt- Efter MIA vidare nov-dec',
  övrigaOperativa: 'Övriga operativa kostnader',
} as const;

/** The Not 1 line of the income from selling a service (2022): `ÖvrigIntäktBokförd.intäktspost`. */
export const försäljningTjänst = 'Intäkt försäljning tjänst';

/** The insatser of the operativa lines from 2021 (Bilaga 2). */
export const miaVidare = 'MIA vidare Roslagen';
export const efterMiaVidare = 'Efter MIA vidare Roslagen';

/**
 * A line of Not 2 in Årsredovisning 2022, as printed (tkr) and as booked (exact kronor,
 * RECONSTRUCTED).
 */
export interface Not2Line {
  readonly område: Område;
  readonly post: string;
  /**
   * PRINTED: "Utfall 2022-12-31", "Budget 2022", "Avvikelse" (budget − utfall), and the 2021 column
   * ("" where blank).
   */
  readonly printed: {
    readonly utfall2022: string;
    readonly budget2022: string;
    readonly avvikelse2022: string;
    readonly utfall2021: string;
  };
  /** RECONSTRUCTED: the exact costs of 2022 and 2021 ("0.00": none). */
  readonly belopp2022: string;
  readonly belopp2021: string;
}

const line = (
  område: Område,
  post: string,
  printed: Not2Line['printed'],
  belopp2022: string,
  belopp2021: string,
): Not2Line => ({ område, post, printed, belopp2022, belopp2021 });

/**
 * Not 2 of Årsredovisning 2022, every line in printed order.
 *
 * RECONSTRUCTED exact amounts. Each rounds (half away from zero) to its printed utfall and
 * to its printed avvikelse against the budget, each område to its printed summa and the
 * whole to the RR (10 308 000.00 in 2022, 10 307 460.00 in 2021), except where the print
 * does not add up (README, "Discrepancies"): 2021 Övrigt is 99 760.00 (prints 100; Not 2
 * prints 96) because the printed 2021 administrativa lines add up to 1 605 while their summa
 * (1 609) and the RR (10 307) need 1 609; the 2022 avvikelser of "Myndighetsgemensamt
 * samverkansteam" (printed −83 for 200 − 117), "Övriga operativa kostnader" (printed 38 for
 * 90 − 53) and the område summor 401 and −67 cannot hold.
 */
export const not2Lines: readonly Not2Line[] = [
  line(
    'administrativa',
    not2Post.lokal,
    { utfall2022: '138', budget2022: '130', avvikelse2022: '-8', utfall2021: '100' },
    '138000.00',
    '100000.00',
  ),
  line(
    'administrativa',
    not2Post.styrelseOchRevision,
    { utfall2022: '261', budget2022: '300', avvikelse2022: '39', utfall2021: '355' },
    '260900.00',
    '355240.00',
  ),
  line(
    'administrativa',
    not2Post.medlemsavgiftNns,
    { utfall2022: '12', budget2022: '15', avvikelse2022: '3', utfall2021: '' },
    '12000.00',
    '0.00',
  ),
  line(
    'administrativa',
    not2Post.kanslipersonal,
    { utfall2022: '1413', budget2022: '1395', avvikelse2022: '-18', utfall2021: '1039' },
    '1413100.00',
    '1039180.00',
  ),
  line(
    'administrativa',
    not2Post.utvärdering,
    { utfall2022: '130', budget2022: '130', avvikelse2022: '0', utfall2021: '15' },
    '130000.00',
    '15000.00',
  ),
  line(
    'administrativa',
    not2Post.övrigt,
    { utfall2022: '96', budget2022: '100', avvikelse2022: '4', utfall2021: '96' },
    '95800.00',
    '99760.00',
  ),
  line(
    'strukturpåverkande',
    not2Post.gemensammaForum,
    { utfall2022: '50', budget2022: '100', avvikelse2022: '50', utfall2021: '45' },
    '49800.00',
    '45120.00',
  ),
  line(
    'strukturpåverkande',
    not2Post.insatskatalog,
    { utfall2022: '203', budget2022: '300', avvikelse2022: '97', utfall2021: '251' },
    '203200.00',
    '250860.00',
  ),
  line(
    'strukturpåverkande',
    not2Post.vårddialog,
    { utfall2022: '37', budget2022: '75', avvikelse2022: '38', utfall2021: '79' },
    '37300.00',
    '79310.00',
  ),
  line(
    'strukturpåverkande',
    not2Post.samsus,
    { utfall2022: '55', budget2022: '75', avvikelse2022: '20', utfall2021: '130' },
    '54800.00',
    '129840.00',
  ),
  line(
    'strukturpåverkande',
    not2Post.stödjaAsf,
    { utfall2022: '739', budget2022: '700', avvikelse2022: '-39', utfall2021: '526' },
    '739100.00',
    '526070.00',
  ),
  line(
    'operativa',
    not2Post.projektlokal,
    { utfall2022: '350', budget2022: '350', avvikelse2022: '0', utfall2021: '388' },
    '350000.00',
    '388000.00',
  ),
  line(
    'operativa',
    not2Post.esfProjekt,
    { utfall2022: '6141', budget2022: '5534', avvikelse2022: '-607', utfall2021: '7136' },
    '6140800.00',
    '7135870.00',
  ),
  line(
    'operativa',
    not2Post.teamUtanförMia,
    { utfall2022: '117', budget2022: '200', avvikelse2022: '-83', utfall2021: '' },
    '117100.00',
    '0.00',
  ),
  line(
    'operativa',
    not2Post.efterMia,
    { utfall2022: '513', budget2022: '1066', avvikelse2022: '553', utfall2021: '' },
    '512900.00',
    '0.00',
  ),
  line(
    'operativa',
    not2Post.övrigaOperativa,
    { utfall2022: '53', budget2022: '90', avvikelse2022: '38', utfall2021: '143' },
    '53200.00',
    '143210.00',
  ),
];

/** PRINTED: the område summor of Not 2 2022 (utfall 2022, budget 2022, avvikelse, 2021). */
export const not2Summor = {
  administrativa: {
    utfall2022: '2050',
    budget2022: '2070',
    avvikelse2022: '20',
    utfall2021: '1609',
  },
  strukturpåverkande: {
    utfall2022: '1084',
    budget2022: '1250',
    avvikelse2022: '401',
    utfall2021: '1031',
  },
  operativa: { utfall2022: '7174', budget2022: '7240', avvikelse2022: '-67', utfall2021: '7667' },
  /**
   * "Verksamhetens kostnader": budget printed 10 590 (the lines add up to 10 560), no avvikelse
   * printed.
   */
  total: { utfall2022: '10308', budget2022: '10590', avvikelse2022: '', utfall2021: '10307' },
} as const;

/** The exact Not 2 line of a year. */
export const not2LineAmount = (line: Not2Line, year: 2021 | 2022): string =>
  year === 2021 ? line.belopp2021 : line.belopp2022;

/** The exact Not 2 total of a year: 10 307 460.00 (2021), 10 308 000.00 (2022), the RR. */
export const not2Total = (year: 2021 | 2022): string =>
  sumKr(not2Lines.map((line) => not2LineAmount(line, year)));

/** The Not 2 line of `område` and `post`. */
export function not2LineOf(område: Område, post: string): Not2Line {
  const found = not2Lines.find(
    (candidate) => candidate.område === område && candidate.post === post,
  );
  if (!found) throw new Error(`No Not 2 line ${område}|${post}`);
  return found;
}
