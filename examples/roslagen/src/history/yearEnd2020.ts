import type { Område } from '@finsam-ledger/core';
import { kr, öre } from './amounts.js';
import { nextWorkday } from './calendar.js';
import { historyDraft, type HistoryDraft } from './historyDraft.js';

/**
 * The open items of 31 December 2020, exactly as Not 3 and Not 4 print them (texts and
 * amounts PRINTED), booked as the events that open them, and the close of 2020.
 *
 * RECONSTRUCTED: the placement of each item in område/post/underpost (chosen from its
 * text and the Not 2 lines), invoice dates, counterparties, and the VAT split of the
 * payables (an invoice that is exactly 1.25 × a whole net carries 25 % VAT; staff lent by
 * members carries none).
 */

/** Where a cost sits in Not 2. */
export interface Placement {
  readonly område: Område;
  readonly post: string;
  readonly underpost?: string;
  readonly insats?: string;
}

/** A Not 4 leverantörsskuld: an invoice received in 2020 and paid in 2021. */
export interface PayableItem extends Placement {
  readonly postId: string;
  /** PRINTED in Not 4 (gross, VAT included). */
  readonly text: string;
  readonly brutto: string;
  /** RECONSTRUCTED VAT rate. */
  readonly momssats: bigint;
  readonly datum: string;
  readonly motpart?: string;
}

/** A Not 4 upplupen kostnad: a 2020 cost whose invoice comes in 2021 (no VAT). */
export interface AccruedCostItem extends Placement {
  readonly postId: string;
  readonly text: string;
  readonly belopp: string;
}

const mia = 'MIA vidare Roslagen';
const operativa = (post: string, underpost?: string): Placement => ({
  område: 'operativa',
  post,
  ...(underpost === undefined ? {} : { underpost }),
  insats: mia,
});
/**
 * Staff working on a structural insats: Not 2 has no staff line per insats, so it sits under
 * Personalkostnad.
 */
const strukturPersonal = (insats: string): Placement => ({
  område: 'strukturpåverkande',
  post: 'Personalkostnad',
  underpost: 'Samordnare strukturella insatser',
  insats,
});
const arbetsträning = operativa('Arbetsträning');
const teamKommun = operativa('In-remitterande teamet', 'Kommun');

/**
 * Not 4, Leverantörsskulder (PRINTED texts and gross amounts, in printed order), except the rent
 * (see {@link prepaidRent2021}).
 */
