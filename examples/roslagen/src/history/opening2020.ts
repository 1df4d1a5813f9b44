import type { OpenItemSpec } from '@finsam-ledger/core';
import { kr, öre, sumKr, vatÖre } from './amounts.js';
import { nextWorkday, payday2020 } from './calendar.js';
import { historyDraft, type HistoryDraft } from './historyDraft.js';
import { staffingByYear } from './staffing.js';

/**
 * The ledger's start: the 2019 figures as adopted (the comparison column of Årsredovisning
 * 2020) and the opening balance of 1 January 2020, item by item, then what 2020 does with
 * the 2019 items (payments, reversals, the real invoices behind the 2019 accruals).
 *
 * PRINTED (seed 003, Balansräkning and Kassaflödesanalys, 2019 column): every BR and KF
 * total used here, except upplupna kostnader, printed 481 659 and taken as 481 660 (see
 * README, "Discrepancies": the printed 2019 balance sheet is 1 kr short, and KF 2020's
 * change in liabilities, 493 335, implies 2019 liabilities of 1 490 430).
 * RECONSTRUCTED: every 2019 open item (the seed prints only the 2019 totals); texts say so.
 */

const recordedBy2019 = '2020-01-02';

/** The 2019 figures: printed, except upplupna kostnader 481 660 (printed 481 659). */
export const figures2019 = {
  resultaträkning: {
    verksamhetensIntäkter: '8675276.00',
    verksamhetensKostnader: '6696205.00',
    avskrivningar: '0.00',
    finansiellaIntäkter: '0.00',
    finansiellaKostnader: '60.00',
  },
  balansräkning: {
    kundfordringar: '646223.00',
    förutbetaldaKostnaderUpplupnaIntäkter: '870738.00',
    övrigaFordringar: '374527.00',
    kassaOchBank: '2573298.00',
    åretsResultat: '1979011.00',
    övrigtEgetKapital: '995345.00',
    leverantörsskulder: '1008770.00',
    övrigaKortfristigaSkulder: '0.00',
    upplupnaKostnader: '481660.00',
  },
  kassaflödesanalys: {
    justeringEjLikviditetspåverkandePoster: '0.00',
    förändringKortfristigaFordringar: '-695145.00',
    förändringKortfristigaSkulder: '-65766.00',
    investeringsverksamhet: '0.00',
    finansieringsverksamhet: '0.00',
    likvidaMedelVidÅretsBörjan: '1355198.00',
  },
} as const;

const källa2019 =
  'Årsredovisning 2020 Samordningsförbundet Roslagen, jämförelsekolumn 2019 (RR, BR, KF; personalresurser ur flerårsöversikten). Rättelser: RR skriver årets resultat 1 979 071, ' +
  'men 8 675 276 − 6 696 205 − 60 = 1 979 011 (som BR och KF); BR 2019 summerar tillgångar till 4 464 786 men eget kapital och skulder till 4 464 785, ' +
  'och KF 2020:s förändring av kortfristiga skulder (493 335) förutsätter skulder 2019 om 1 490 430: upplupna kostnader tas därför som 481 660 (tryckt 481 659).';

/**
 * The open items of 31 December 2019. RECONSTRUCTED item by item so that they add up to
 * the printed totals: kundfordringar 646 223 (region kv 4 and Österåker's 2019 contribution
 * as in Not 1 2019, and the 10 000 övriga intäkter of Not 1 2019), 1790 870 738, leverantörs-
 * skulder 1 008 770, upplupna kostnader 481 660.
 */
