import { months, quarters, type CostComponent, type Instalment } from './costPlan.js';
import { efterMiaVidare, miaVidare, not2Post as p } from './not2Lines.js';

/**
 * The costs of 2022 as components of the Not 2 lines (not2Lines.ts). PRINTED: the line
 * totals (tkr) and, for the two projects, Bilaga 2's project budget table (tkr):
 * MIA vidare (ESF Projekt, to October) projektgemensamma regionala kostnader 298,
 * projektledning 829, myndighetsgemensamt samverkansteam 1 069, kursledare och
 * arbetscoach 2 391, arbetsträningsplatser 1 852; Efter MIA vidare (November–December)
 * projektledning 50, team 229, kursledare och arbetscoach 180, arbetsträning 54.
 * RECONSTRUCTED: the split into suppliers, amounts, VAT and rhythm. Bilaga 2's MIA vidare
 * lines add up to 6 439 while its summa and Not 2 say 6 141 (README): the ledger keeps
 * 6 141, with projektgemensamma 298, projektledning 829 and team 1 069 as printed; the rest
 * is shared between arbetsträning (shaped by the VAT receivable at year end, see
 * history/index.ts) and kursledare and arbetscoach.
 *
 * Footnote 6 of Not 2: the structural insatser's coordinator (689 tkr of staff in all) is
 * spread over the insatser by the shares in the line texts (30 % Insatskatalog to
 * September, 10 % Vårddialog to June, 10 % SAMSUS, 50 % Stödja ASF).
 */

const arvode = 'Arvodesmottagare styrelsen (rekonstruerad)';
const täbyFörsamling = 'Täby församling';
const rentQuarters: Instalment[] = [2, 3, 4].map((quarter) => ({
  month: quarter * 3 - 3,
  day: 25,
  label: `kv ${quarter} 2022`,
}));
/**
 * Staff lent by the members to the project is invoiced per quarter in arrears, in the month after
 * the quarter.
 */
const inArrears = (...list: number[]): Instalment[] =>
  list.map((quarter) => ({ month: quarter * 3 + 1, day: 25, label: `kv ${quarter} 2022` }));
const mia = (component: Omit<CostComponent, 'område' | 'insats'>): CostComponent => ({
  område: 'operativa',
  insats: miaVidare,
  ...component,
});
const efterMia = (component: Omit<CostComponent, 'område' | 'insats' | 'post'>): CostComponent => ({
  område: 'operativa',
  post: p.efterMia,
  insats: efterMiaVidare,
  ...component,
});