export const payables2020: readonly PayableItem[] = [
  {
    postId: 'LS-2020-BERGA-BEDS',
    text: 'Arbetsträning Berga beds',
    brutto: '41250.00',
    momssats: 25n,
    datum: '2020-12-04',
    motpart: 'Berga beds',
    ...arbetsträning,
  },
  {
    postId: 'LS-2020-UTVARDERARE',
    text: 'Utvärderare MIA',
    brutto: '67969.00',
    momssats: 25n,
    datum: '2020-12-15',
    motpart: 'Utvärderare (rekonstruerad)',
    område: 'administrativa',
    post: 'Övrigt',
    underpost: 'Utvärdering',
    insats: mia,
  },
  {
    postId: 'LS-2020-LERNIA',
    text: 'Ekonomi Lernia',
    brutto: '3240.00',
    momssats: 25n,
    datum: '2020-12-10',
    motpart: 'Lernia',
    område: 'administrativa',
    post: 'Övrigt',
    underpost: 'Kanslistöd- ekonomi / GDPR',
  },
  {
    postId: 'LS-2020-TEAM-NORRTALJE',
    text: 'Mia Team Norrtälje nov',
    brutto: '4972.00',
    momssats: 0n,
    datum: '2020-12-08',
    motpart: 'Norrtälje kommun',
    ...teamKommun,
  },
  {
    postId: 'LS-2020-KANSLI-OVRIGT',
    text: 'Kansli övrigt',
    brutto: '838.00',
    momssats: 25n,
    datum: '2020-12-17',
    motpart: 'Diverse leverantörer (rekonstruerad)',
    område: 'administrativa',
    post: 'Övrigt',
    underpost: 'Övrigt och oförutsedda kostnader',
  },
  {
    postId: 'LS-2020-REKOMMENDERAS',
    text: 'MIA Arbetsträning rekommenderas nov',
    brutto: '22500.00',
    momssats: 25n,
    datum: '2020-12-03',
    motpart: 'Rekommenderas',
    ...arbetsträning,
  },
  {
    postId: 'LS-2020-RESURSEN',
    text: 'MIA Arbetsträning resursen nov',
    brutto: '15000.00',
    momssats: 25n,
    datum: '2020-12-03',
    motpart: 'Resursen',
    ...arbetsträning,
  },
  {
    postId: 'LS-2020-ROSLAGSKRAFTEN',
    text: 'MIA Arbetsträning Roslagskraften nov',
    brutto: '69375.00',
    momssats: 25n,
    datum: '2020-12-07',
    motpart: 'Roslagskraften',
    ...arbetsträning,
  },
  {
    postId: 'LS-2020-ASF-SAMORDNARE',
    text: 'ASF samordnare nov-dec',
    brutto: '64094.00',
    momssats: 0n,
    datum: '2020-12-18',
    motpart: 'Utlånande medlem (rekonstruerad)',
    ...strukturPersonal('Stödja utveckling ASF'),
  },
  {
    postId: 'LS-2020-PLATTFORM',
    text: 'Plattform insatskatalogen dec',
    brutto: '3090.00',
    momssats: 25n,
    datum: '2020-12-14',
    motpart: 'Samordningsförbundet Centrala Östergötland',
    område: 'strukturpåverkande',
    post: 'Strukturkostnad',
    underpost: 'Digital insatskatalog',
    insats: 'Digital insatskatalog',
  },
  {
    postId: 'LS-2020-FORELASNING',
    text: 'Föreläsning "våld i nära relationer" nov',
    brutto: '7000.00',
    momssats: 25n,
    datum: '2020-12-01',
    motpart: 'Föreläsare (rekonstruerad)',
    område: 'strukturpåverkande',
    post: 'Övriga kostnader-möten, workshop mm.',
    underpost: 'Gemensamma forum',
    insats: 'Gemensamma forum',
  },
  {
    postId: 'LS-2020-SELMAS',
    text: 'MIA Arbetsträning Selmas nov',
    brutto: '48750.00',
    momssats: 25n,
    datum: '2020-12-07',
    motpart: 'Selmas',
    ...arbetsträning,
  },
  {
    postId: 'LS-2020-TEAM-TABY',
    text: 'Mia Team Täby nov',
    brutto: '4420.00',
    momssats: 0n,
    datum: '2020-12-09',
    motpart: 'Täby kommun',
    ...teamKommun,
  },
  {
    postId: 'LS-2020-RE-INNOVATION',
    text: 'MIA Arbetsträning Re innovation nov',
    brutto: '97500.00',
    momssats: 25n,
    datum: '2020-12-08',
    motpart: 'Re innovation',
    ...arbetsträning,
  },
  {
    postId: 'LS-2020-TEAM-VALLENTUNA',
    text: 'MIA team Vallentuna sept-nov',
    brutto: '22609.00',
    momssats: 0n,
    datum: '2020-12-10',
    motpart: 'Vallentuna kommun',
    ...teamKommun,
  },
  {
    postId: 'LS-2020-TEAM-VAXHOLM',
    text: 'MIA team Vaxholm',
    brutto: '9287.00',
    momssats: 0n,
    datum: '2020-12-11',
    motpart: 'Vaxholms stad',
    ...teamKommun,
  },
  {
    postId: 'LS-2020-VISMA',
    text: 'Ekonomisystem Visma 2021',
    brutto: '4320.00',
    momssats: 25n,
    datum: '2020-12-16',
    motpart: 'Visma',
    område: 'administrativa',
    post: 'Övrigt',
    underpost: 'Kanslistöd- ekonomi / GDPR',
  },
  {
    postId: 'LS-2020-VADDO',
    text: 'MIA Arbetsträning Väddö hälsoträdgård nov',
    brutto: '13500.00',
    momssats: 25n,
    datum: '2020-12-04',
    motpart: 'Väddö hälsoträdgård',
    ...arbetsträning,
  },
  {
    postId: 'LS-2020-UNGDOMSVAGLEDARE',
    text: 'MIA ungdomsvägledare österåker',
    brutto: '8236.00',
    momssats: 0n,
    datum: '2020-12-14',
    motpart: 'Österåkers kommun',
    ...operativa('Individuellt deltagarstöd', 'CM/Vägledare'),
  },
];

