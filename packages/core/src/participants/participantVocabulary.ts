/**
 * The closed vocabularies of the participant events, in the förbund's own words. Each list
 * follows the categories of Årsredovisning 2020, Bilaga 1 (the regional MIA project's
 * "Mätmetoder och statistik"), so that those tables can be projected without mapping.
 * Each value comes with the label the report prints, for rendering.
 */

/** Gender as recorded at enrolment: `annat` covers icke-binär; `okänt` is not recorded. */
export const kön = ['kvinna', 'man', 'annat', 'okänt'] as const;
/** One value of {@link kön}. */
export type Kön = (typeof kön)[number];

/** Who referred the participant (anvisad från). */
export const anvisadFrån = [
  'arbetsförmedlingen',
  'försäkringskassan',
  'kommunen',
  'regionen',
  'egenanmälan/övrigt',
] as const;
/** One value of {@link anvisadFrån}. */
export type AnvisadFrån = (typeof anvisadFrån)[number];
/** The labels Bilaga 1 prints for {@link anvisadFrån}. */
export const anvisadFrånLabels: Readonly<Record<AnvisadFrån, string>> = {
  arbetsförmedlingen: 'Arbetsförmedlingen',
  försäkringskassan: 'Försäkringskassan',
  kommunen: 'Kommunen',
  regionen: 'Regionen',
  'egenanmälan/övrigt': 'Övrigt/ Egenanmälan',
};

/** Primary public support at enrolment (primär försörjning vid inskrivning). */
export const försörjningVidInskrivning = [
  'aktivitetsstöd/utvecklingsersättning',
  'aktivitetsersättning',
  'sjuk- och rehabiliteringspenning',
  'sjukersättning',
  'försörjningsstöd',
  'ingen ersättning',
] as const;
/** One value of {@link försörjningVidInskrivning}. */
export type FörsörjningVidInskrivning = (typeof försörjningVidInskrivning)[number];
/** The labels Bilaga 1 prints for {@link försörjningVidInskrivning}. */
export const försörjningVidInskrivningLabels: Readonly<Record<FörsörjningVidInskrivning, string>> =
  {
    'aktivitetsstöd/utvecklingsersättning': 'Aktivitetsstöd/utvecklingsersättning',
    aktivitetsersättning: 'Aktivitetsersättning',
    'sjuk- och rehabiliteringspenning': 'Sjuk- och rehabpenning',
    sjukersättning: 'Sjukersättning',
    försörjningsstöd: 'Försörjningsstöd',
    'ingen ersättning': 'Ingen ersättning',
  };

/** Support after concluding, where known: the support categories plus own income. */
export const försörjningEfterAvslut = [
  ...försörjningVidInskrivning,
  'lön',
  'studiemedel',
  'annan',
] as const;
/** One value of {@link försörjningEfterAvslut}. */
export type FörsörjningEfterAvslut = (typeof försörjningEfterAvslut)[number];

/** Time on public support before enrolment (tid i offentlig försörjning), in the report's bands. */
export const tidIOffentligFörsörjning = [
  'upp till 1 år',
  '1 till 3 år',
  '3 till 6 år',
  '6 till 9 år',
  'mer än 9 år',
  'ej angivet',
] as const;
/** One value of {@link tidIOffentligFörsörjning}. */
export type TidIOffentligFörsörjning = (typeof tidIOffentligFörsörjning)[number];
/** The labels Bilaga 1 prints for {@link tidIOffentligFörsörjning}. */
export const tidIOffentligFörsörjningLabels: Readonly<Record<TidIOffentligFörsörjning, string>> = {
  'upp till 1 år': 'Upp till 1 år',
  '1 till 3 år': 'Från 1 år och upp till 3 år',
  '3 till 6 år': 'Från 3 år och upp till 6 år',
  '6 till 9 år': 'Från 6 år och upp till 9 år',
  'mer än 9 år': 'Mer än 9 år',
  'ej angivet': 'Ej angivet/ ej tillämpligt',
};

/**
 * Age at enrolment in the report's bands. The target group is 16–64 years; the report
 * prints its last band as "56-65". `okänt` holds participants whose age was not recorded
 * or whose birth year puts them outside 16–65.
 */
export const åldersband = ['16-29', '30-44', '45-55', '56-65'] as const;
/** One value of {@link åldersband}. */
export type Åldersband = (typeof åldersband)[number];
/** An age band, or `okänt` when none can be given. */
export type ÅldersbandEllerOkänt = Åldersband | 'okänt';
/** The labels Bilaga 1 prints for {@link åldersband}. */
export const åldersbandLabels: Readonly<Record<ÅldersbandEllerOkänt, string>> = {
  '16-29': '16-29 år',
  '30-44': '30-44 år',
  '45-55': '45-55 år',
  '56-65': '56-65',
  okänt: 'Okänd ålder',
};

/** Reason for concluding (avslutsorsak). */
export const avslutsorsak = [
  'arbete',
  'studier',
  'ordinarie insats hos Arbetsförmedlingen',
  'ordinarie insats hos kommunen',
  'fortsatt rehabilitering',
  'sjukdom',
  'övrigt',
] as const;
/** One value of {@link avslutsorsak}. */
export type Avslutsorsak = (typeof avslutsorsak)[number];
/** The labels Bilaga 1 prints for {@link avslutsorsak}. */
export const avslutsorsakLabels: Readonly<Record<Avslutsorsak, string>> = {
  arbete: 'Arbete',
  studier: 'Studier',
  'ordinarie insats hos Arbetsförmedlingen': 'Deltar i ord på Arbetsförmedlingen',
  'ordinarie insats hos kommunen': 'Deltar i ord på kommunen',
  'fortsatt rehabilitering': 'Forts rehab',
  sjukdom: 'Sjukdom',
  övrigt: 'Övrigt',
};

/** Reasons that count as "ökad egen försörjning genom arbete eller studier". */
export const arbeteEllerStudier: readonly Avslutsorsak[] = ['arbete', 'studier'];
/**
 * Reasons that count as stegförflyttning: concluded to an ordinary work-preparing
 * programme at Arbetsförmedlingen or the municipality.
 */
export const stegförflyttning: readonly Avslutsorsak[] = [
  'ordinarie insats hos Arbetsförmedlingen',
  'ordinarie insats hos kommunen',
];
