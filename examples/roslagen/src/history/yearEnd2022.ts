import { historyDraft, type HistoryDraft } from './historyDraft.js';
import { försäljningTjänst, not2Post as p } from './not2Lines.js';
import type { PayableSpec, YearEndItems } from './yearEndItems.js';

/**
 * The open items of 31 December 2022: Not 3 and Not 4 of Årsredovisning 2022 (tkr).
 *
 * PRINTED: the text of every Not 3 item and every upplupen kostnad (each `text` exactly as
 * its line prints it) and their amounts in tkr; leverantörsskulder only as a total (387).
 * RECONSTRUCTED: the exact kronor (each rounds, half away from zero, to its printed tkr,
 * and the totals to 97, 633 and 387), the placement of each accrued cost in Not 2 (Not 4
 * groups them by område: "Kansli", "Strukturinsats", "Operativ individinsats MIA"), and
 * the individual supplier invoices behind the leverantörsskulder (texts "(rekonstruerad)").
 * The ESF accrual "Upplupen intäkt ESF medel nov-dec 2022" (84 000.00) is in income2022.ts.
 */

const due = '2023-01-13';
const payable = (
  postId: string,
  text: string,
  brutto: string,
  momssats: bigint,
  datum: string,
  motpart: string,
  component: string,
): PayableSpec => ({
  postId,
  text: `${text} (rekonstruerad)`,
  brutto,
  momssats,
  datum,
  motpart,
  component,
  betalas: due,
});

/**
 * Not 3 "Förutbetalt ekonomisystem 2022 11": the system's fee for 2023, paid in December 2022 (the
 * printed text says 2022; see README).
 */
export const prepaidEkonomisystem = {
  postId: 'FK-2022-EKONOMISYSTEM',
  text: 'Förutbetalt ekonomisystem 2022',
  belopp: '10800.00',
  moms: '2700.00',
} as const;

/**
 * Not 3 "Upplupen intäkt ekonomistöd Samsund 2": December's ekonomistöd sold to Samsund, invoiced
 * in January.
 */
export const samsundAccrual = {
  postId: 'UI-2022-SAMSUND',
  text: 'Upplupen intäkt ekonomistöd Samsund',
  belopp: '2100.00',
} as const;

