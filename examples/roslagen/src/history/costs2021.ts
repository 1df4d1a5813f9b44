import { kr, öre, splitÖre } from './amounts.js';
import { componentInvoice, months, quarters, type CostComponent } from './costPlan.js';
import type { HistoryDraft } from './historyDraft.js';
import { miaVidare, not2Post as p } from './not2Lines.js';

/**
 * The costs of 2021 as components of the Not 2 lines of Årsredovisning 2022 (whose 2021
 * column is the only Not 2 of 2021 in the seeds). PRINTED: the line totals (tkr, in
 * not2Lines.ts). RECONSTRUCTED: everything here: the split of each line into suppliers,
 * amounts, VAT rates and the rhythm of invoices (monthly for staff lent by members,
 * quarterly for teams and rent). The rent is 122 000 a quarter (as Not 3 2020 prints it),
 * split between the kansli (Lokal, 100 tkr) and the project (Projektlokal, 388 tkr):
 * 4 × 122 000 = 488 000 = 100 000 + 388 000.
 */

const arvode = 'Arvodesmottagare styrelsen (rekonstruerad)';
const täbyFörsamling = 'Täby församling';
const mia = (component: Omit<CostComponent, 'område' | 'insats'>): CostComponent => ({
  område: 'operativa',
  insats: miaVidare,
  ...component,
});

/**
 * The rent invoices of kv 2–4 (kv 1 was prepaid in December 2020): the kansli's and the project's
 * part of each.
 */
const rentQuarters = (weights: readonly bigint[]) =>
  [2, 3, 4].map((quarter, index) => ({
    month: quarter * 3 - 3,
    day: 25,
    weight: weights[index]!,
    label: `kv ${quarter} 2021`,
  }));