export const openItems2019: readonly OpenItemSpec[] = [
  {
    postId: 'KF-2019-REGION-KV4',
    slag: 'kundfordran',
    belopp: '375000.00',
    text: 'Regionens medlemsavgift kv 4 2019 (rekonstruerad)',
    motpart: 'Region Stockholm',
  },
  {
    postId: 'KF-2019-OSTERAKER',
    slag: 'kundfordran',
    belopp: '261223.00',
    text: 'Österåkers kommuns medlemsavgift 2019 (rekonstruerad)',
    motpart: 'Österåkers kommun',
  },
  {
    postId: 'KF-2019-UTLANING',
    slag: 'kundfordran',
    belopp: '10000.00',
    text: 'Utlåning personal MIA 2019 (rekonstruerad)',
    motpart: 'Regionala MIA-projektet (rekonstruerad)',
  },
  {
    postId: 'UI-2019-ESF',
    slag: 'upplupen-intäkt',
    belopp: '795488.00',
    text: 'Upplupen intäkt ESF medel MIA Roslagen sep-dec 2019 (rekonstruerad)',
    motpart: 'Svenska ESF-rådet',
    intäktsslag: 'esf',
  },
  {
    postId: 'FK-2019-LOKAL',
    slag: 'förutbetald-kostnad',
    belopp: '75250.00',
    text: 'Projektlokal kv 1 2020 (rekonstruerad)',
    motpart: 'Täby församling',
    område: 'operativa',
    post: 'Projektlokal',
    insats: 'MIA Roslagen',
  },
  {
    postId: 'LS-2019-ARBETSTRANING-NOV',
    slag: 'leverantörsskuld',
    belopp: '187500.00',
    text: 'MIA Arbetsträning ASF nov 2019 (rekonstruerad)',
  },
  {
    postId: 'LS-2019-TEAM-OKT-NOV',
    slag: 'leverantörsskuld',
    belopp: '243870.00',
    text: 'MIA team personal okt-nov 2019 (rekonstruerad)',
  },
  {
    postId: 'LS-2019-KANSLI-NOV',
    slag: 'leverantörsskuld',
    belopp: '98400.00',
    text: 'Kanslipersonal nov 2019 (rekonstruerad)',
  },
  {
    postId: 'LS-2019-LOKAL-KV1',
    slag: 'leverantörsskuld',
    belopp: '75250.00',
    text: 'Projektlokal kv 1 2020 (rekonstruerad)',
    motpart: 'Täby församling',
  },
  {
    postId: 'LS-2019-PROJEKTGEMENSAMT',
    slag: 'leverantörsskuld',
    belopp: '150500.00',
    text: 'Reg. projektgemensamma kostnader MIA 2019 (rekonstruerad)',
  },
  {
    postId: 'LS-2019-SE-COACH',
    slag: 'leverantörsskuld',
    belopp: '253250.00',
    text: '2 SE coach okt-nov 2019 (rekonstruerad)',
    motpart: 'Arbetsförmedlingen',
  },
  {
    postId: 'UK-2019-STYRELSE',
    slag: 'upplupen-kostnad',
    belopp: '58300.00',
    text: 'Styrelse arvode nov-dec 2019 (rekonstruerad)',
    område: 'administrativa',
    post: 'Styrelse',
    underpost: 'Sammanträdesarvode',
  },
  {
    postId: 'UK-2019-KANSLI',
    slag: 'upplupen-kostnad',
    belopp: '96860.00',
    text: 'Kanslipersonal dec 2019 (rekonstruerad)',
    område: 'administrativa',
    post: 'Kansli',
    underpost: 'Personalkostnad',
  },
  {
    postId: 'UK-2019-REVISION',
    slag: 'upplupen-kostnad',
    belopp: '55000.00',
    text: 'Revision 2019 (rekonstruerad)',
    område: 'administrativa',
    post: 'Revision',
  },
  {
    postId: 'UK-2019-TEAM',
    slag: 'upplupen-kostnad',
    belopp: '121500.00',
    text: 'MIA team personal dec 2019 (rekonstruerad)',
    område: 'operativa',
    post: 'In-remitterande teamet',
    underpost: 'Försäkringskassan',
    insats: 'MIA Roslagen',
  },
  {
    postId: 'UK-2019-ARBETSTRANING',
    slag: 'upplupen-kostnad',
    belopp: '150000.00',
    text: 'Arbetsträning ASF dec 2019 (rekonstruerad)',
    område: 'operativa',
    post: 'Arbetsträning',
    insats: 'MIA Roslagen',
  },
];

/** The 2019 figures and the opening balance of 2020-01-01. */
export function opening2020(): HistoryDraft[] {
  const br = figures2019.balansräkning;
  return [
    historyDraft('HistoriskaÅrsuppgifterRegistrerade', 'historiska-2019', recordedBy2019, {
      år: 2019,
      källa: källa2019,
      ...figures2019,
      personalresurser: staffingByYear[2019],
    }),
    historyDraft('IngåendeBalansRegistrerad', 'ingaende-balans-2020', recordedBy2019, {
      datum: '2020-01-01',
      text: 'Ingående balans 2020 (balansräkning 2019-12-31, poster rekonstruerade)',
      kassaOchBank: br.kassaOchBank,
      momsfordran: br.övrigaFordringar,
      balanseratResultat: sumKr([br.åretsResultat, br.övrigtEgetKapital]),
      öppnaPoster: [...openItems2019],
    }),
  ];
}

/** What the real invoices behind the 2019 accrued costs carried in VAT (RECONSTRUCTED rates). */
const vatRateOf2019Accrual: Readonly<Record<string, bigint>> = {
  'UK-2019-REVISION': 25n,
  'UK-2019-ARBETSTRANING': 25n,
};
const counterpartyOf2019Accrual: Readonly<Record<string, string>> = {
  'UK-2019-STYRELSE': 'Arvodesmottagare styrelsen (rekonstruerad)',
  'UK-2019-KANSLI': 'Österåkers kommun (rekonstruerad)',
  'UK-2019-REVISION': 'Sakkunnigt revisionsbiträde (rekonstruerad)',
  'UK-2019-TEAM': 'Försäkringskassan',
  'UK-2019-ARBETSTRANING': 'Arbetsintegrerande sociala företag (rekonstruerad)',
};