/**
 * Not 3 "Projektlokal kv 1 2021 Täby församling 122 000" and Not 4 "MIA och kansli lokal
 * 122 000" are one invoice: next quarter's rent, received in December and unpaid, so a
 * prepaid cost and a payable at once (KostnadFörutbetald, VAT-free rent): Not 3 prints the
 * prepayment's text, Not 4 the payable's (`betalning.text`).
 */
export const prepaidRent2021 = {
  prepaidPostId: 'FK-2020-LOKAL-KV1-2021',
  payablePostId: 'LS-2020-LOKAL',
  prepaidText: 'Projektlokal kv 1 2021 Täby församling',
  payableText: 'MIA och kansli lokal',
  belopp: '122000.00',
} as const;

/**
 * Not 3 "Webb underhåll Webfather-Pleis 2021 3968": prepaid, paid at once (net; 25 % VAT
 * RECONSTRUCTED).
 */
export const prepaidWebb2021 = {
  postId: 'FK-2020-WEBB-2021',
  text: 'Webb underhåll Webfather-Pleis 2021',
  belopp: '3968.00',
  moms: '992.00',
} as const;

/** Not 3 "Upplupen intäkt ESF medel sep-dec 2020 771 420" (PRINTED). */
export const esfAccrual2020 = {
  postId: 'UI-2020-ESF-SEP-DEC',
  text: 'Upplupen intäkt ESF medel sep-dec 2020',
  belopp: '771420.00',
} as const;

/** Not 4, Upplupna kostnader (PRINTED texts and amounts, in printed order). */
export const accruedCosts2020: readonly AccruedCostItem[] = [
  {
    postId: 'UK-2020-STYRELSE-NOV',
    text: 'Styrelse arvode nov',
    belopp: '44577.00',
    område: 'administrativa',
    post: 'Styrelse',
    underpost: 'Sammanträdesarvode',
  },
  {
    postId: 'UK-2020-KANSLI-NOV-DEC',
    text: 'Kanslipersonal nov-dec',
    belopp: '163472.00',
    område: 'administrativa',
    post: 'Kansli',
    underpost: 'Personalkostnad',
  },
  {
    postId: 'UK-2020-EKONOM-REVISOR',
    text: 'Ekonom och revisors kostnader',
    belopp: '42160.00',
    område: 'administrativa',
    post: 'Övrigt',
    underpost: 'Kanslistöd- ekonomi / GDPR',
  },
  {
    postId: 'UK-2020-SAMSUS',
    text: 'Insatspersonal - SAMSUS',
    belopp: '14574.00',
    ...strukturPersonal('SAMSUS'),
  },
  {
    postId: 'UK-2020-VARDDIALOG',
    text: 'Insatspersonal- Vårddialog',
    belopp: '14575.00',
    ...strukturPersonal('Vårddialog'),
  },
  {
    postId: 'UK-2020-INSATSKATALOG',
    text: 'Insatspersonal - Insatskatalog',
    belopp: '18168.00',
    ...strukturPersonal('Digital insatskatalog'),
  },
  {
    postId: 'UK-2020-TEAM-OKT-DEC',
    text: 'Team personal okt-dec',
    belopp: '197711.00',
    ...operativa('In-remitterande teamet', 'Försäkringskassan'),
  },
  {
    postId: 'UK-2020-PROJEKTLEDARE',
    text: '1 Projektledare dec + 0,3 adm sept.- dec',
    belopp: '108160.00',
    ...operativa('Insatsledning'),
  },
  {
    postId: 'UK-2020-SE-COACH',
    text: '2 SE-coach Arbetsförmedling okt-dec',
    belopp: '332291.00',
    ...operativa('Individuellt deltagarstöd', '2 SE coach'),
  },
  {
    postId: 'UK-2020-KURSLEDARE',
    text: '0,8 Kursledare okt-dec',
    belopp: '97763.00',
    ...operativa('Deltagarkurser'),
  },
  {
    postId: 'UK-2020-ARBETSTRANING-DEC',
    text: 'Arbetsträning på 6st ASF dec, ca 39 platser',
    belopp: '232500.00',
    ...arbetsträning,
  },
  {
    postId: 'UK-2020-VAGLEDARE',
    text: 'Vägledare',
    belopp: '14000.00',
    ...operativa('Individuellt deltagarstöd', 'CM/Vägledare'),
  },
  {
    postId: 'UK-2020-PROJEKTGEMENSAMT',
    text: 'Projektgemensamma kostnader',
    belopp: '73758.00',
    ...operativa('Övrigt', 'Reg. Projektgemensamma kostnader'),
  },
  { postId: 'UK-2020-OVRIGT', text: 'Övrigt', belopp: '106.00', ...operativa('Övrigt', 'Övrigt') },
];