export const costComponents2021: readonly CostComponent[] = [
  // Administrativa kostnader
  {
    key: 'lokal-kansli',
    område: 'administrativa',
    post: p.lokal,
    momssats: 0n,
    motpart: täbyFörsamling,
    text: 'MIA och kansli lokal, kansliets del',
    instalments: rentQuarters([33n, 33n, 34n]),
  },
  {
    key: 'styrelse-arvode',
    område: 'administrativa',
    post: p.styrelseOchRevision,
    belopp: '262000.00',
    momssats: 0n,
    motpart: arvode,
    text: 'Styrelsearvoden',
    instalments: months(3, 5, 6, 9, 10),
  },
  {
    key: 'revision',
    område: 'administrativa',
    post: p.styrelseOchRevision,
    belopp: '61000.00',
    momssats: 25n,
    motpart: 'Sakkunnigt revisionsbiträde (rekonstruerad)',
    text: 'Revision',
    instalments: [],
  },
  {
    key: 'styrelse-ovrigt',
    område: 'administrativa',
    post: p.styrelseOchRevision,
    momssats: 25n,
    motpart: 'Konferensanläggning (rekonstruerad)',
    text: 'Styrelsens utbildning och möten',
    instalments: months(4, 9, 11),
  },
  {
    key: 'kansli-personal',
    område: 'administrativa',
    post: p.kanslipersonal,
    momssats: 0n,
    motpart: 'Österåkers kommun (rekonstruerad)',
    text: 'Kanslipersonal',
    instalments: months(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
  },
  {
    key: 'kansli-ekonomi',
    område: 'administrativa',
    post: p.kanslipersonal,
    belopp: '40000.00',
    momssats: 25n,
    motpart: 'Lernia',
    text: 'Ekonomitjänster',
    instalments: quarters(2021, 1, 2, 3),
  },
  {
    key: 'utvardering',
    område: 'administrativa',
    post: p.utvärdering,
    momssats: 25n,
    motpart: 'Utvärderare (rekonstruerad)',
    text: 'Utvärdering MIA vidare, delrapport',
    instalments: months(6),
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
  // Strukturpåverkande insatser
  {
    key: 'gemensamma-forum',
    område: 'strukturpåverkande',
    post: p.gemensammaForum,
    insats: 'Gemensamma forum',
    momssats: 25n,
    motpart: 'Webbinarietjänst och föreläsare (rekonstruerad)',
    text: 'Gemensamma forum, webbinarier och utbildning',
    instalments: months(3, 5, 10),
  },
  {
    key: 'insatskatalog-samordnare',
    område: 'strukturpåverkande',
    post: p.insatskatalog,
    insats: 'Digital insatskatalog',
    momssats: 0n,
    motpart: 'Täby kommun (rekonstruerad)',
    text: 'Insatssamordnare, insatskatalogen',
    instalments: months(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
  },
  {
    key: 'insatskatalog-plattform',
    område: 'strukturpåverkande',
    post: p.insatskatalog,
    insats: 'Digital insatskatalog',
    belopp: '40000.00',
    momssats: 25n,
    motpart: 'Samordningsförbundet Centrala Östergötland',
    text: 'Plattform insatskatalogen',
    instalments: months(2, 6, 9),
  },
  {
    key: 'varddialog-samordnare',
    område: 'strukturpåverkande',
    post: p.vårddialog,
    insats: 'Vårddialog',
    momssats: 0n,
    motpart: 'Täby kommun (rekonstruerad)',
    text: 'Insatssamordnare, Vårddialog',
    instalments: months(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
  },
  {
    key: 'varddialog-moten',
    område: 'strukturpåverkande',
    post: p.vårddialog,
    insats: 'Vårddialog',
    belopp: '6000.00',
    momssats: 25n,
    motpart: 'Konferensanläggning (rekonstruerad)',
    text: 'Vårddialog, möten',
    instalments: months(4, 10),
  },
  {
    key: 'samsus-samordnare',
    område: 'strukturpåverkande',
    post: p.samsus,
    insats: 'SAMSUS',
    momssats: 0n,
    motpart: 'Täby kommun (rekonstruerad)',
    text: 'Insatssamordnare, SAMSUS',
    instalments: months(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
  },
  {
    key: 'samsus-forum',
    område: 'strukturpåverkande',
    post: p.samsus,
    insats: 'SAMSUS',
    belopp: '30000.00',
    momssats: 25n,
    motpart: 'Föreläsare (rekonstruerad)',
    text: 'SAMSUS kunskapsforum',
    instalments: months(5, 9),
  },
  {
    key: 'asf-samordnare',
    område: 'strukturpåverkande',
    post: p.stödjaAsf,
    insats: 'Stödja utveckling ASF',
    belopp: '380000.00',
    momssats: 0n,
    motpart: 'Utlånande medlem (rekonstruerad)',
    text: 'ASF samordnare',
    instalments: months(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
  },
  {
    key: 'asf-utveckling',
    område: 'strukturpåverkande',
    post: p.stödjaAsf,
    insats: 'Stödja utveckling ASF',
    momssats: 25n,
    motpart: 'Utbildningsföretag (rekonstruerad)',
    text: 'Stödja utveckling ASF, workshops och utbildning',
    instalments: months(3, 6, 9),
  },
  // Operativ individinsats
  {
    key: 'projektlokal',
    område: 'operativa',
    post: p.projektlokal,
    insats: miaVidare,
    momssats: 0n,
    motpart: täbyFörsamling,
    text: 'MIA och kansli lokal, projektets del',
    instalments: rentQuarters([89n, 89n, 88n]),
  },
  mia({
    key: 'esf-projektledning',
    post: p.esfProjekt,
    belopp: '700000.00',
    momssats: 0n,
    motpart: 'Täby kommun (rekonstruerad)',
    text: 'Projektledning MIA vidare',
    instalments: months(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
  }),
  mia({
    key: 'esf-team',
    post: p.esfProjekt,
    belopp: '1650000.00',
    momssats: 0n,
    motpart: 'Försäkringskassan, Arbetsförmedlingen och kommunerna (rekonstruerad)',
    text: 'Myndighetsgemensamt samverkansteam, personal',
    instalments: months(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
  }),
  mia({
    key: 'esf-se-coach',
    post: p.esfProjekt,
    belopp: '1400000.00',
    momssats: 0n,
    motpart: 'Arbetsförmedlingen',
    text: '2 SE coach',
    instalments: months(1, 2, 3, 4, 5, 6, 7, 8, 9),
  }),
  mia({
    key: 'esf-kursledare',
    post: p.esfProjekt,
    belopp: '420000.00',
    momssats: 0n,
    motpart: 'Täby kommun (rekonstruerad)',
    text: 'Kursledare deltagarkurser',
    instalments: months(1, 2, 3, 4, 5, 6, 7, 8, 9),
  }),
  mia({
    key: 'esf-vagledare',
    post: p.esfProjekt,
    belopp: '160000.00',
    momssats: 0n,
    motpart: 'Österåkers kommun',
    text: 'CM/vägledare',
    instalments: quarters(2021, 1, 2, 3),
  }),
  mia({
    key: 'esf-projektgemensamt',
    post: p.esfProjekt,
    belopp: '300000.00',
    momssats: 0n,
    motpart: 'Regionala MIA-projektet (rekonstruerad)',
    text: 'Regionala projektgemensamma kostnader',
    instalments: quarters(2021, 1, 2),
  }),
  // Arbetsträning: the rest of ESF Projekt; its January–October invoices are shaped by the VAT
  // receivable at year end (arbetsträningInvoices2021).
  mia({
    key: 'esf-arbetstraning',
    post: p.esfProjekt,
    momssats: 25n,
    motpart: 'Arbetsintegrerande sociala företag (rekonstruerad)',
    text: 'MIA Arbetsträning ASF',
    instalments: [],
  }),
  mia({
    key: 'ovriga-operativa',
    post: p.övrigaOperativa,
    momssats: 25n,
    motpart: 'Diverse leverantörer (rekonstruerad)',
    text: 'Kontors- och förbrukningsmaterial, möteslokal och utbildning MIA',
    instalments: months(2, 4, 6, 9, 11),
  }),
];

/**
 * Splits a net amount with 25 % VAT (a multiple of 4 öre, so that its VAT is exact) into
 * invoices of whole multiples of 4 kronor, the last taking the öre that remain.
 */
function splitInWholeKronor(net: bigint, weights: readonly bigint[]): bigint[] {
  if (net % 4n !== 0n) throw new Error(`${kr(net)} is not a multiple of 4 öre`);
  const rest = net % 400n;
  const parts = splitÖre(net - rest, weights, 400n);
  parts[parts.length - 1] = parts.at(-1)! + rest;
  return parts;
}

/**
 * The monthly ASF invoices for arbetsträning, January–October 2021 (November's are
 * payables at year end, December's an accrued cost). The VAT of July–December is the VAT
 * receivable at year end (the förbund asks for its VAT back per half-year, RECONSTRUCTED),
 * so July–October carry exactly the target less the other VAT of the second half-year, and
 * January–June take the rest of the component: as in 2020.
 */
export function arbetsträningInvoices2021(
  component: CostComponent,
  remaining: bigint,
  otherVatSecondHalf: bigint,
  vatReceivableAtYearEnd: string,
): HistoryDraft[] {
  const secondHalfVat = öre(vatReceivableAtYearEnd) - otherVatSecondHalf;
  const secondHalfNet = secondHalfVat * 4n; // 25 % VAT: net = 4 × VAT, exactly
  const firstHalfNet = remaining - secondHalfNet;
  if (secondHalfVat <= 0n || firstHalfNet <= 0n)
    throw new Error(`2021 arbetsträning cannot carry ${kr(secondHalfVat)} VAT in July–October`);
  const first = splitInWholeKronor(firstHalfNet, [92n, 96n, 100n, 100n, 104n, 108n]);
  const second = splitInWholeKronor(secondHalfNet, [96n, 100n, 104n, 100n]);
  return [...first, ...second].map((net, index) =>
    componentInvoice(2021, component, index, { month: index + 1 }, net),
  );
}