export const yearEnd2022Items: YearEndItems = {
  year: 2022,
  accrualsRecordedOn: '2023-01-26',
  payables: [
    payable(
      'LS-2022-ASF-NOV',
      'MIA Arbetsträning ASF nov',
      '67500.00',
      25n,
      '2022-12-05',
      'Arbetsintegrerande sociala företag (rekonstruerad)',
      'eftermia-arbetstraning',
    ),
    payable(
      'LS-2022-TEAM-TABY',
      'Mia team Täby okt',
      '30000.00',
      0n,
      '2022-12-06',
      'Täby kommun',
      'esf-team',
    ),
    payable(
      'LS-2022-TEAM-NORRTALJE',
      'Mia team Norrtälje okt',
      '27400.00',
      0n,
      '2022-12-07',
      'Norrtälje kommun',
      'esf-team',
    ),
    payable(
      'LS-2022-TEAM-VALLENTUNA',
      'MIA team Vallentuna sept-okt',
      '31850.00',
      0n,
      '2022-12-08',
      'Vallentuna kommun',
      'esf-team',
    ),
    payable(
      'LS-2022-TEAM-OSTERAKER',
      'MIA team Österåker okt',
      '26900.00',
      0n,
      '2022-12-09',
      'Österåkers kommun',
      'esf-team',
    ),
    payable(
      'LS-2022-EFTER-MIA-PERSONAL',
      'Kursledare och arbetscoach nov',
      '105000.00',
      0n,
      '2022-12-12',
      'Täby kommun (rekonstruerad)',
      'eftermia-personal',
    ),
    payable(
      'LS-2022-LERNIA',
      'Ekonomi Lernia nov-dec',
      '10000.00',
      25n,
      '2022-12-13',
      'Lernia',
      'kansli-ekonomi',
    ),
    payable(
      'LS-2022-ASF-WORKSHOP',
      'Stödja ASF workshop nov',
      '25000.00',
      25n,
      '2022-12-02',
      'Utbildningsföretag (rekonstruerad)',
      'asf-utveckling',
    ),
    payable(
      'LS-2022-FORUM',
      'Gemensamt forum dec',
      '6250.00',
      25n,
      '2022-12-15',
      'Föreläsare (rekonstruerad)',
      'gemensamma-forum',
    ),
    payable(
      'LS-2022-TEAM-UTANFOR-MIA',
      'Myndighetsgemensamt team utanför MIA nov',
      '29275.00',
      0n,
      '2022-12-14',
      'Kommunerna i Roslagen (rekonstruerad)',
      'team-utanfor-mia',
    ),
    payable(
      'LS-2022-KANSLI-OVRIGT',
      'Kansli övrigt',
      '1250.00',
      25n,
      '2022-12-16',
      'Diverse leverantörer (rekonstruerad)',
      'kansli-ovrigt',
    ),
    payable(
      'LS-2022-PLATTFORM',
      'Plattform insatskatalogen kv 4',
      '6250.00',
      25n,
      '2022-12-09',
      'Samordningsförbundet Centrala Östergötland',
      'insatskatalog-plattform',
    ),
    payable(
      'LS-2022-MOTESLOKAL',
      'Lokalhyra möten nov',
      '5000.00',
      25n,
      '2022-12-05',
      'Konferensanläggning (rekonstruerad)',
      'ovriga-operativa',
    ),
    payable(
      'LS-2022-SAMSUS',
      'SAMSUS föreläsning nov',
      '3750.00',
      25n,
      '2022-12-01',
      'Föreläsare (rekonstruerad)',
      'samsus-forum',
    ),
    payable(
      'LS-2022-REVISION',
      'Revision delgranskning',
      '11875.00',
      25n,
      '2022-12-19',
      'Sakkunnigt revisionsbiträde (rekonstruerad)',
      'revision',
    ),
  ],
  // PRINTED texts, in printed order; exact amounts RECONSTRUCTED (printed tkr: 27, 38, 106, 120,
  // 36, 64, 49, 193).
  accruedCosts: [
    {
      postId: 'UK-2022-STYRELSE',
      text: 'Styrelse arvode',
      belopp: '27150.00',
      component: 'styrelse-arvode',
      motpart: 'Arvodesmottagare styrelsen (rekonstruerad)',
      fakturaMomssats: 0n,
      faktureras: '2023-01-20',
    },
    {
      postId: 'UK-2022-REVISORER',
      text: 'Revisorer',
      belopp: '37600.00',
      component: 'revision',
      motpart: 'Sakkunnigt revisionsbiträde (rekonstruerad)',
      fakturaMomssats: 25n,
      faktureras: '2023-03-10',
    },
    {
      postId: 'UK-2022-KANSLI',
      text: 'Kansli personal',
      belopp: '106300.00',
      component: 'kansli-personal',
      motpart: 'Österåkers kommun (rekonstruerad)',
      fakturaMomssats: 0n,
      faktureras: '2023-01-20',
    },
    {
      postId: 'UK-2022-SOCIOEKONOMISK',
      text: 'Socioekonomisk studie',
      belopp: '120000.00',
      component: 'utvardering-socioekonomisk',
      motpart: 'Utvärderare (rekonstruerad)',
      fakturaMomssats: 25n,
      faktureras: '2023-02-17',
    },
    {
      postId: 'UK-2022-STODJA-ASF',
      text: 'Stödja ASF',
      belopp: '36250.00',
      component: 'asf-samordnare',
      motpart: 'Utlånande medlem (rekonstruerad)',
      fakturaMomssats: 0n,
      faktureras: '2023-01-27',
    },
    {
      postId: 'UK-2022-PROJEKTLEDNING',
      text: 'Projektledning',
      belopp: '64200.00',
      component: 'esf-projektledning',
      motpart: 'Täby kommun (rekonstruerad)',
      fakturaMomssats: 0n,
      faktureras: '2023-01-27',
    },
    {
      postId: 'UK-2022-PROJEKTGEMENSAMT',
      text: 'Projektgemensamma kostnader',
      belopp: '49000.00',
      component: 'esf-projektgemensamt',
      motpart: 'Regionala MIA-projektet (rekonstruerad)',
      fakturaMomssats: 0n,
      faktureras: '2023-02-17',
    },
    {
      postId: 'UK-2022-INSATSPERSONAL',
      text: 'Insatspersonal',
      belopp: '192650.00',
      component: 'eftermia-personal',
      motpart: 'Täby kommun (rekonstruerad)',
      fakturaMomssats: 0n,
      faktureras: '2023-01-27',
    },
  ],
  prepaid: [
    {
      postId: prepaidEkonomisystem.postId,
      text: prepaidEkonomisystem.text,
      belopp: prepaidEkonomisystem.belopp,
      moms: prepaidEkonomisystem.moms,
      datum: '2022-12-14',
      avserPeriod: '2023',
      motpart: 'Visma',
      område: 'administrativa',
      post: p.övrigt,
      betalning: { sätt: 'bank' },
    },
  ],
  otherDebts: [],
  incomeAccruals: [
    {
      postId: samsundAccrual.postId,
      text: samsundAccrual.text,
      belopp: samsundAccrual.belopp,
      intäktsslag: 'övrig',
      intäktspost: försäljningTjänst,
      motpart: 'Samordningsförbundet Samsund',
    },
  ],
};

/**
 * The close of 2022: the board signed the report on 22 March 2023 (PRINTED); årets resultat −2 091
 * tkr, exact −2 090 800.00.
 */
export const close2022 = (): HistoryDraft =>
  historyDraft('RäkenskapsårStängt', 'rakenskapsar-2022-stangt', '2023-03-22', {
    år: 2022,
    datum: '2023-03-22',
    åretsResultat: '-2090800.00',
    text: 'Årets resultat 2022 (styrelsens beslut 2023-03-22)',
  });