/**
 * 2020's handling of the 2019 items (all RECONSTRUCTED in date and detail): accruals and
 * the prepaid rent are reversed on 1 January; each accrued cost's real invoice comes in
 * January or February at the accrued amount (so the 2019 accruals leave no trace in the
 * 2020 result); receivables are paid and payables settled in January and February.
 */
export function settlementOf2019Items(): HistoryDraft[] {
  return [
    ...openItems2019.flatMap(reversalOf2019Accrual),
    ...openItems2019.flatMap((item) => {
      const datum = paymentDays2019[item.postId];
      return datum === undefined ? [] : settlementOf2019Item(item, datum);
    }),
  ];
}

/** The reversal on 1 January 2020 of a 2019 accrual or prepayment; none for other items. */
function reversalOf2019Accrual(item: OpenItemSpec): HistoryDraft[] {
  if (item.slag === 'upplupen-intäkt')
    return [
      historyDraft('PeriodiseringÅterförd', `aterforing-${item.postId}`, recordedBy2019, {
        datum: '2020-01-01',
        postId: item.postId,
        slag: 'upplupen-intäkt',
        belopp: item.belopp,
        intäktsslag: item.intäktsslag!,
        text: `Återföring: ${item.text}`,
      }),
    ];
  if (item.slag === 'förutbetald-kostnad' || item.slag === 'upplupen-kostnad')
    return [
      historyDraft('PeriodiseringÅterförd', `aterforing-${item.postId}`, recordedBy2019, {
        datum: '2020-01-01',
        postId: item.postId,
        slag: item.slag,
        belopp: item.belopp,
        område: item.område!,
        post: item.post!,
        ...(item.underpost === undefined ? {} : { underpost: item.underpost }),
        ...(item.insats === undefined ? {} : { insats: item.insats }),
        text: `Återföring: ${item.text}`,
      }),
    ];
  return [];
}

/** The day in 2020 each 2019 item was paid, or its accrued cost invoiced (RECONSTRUCTED). */
const paymentDays2019: Readonly<Record<string, string>> = {
  'KF-2019-REGION-KV4': payday2020(1, 15),
  'KF-2019-OSTERAKER': payday2020(1, 31),
  'KF-2019-UTLANING': payday2020(2, 14),
  'LS-2019-ARBETSTRANING-NOV': payday2020(1, 10),
  'LS-2019-TEAM-OKT-NOV': payday2020(1, 15),
  'LS-2019-KANSLI-NOV': payday2020(1, 10),
  'LS-2019-LOKAL-KV1': payday2020(1, 3),
  'LS-2019-PROJEKTGEMENSAMT': payday2020(1, 24),
  'LS-2019-SE-COACH': payday2020(1, 20),
  'UK-2019-STYRELSE': payday2020(1, 24),
  'UK-2019-KANSLI': payday2020(1, 17),
  'UK-2019-REVISION': payday2020(2, 20),
  'UK-2019-TEAM': payday2020(1, 28),
  'UK-2019-ARBETSTRANING': payday2020(1, 14),
};

/**
 * A receivable paid, a payable settled, or an accrued cost's real invoice (at the accrued
 * amount, paid from the bank) on `datum`; nothing for the other kinds.
 */
function settlementOf2019Item(item: OpenItemSpec, datum: string): HistoryDraft[] {
  const motpart = item.motpart === undefined ? {} : { motpart: item.motpart };
  if (item.slag === 'kundfordran')
    return [
      historyDraft('KundfordranBetald', `betald-${item.postId}`, nextWorkday(datum), {
        datum,
        postId: item.postId,
        belopp: item.belopp,
        text: `Inbetalning: ${item.text}`,
        ...motpart,
      }),
    ];
  if (item.slag === 'leverantörsskuld')
    return [
      historyDraft('LeverantörsskuldBetald', `betald-${item.postId}`, nextWorkday(datum), {
        datum,
        postId: item.postId,
        belopp: item.belopp,
        text: `Betalning: ${item.text}`,
        ...motpart,
      }),
    ];
  if (item.slag !== 'upplupen-kostnad') return [];
  const rate = vatRateOf2019Accrual[item.postId] ?? 0n;
  return [
    historyDraft('KostnadBokförd', `faktura-${item.postId}`, nextWorkday(datum), {
      datum,
      område: item.område!,
      post: item.post!,
      ...(item.underpost === undefined ? {} : { underpost: item.underpost }),
      ...(item.insats === undefined ? {} : { insats: item.insats }),
      belopp: item.belopp,
      moms: kr(vatÖre(öre(item.belopp), rate)),
      text: `Faktura: ${item.text.replace(' (rekonstruerad)', '')} (rekonstruerad)`,
      motpart: counterpartyOf2019Accrual[item.postId]!,
      betalning: { sätt: 'bank' },
    }),
  ];
}