/**
 * Net and VAT of a payable: an invoice with VAT at `momssats` % has gross = net × (1 + sats/100).
 */
export function splitGross(brutto: string, momssats: bigint): { netto: string; moms: string } {
  const grossÖre = öre(brutto);
  const netÖre = (grossÖre * 100n + (100n + momssats) / 2n) / (100n + momssats);
  return { netto: kr(netÖre), moms: kr(grossÖre - netÖre) };
}

const placementOf = (item: Placement) => ({
  område: item.område,
  post: item.post,
  ...(item.underpost === undefined ? {} : { underpost: item.underpost }),
  ...(item.insats === undefined ? {} : { insats: item.insats }),
});

/** Not 3 and Not 4 booked: the open items of 2020-12-31. */
export function yearEnd2020(): HistoryDraft[] {
  const drafts: HistoryDraft[] = [];
  for (const item of payables2020) {
    const { netto, moms } = splitGross(item.brutto, item.momssats);
    drafts.push(
      historyDraft('KostnadBokförd', `leverantorsskuld-${item.postId}`, nextWorkday(item.datum), {
        datum: item.datum,
        ...placementOf(item),
        belopp: netto,
        moms,
        text: item.text,
        ...(item.motpart === undefined ? {} : { motpart: item.motpart }),
        betalning: { sätt: 'leverantörsskuld', postId: item.postId, förfallodatum: '2021-01-15' },
      }),
    );
  }
  drafts.push(
    historyDraft('KostnadFörutbetald', 'forutbetald-lokal-kv1-2021', '2020-12-16', {
      datum: '2020-12-15',
      område: 'operativa',
      post: 'Projektlokal',
      insats: mia,
      postId: prepaidRent2021.prepaidPostId,
      avserPeriod: '2021 kv 1',
      belopp: prepaidRent2021.belopp,
      moms: '0.00',
      text: prepaidRent2021.prepaidText,
      motpart: 'Täby församling',
      betalning: {
        sätt: 'leverantörsskuld',
        postId: prepaidRent2021.payablePostId,
        förfallodatum: '2021-01-04',
        text: prepaidRent2021.payableText,
      },
    }),
    // Placed where it becomes a cost: 2021's Not 2 line "Övrigt" (Årsredovisning 2022), which has
    // no underposts.
    historyDraft('KostnadFörutbetald', 'forutbetald-webb-2021', '2020-12-11', {
      datum: '2020-12-10',
      område: 'administrativa',
      post: 'Övrigt',
      postId: prepaidWebb2021.postId,
      avserPeriod: '2021',
      belopp: prepaidWebb2021.belopp,
      moms: prepaidWebb2021.moms,
      text: prepaidWebb2021.text,
      motpart: 'Webfather-Pleis',
      betalning: { sätt: 'bank' },
    }),
    historyDraft('IntäktUpplupen', 'upplupen-intakt-esf-sep-dec-2020', '2021-01-26', {
      datum: '2020-12-31',
      postId: esfAccrual2020.postId,
      intäktsslag: 'esf',
      belopp: esfAccrual2020.belopp,
      text: esfAccrual2020.text,
      motpart: 'Svenska ESF-rådet',
    }),
  );
  for (const item of accruedCosts2020) {
    drafts.push(
      historyDraft('KostnadBokförd', `upplupen-${item.postId}`, '2021-01-27', {
        datum: '2020-12-31',
        ...placementOf(item),
        belopp: item.belopp,
        moms: '0.00',
        text: item.text,
        betalning: { sätt: 'upplupen', postId: item.postId },
      }),
    );
  }
  return drafts;
}

/**
 * The close of 2020: the board adopted the report on 17 March 2021 (PRINTED: årets resultat 566
 * 928).
 */
export const close2020 = (): HistoryDraft =>
  historyDraft('RäkenskapsårStängt', 'rakenskapsar-2020-stangt', '2021-03-17', {
    år: 2020,
    datum: '2021-03-17',
    åretsResultat: '566928.00',
    text: 'Årets resultat 2020 (styrelsens beslut 2021-03-17)',
  });