/** Administrativa kostnader 2022. */
const administrativeCosts2022: readonly CostComponent[] = [
  {
    key: 'lokal-kansli',
    område: 'administrativa',
    post: p.lokal,
    momssats: 0n,
    motpart: täbyFörsamling,
    text: 'MIA och kansli lokal, kansliets del',
    instalments: rentQuarters,
  },
  {
    key: 'styrelse-arvode',
    område: 'administrativa',
    post: p.styrelseOchRevision,
    belopp: '180000.00',
    momssats: 0n,
    motpart: arvode,
    text: 'Styrelsearvoden',
    instalments: months(2, 3, 5, 6, 9, 10),
  },
  {
    key: 'revision',
    område: 'administrativa',
    post: p.styrelseOchRevision,
    belopp: '60000.00',
    momssats: 25n,
    motpart: 'Sakkunnigt revisionsbiträde (rekonstruerad)',
    text: 'Revision, granskning 2022',
    instalments: months(5),
  },
  {
    key: 'styrelse-ovrigt',
    område: 'administrativa',
    post: p.styrelseOchRevision,
    momssats: 25n,
    motpart: 'Konferensanläggning (rekonstruerad)',
    text: 'Styrelsens utbildning och möten',
    instalments: months(4, 10),
  },
  {
    key: 'nns',
    område: 'administrativa',
    post: p.medlemsavgiftNns,
    momssats: 0n,
    motpart: 'Nationella nätverket för samordningsförbund (NNS)',
    text: 'Medlemsavgift NNS',
    instalments: [{ month: 3, label: '2022' }],
  },
  {
    key: 'kansli-personal',
    område: 'administrativa',
    post: p.kanslipersonal,
    momssats: 0n,
    motpart: 'Österåkers kommun (rekonstruerad)',
    text: 'Kanslipersonal',
    instalments: months(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
  },
  {
    key: 'kansli-ekonomi',
    område: 'administrativa',
    post: p.kanslipersonal,
    belopp: '60000.00',
    momssats: 25n,
    motpart: 'Lernia',
    text: 'Ekonomitjänster',
    instalments: quarters(2022, 1, 2, 3),
  },
  {
    key: 'utvardering-socioekonomisk',
    område: 'administrativa',
    post: p.utvärdering,
    belopp: '120000.00',
    momssats: 25n,
    motpart: 'Utvärderare (rekonstruerad)',
    text: 'Socioekonomisk studie',
    instalments: [],
  },
  {
    key: 'utvardering-ovrigt',
    område: 'administrativa',
    post: p.utvärdering,
    momssats: 25n,
    motpart: 'Utvärderare (rekonstruerad)',
    text: 'Utvärdering MIA vidare, slutseminarium',
    instalments: months(5),
  },
  {
    key: 'kansli-ovrigt',
    område: 'administrativa',
    post: p.övrigt,
    momssats: 25n,
    motpart: 'Diverse leverantörer (rekonstruerad)',
    text: 'Övriga kanslikostnader',
    instalments: months(2, 4, 6, 9, 11),
  },
];

/** Strukturpåverkande insatser 2022. */
const structuralCosts2022: readonly CostComponent[] = [
  {
    key: 'gemensamma-forum',
    område: 'strukturpåverkande',
    post: p.gemensammaForum,
    insats: 'Gemensamma forum',
    momssats: 25n,
    motpart: 'Webbinarietjänst och föreläsare (rekonstruerad)',
    text: 'Gemensamma forum och utbildning',
    instalments: months(3, 5, 9),
  },
  {
    key: 'insatskatalog-samordnare',
    område: 'strukturpåverkande',
    post: p.insatskatalog,
    insats: 'Digital insatskatalog',
    belopp: '163200.00',
    momssats: 0n,
    motpart: 'Täby kommun (rekonstruerad)',
    text: 'Insatssamordnare 30 %, insatskatalogen',
    instalments: months(1, 2, 3, 4, 5, 6, 7, 8, 9),
  },
  {
    key: 'insatskatalog-plattform',
    område: 'strukturpåverkande',
    post: p.insatskatalog,
    insats: 'Digital insatskatalog',
    momssats: 25n,
    motpart: 'Samordningsförbundet Centrala Östergötland',
    text: 'Plattform insatskatalogen',
    instalments: months(2, 6),
  },
  {
    key: 'varddialog-samordnare',
    område: 'strukturpåverkande',
    post: p.vårddialog,
    insats: 'Vårddialog',
    belopp: '34300.00',
    momssats: 0n,
    motpart: 'Täby kommun (rekonstruerad)',
    text: 'Insatssamordnare 10 %, Vårddialog',
    instalments: months(1, 2, 3, 4, 5, 6),
  },
  {
    key: 'varddialog-moten',
    område: 'strukturpåverkande',
    post: p.vårddialog,
    insats: 'Vårddialog',
    momssats: 25n,
    motpart: 'Konferensanläggning (rekonstruerad)',
    text: 'Vårddialog, möten',
    instalments: months(4),
  },
  {
    key: 'samsus-samordnare',
    område: 'strukturpåverkande',
    post: p.samsus,
    insats: 'SAMSUS',
    belopp: '50800.00',
    momssats: 0n,
    motpart: 'Täby kommun (rekonstruerad)',
    text: 'Insatssamordnare 10 %, SAMSUS',
    instalments: months(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
  },
  {
    key: 'samsus-forum',
    område: 'strukturpåverkande',
    post: p.samsus,
    insats: 'SAMSUS',
    momssats: 25n,
    motpart: 'Föreläsare (rekonstruerad)',
    text: 'SAMSUS kunskapsforum',
    instalments: months(5),
  },
  {
    key: 'asf-samordnare',
    område: 'strukturpåverkande',
    post: p.stödjaAsf,
    insats: 'Stödja utveckling ASF',
    belopp: '440700.00',
    momssats: 0n,
    motpart: 'Utlånande medlem (rekonstruerad)',
    text: 'ASF samordnare 50 %',
    instalments: months(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
  },
  {
    key: 'asf-utveckling',
    område: 'strukturpåverkande',
    post: p.stödjaAsf,
    insats: 'Stödja utveckling ASF',
    momssats: 25n,
    motpart: 'Utbildningsföretag (rekonstruerad)',
    text: 'Stödja utveckling ASF, workshops och utbildning',
    instalments: months(3, 5, 9),
  },
];

/** Operativ individinsats 2022: the project's share of the premises. */
const projectPremises2022: CostComponent = {
  key: 'projektlokal',
  område: 'operativa',
  post: p.projektlokal,
  insats: miaVidare,
  momssats: 0n,
  motpart: täbyFörsamling,
  text: 'MIA och kansli lokal, projektets del',
  instalments: rentQuarters,
};

/**
 * Operativ individinsats 2022: MIA vidare (ESF Projekt, to October); `arbetsträning` is the exact
 * amount of its arbetsträning (decided by the VAT target).
 */
const miaVidareCosts2022 = (arbetsträning: string): CostComponent[] => [
  mia({
    key: 'esf-projektledning',
    post: p.esfProjekt,
    belopp: '829000.00',
    momssats: 0n,
    motpart: 'Täby kommun (rekonstruerad)',
    text: 'Projektledning MIA vidare',
    instalments: months(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
  }),
  mia({
    key: 'esf-team',
    post: p.esfProjekt,
    belopp: '1069000.00',
    momssats: 0n,
    motpart: 'Försäkringskassan, Arbetsförmedlingen och kommunerna (rekonstruerad)',
    text: 'Myndighetsgemensamt samverkansteam, personal',
    instalments: inArrears(1, 2, 3),
  }),
  mia({
    key: 'esf-projektgemensamt',
    post: p.esfProjekt,
    belopp: '298000.00',
    momssats: 0n,
    motpart: 'Regionala MIA-projektet (rekonstruerad)',
    text: 'Projektgemensamma regionala kostnader',
    instalments: inArrears(1, 2, 3),
  }),
  mia({
    key: 'esf-kursledare',
    post: p.esfProjekt,
    belopp: '310000.00',
    momssats: 0n,
    motpart: 'Täby kommun (rekonstruerad)',
    text: 'Kursledare deltagarkurser',
    instalments: months(2, 4, 6, 9),
  }),
  mia({
    key: 'esf-arbetstraning',
    post: p.esfProjekt,
    belopp: arbetsträning,
    momssats: 25n,
    motpart: 'Arbetsintegrerande sociala företag (rekonstruerad)',
    text: 'MIA Arbetsträning ASF',
    instalments: months(1, 2, 3, 4, 5, 6, 7, 8, 9, 10).map((instalment, index) => ({
      ...instalment,
      weight: [104n, 108n, 112n, 112n, 108n, 104n, 84n, 96n, 92n, 80n][index]!,
    })),
  }),
  mia({
    key: 'esf-coach',
    post: p.esfProjekt,
    momssats: 0n,
    motpart: 'Arbetsförmedlingen',
    text: 'Arbetscoacher (SE)',
    instalments: [...inArrears(1, 2, 3), { month: 11, day: 25, label: 'okt 2022' }],
  }),
];

/** Operativ individinsats 2022 outside MIA vidare: the team, Efter MIA vidare, the rest. */
const laterOperativeCosts2022: readonly CostComponent[] = [
  {
    key: 'team-utanfor-mia',
    område: 'operativa',
    post: p.teamUtanförMia,
    momssats: 0n,
    motpart: 'Kommunerna i Roslagen (rekonstruerad)',
    text: 'Myndighetsgemensamt samverkansteam utanför projektet MIA',
    instalments: quarters(2022, 2, 3),
  },
  efterMia({
    key: 'eftermia-projektledning',
    belopp: '50000.00',
    momssats: 0n,
    motpart: 'Österåkers kommun (rekonstruerad)',
    text: 'Projektledning Efter MIA vidare (förbundschef)',
    instalments: months(11, 12),
  }),
  efterMia({
    key: 'eftermia-personal',
    belopp: '408900.00',
    momssats: 0n,
    motpart: 'Försäkringskassan, Arbetsförmedlingen och kommunerna (rekonstruerad)',
    text: 'Myndighetsgemensamt samverkansteam Efter MIA vidare',
    instalments: [{ month: 12, day: 20, label: 'nov 2022' }],
  }),
  efterMia({
    key: 'eftermia-arbetstraning',
    belopp: '54000.00',
    momssats: 25n,
    motpart: 'Arbetsintegrerande sociala företag (rekonstruerad)',
    text: 'Arbetsträning Efter MIA vidare',
    instalments: [],
  }),
  {
    key: 'ovriga-operativa',
    område: 'operativa',
    post: p.övrigaOperativa,
    insats: miaVidare,
    momssats: 25n,
    motpart: 'Diverse leverantörer (rekonstruerad)',
    text: 'Kontors- och förbrukningsmaterial, möteslokal och utbildning',
    instalments: months(2, 5, 9),
  },
];

/**
 * The costs of 2022; `arbetsträning` is the exact amount of MIA vidare's arbetsträning (decided by
 * the VAT target).
 */
export const costComponents2022 = (arbetsträning: string): CostComponent[] => [
  ...administrativeCosts2022,
  ...structuralCosts2022,
  projectPremises2022,
  ...miaVidareCosts2022(arbetsträning),
  ...laterOperativeCosts2022,
];
