import type { Område } from '@finsam-ledger/core';
import { kr, öre, splitÖre, sumKr, vatÖre } from './amounts.js';
import { monthNames, nextWorkday, payday2020 } from './calendar.js';
import { historyDraft, type HistoryDraft } from './historyDraft.js';

/**
 * The costs of 2020 (Not 2), one row per leaf line (the italic sub-line, or the bold line
 * where it has none), with its exact 2020 amount; the invoices paid from the bank are
 * generated from this table.
 *
 * PRINTED: `printedTkr`, the rounded Not 2 "Utfall 2020-12-31" of each line (tkr).
 * RECONSTRUCTED: `belopp`, the exact amount. Each rounds (half up) to its printed tkr, to
 * its printed avvikelse against budget, and each bold post's total rounds to its printed
 * total; together they make the RR's 8 994 844.00 (PRINTED). Revision is 65 500.00 exactly
 * (the only amount for which both "66" and the avvikelse "25" against budget 90 hold); the
 * administrativa lines add up to 1 565 600.00, so that "Avvikelse 434,4" holds. Because the
 * printed lines only add up to 8 991 tkr (printed total 8 990) while the RR says 8 995, the
 * remaining 3 844 kr cannot all hide in rounding: strukturpåverkande comes to 381 350.00
 * (prints 381, Not 2 says 380) and operativa to 7 047 894.00 (prints 7 048, Not 2 says 7 045).
 * See README, "Discrepancies". VAT rates, counterparties, dates and the split into invoices
 * are RECONSTRUCTED.
 */

/** An invoice instalment of a leaf: month (1–12), day, and an optional weight (default 1). */
export interface Instalment {
  readonly month: number;
  readonly day?: number;
  readonly weight?: bigint;
  readonly label?: string;
}

export interface CostLeaf {
  readonly område: Område;
  /** The bold Not 2 line. */
  readonly post: string;
  /** The italic Not 2 line, where there is one. */
  readonly underpost?: string;
  /** PRINTED: Not 2 utfall 2020, tkr. */
  readonly printedTkr: string;
  /** RECONSTRUCTED: the exact 2020 cost. */
  readonly belopp: string;
  /** `'MIA'`: MIA Roslagen until May 2020, MIA vidare Roslagen from June (Bilaga 1). */
  readonly insats?: string;
  readonly momssats: bigint;
  readonly motpart: string;
  /** The invoice text; the period label is appended. */
  readonly text: string;
  readonly instalments: readonly Instalment[];
}

const months = (...list: number[]): Instalment[] => list.map((month) => ({ month }));
const quarterEnds = (...quarters: number[]): Instalment[] =>
  quarters.map((quarter) => ({ month: quarter * 3, label: `kv ${quarter} 2020` }));

/** The Not 2 leaf lines of 2020 in printed order. */
export const costLeaves2020: readonly CostLeaf[] = [
  // Administrativa kostnader (printed summa 1566, avvikelse 434,4 against budget 2000)
  {
    område: 'administrativa',
    post: 'Styrelse',
    underpost: 'Sammanträdesarvode',
    printedTkr: '284',
    belopp: '283862.00',
    momssats: 0n,
    motpart: 'Arvodesmottagare styrelsen (rekonstruerad)',
    text: 'Styrelsearvoden',
    instalments: months(3, 5, 6, 9, 10, 12),
  },
  {
    område: 'administrativa',
    post: 'Styrelse',
    underpost: 'Övrigt : ex utbildning, lokala möten',
    printedTkr: '21',
    belopp: '21214.00',
    momssats: 25n,
    motpart: 'Konferensanläggning (rekonstruerad)',
    text: 'Styrelsens utbildning och möten',
    instalments: months(2, 9, 11),
  },
  {
    område: 'administrativa',
    post: 'Revision',
    printedTkr: '66',
    belopp: '65500.00',
    momssats: 25n,
    motpart: 'Sakkunnigt revisionsbiträde (rekonstruerad)',
    text: 'Revision, granskning 2020',
    instalments: months(5, 11),
  },
  {
    område: 'administrativa',
    post: 'Kansli',
    underpost: 'Personalkostnad',
    printedTkr: '894',
    belopp: '894331.00',
    momssats: 0n,
    motpart: 'Österåkers kommun (rekonstruerad)',
    text: 'Kanslipersonal',
    instalments: months(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
  },
  {
    område: 'administrativa',
    post: 'Kansli',
    underpost: 'Utbildning och konferens',
    printedTkr: '2',
    belopp: '1750.00',
    momssats: 25n,
    motpart: 'Kursarrangör (rekonstruerad)',
    text: 'Kansliets utbildning',
    instalments: months(2),
  },
  {
    område: 'administrativa',
    post: 'Kansli',
    underpost: 'Arbetsplats',
    printedTkr: '76',
    belopp: '75688.00',
    momssats: 0n,
    motpart: 'Österåkers kommun (rekonstruerad)',
    text: 'Kansliets arbetsplats Österåker',
    instalments: quarterEnds(1, 2, 3),
  },
  {
    område: 'administrativa',
    post: 'Övrigt',
    underpost: 'Kanslistöd- ekonomi / GDPR',
    printedTkr: '94',
    belopp: '94276.00',
    momssats: 25n,
    motpart: 'Lernia',
    text: 'Ekonomitjänster och GDPR-stöd',
    instalments: quarterEnds(1, 2, 3),
  },
  {
    område: 'administrativa',
    post: 'Övrigt',
    underpost: 'Resor',
    printedTkr: '2',
    belopp: '2160.00',
    momssats: 0n,
    motpart: 'Resebolag (rekonstruerad)',
    text: 'Resor kansli',
    instalments: months(3, 10),
  },
  {
    område: 'administrativa',
    post: 'Övrigt',
    underpost: 'Kontorsmaterial',
    printedTkr: '8',
    belopp: '7642.00',
    momssats: 25n,
    motpart: 'Kontorsleverantör (rekonstruerad)',
    text: 'Kontorsmaterial kansli',
    instalments: months(2, 5, 9, 11),
  },
  {
    område: 'administrativa',
    post: 'Övrigt',
    underpost: 'Lokala möten',
    printedTkr: '13',
    belopp: '12905.00',
    momssats: 25n,
    motpart: 'Konferensanläggning (rekonstruerad)',
    text: 'Lokala möten',
    instalments: months(2, 3, 9, 11),
  },
  {
    område: 'administrativa',
    post: 'Övrigt',
    underpost: 'Utvärdering',
    printedTkr: '65',
    belopp: '64872.00',
    insats: 'MIA',
    momssats: 25n,
    motpart: 'Utvärderare (rekonstruerad)',
    text: 'Utvärdering',
    instalments: months(6),
  },
  {
    område: 'administrativa',
    post: 'Övrigt',
    underpost: 'Övrigt och oförutsedda kostnader',
    printedTkr: '41',
    belopp: '41400.00',
    momssats: 25n,
    motpart: 'Diverse leverantörer (rekonstruerad)',
    text: 'Övriga kanslikostnader',
    instalments: months(1, 3, 5, 8, 10),
  },
  // Strukturpåverkande insatser (printed summa 380)
  {
    område: 'strukturpåverkande',
    post: 'Personalkostnad',
    underpost: 'Samordnare strukturella insatser',
    printedTkr: '273',
    belopp: '273455.00',
    momssats: 0n,
    motpart: 'Täby kommun (rekonstruerad)',
    text: 'Samordnare strukturella insatser',
    instalments: months(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
  },
  {
    område: 'strukturpåverkande',
    post: 'Strukturkostnad',
    underpost: 'Digital insatskatalog',
    printedTkr: '37',
    belopp: '37440.00',
    insats: 'Digital insatskatalog',
    momssats: 25n,
    motpart: 'Samordningsförbundet Centrala Östergötland',
    text: 'Digital insatskatalog',
    instalments: months(2, 6, 9),
  },
  {
    område: 'strukturpåverkande',
    post: 'Övriga kostnader-möten, workshop mm.',
    underpost: 'Stödja utveckling ASF',
    printedTkr: '7',
    belopp: '7120.00',
    insats: 'Stödja utveckling ASF',
    momssats: 25n,
    motpart: 'Konferensanläggning (rekonstruerad)',
    text: 'Stödja utveckling ASF, möten',
    instalments: months(3, 10),
  },
  {
    område: 'strukturpåverkande',
    post: 'Övriga kostnader-möten, workshop mm.',
    underpost: 'Gemensamma forum',
    printedTkr: '25',
    belopp: '25185.00',
    insats: 'Gemensamma forum',
    momssats: 25n,
    motpart: 'Webbinarietjänst och föreläsare (rekonstruerad)',
    text: 'Gemensamma forum, webbinarier',
    instalments: months(9, 10, 11),
  },
  {
    område: 'strukturpåverkande',
    post: 'Övriga kostnader-möten, workshop mm.',
    underpost: 'SAMSUS',
    printedTkr: '38',
    belopp: '38150.00',
    insats: 'SAMSUS',
    momssats: 25n,
    motpart: 'Föreläsare (rekonstruerad)',
    text: 'SAMSUS kunskapsforum',
    instalments: months(5, 11, 12),
  },
  // Operativ individinsats (printed summa 7 045)
  {
    område: 'operativa',
    post: 'Insatsledning',
    printedTkr: '625',
    belopp: '625430.00',
    insats: 'MIA',
    momssats: 0n,
    motpart: 'Täby kommun (rekonstruerad)',
    text: 'Projektledning MIA',
    instalments: months(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
  },
  {
    område: 'operativa',
    post: 'In-remitterande teamet',
    underpost: 'Arbetsförmedling',
    printedTkr: '625',
    belopp: '625180.00',
    insats: 'MIA',
    momssats: 0n,
    motpart: 'Arbetsförmedlingen',
    text: 'Myndighetsgemensamt team, Arbetsförmedlingens personal',
    instalments: quarterEnds(1, 2, 3, 4),
  },
  {
    område: 'operativa',
    post: 'In-remitterande teamet',
    underpost: 'Försäkringskassan',
    printedTkr: '639',
    belopp: '639230.00',
    insats: 'MIA',
    momssats: 0n,
    motpart: 'Försäkringskassan',
    text: 'Myndighetsgemensamt team, Försäkringskassans personal',
    instalments: quarterEnds(1, 2, 3),
  },
  {
    område: 'operativa',
    post: 'In-remitterande teamet',
    underpost: 'Kommun',
    printedTkr: '386',
    belopp: '386020.00',
    insats: 'MIA',
    momssats: 0n,
    motpart: 'Österåkers kommun och Täby kommun (rekonstruerad)',
    text: 'Myndighetsgemensamt team, kommunernas personal',
    instalments: quarterEnds(1, 2, 3, 4),
  },
  {
    område: 'operativa',
    post: 'Individuellt deltagarstöd',
    underpost: '2 SE coach',
    printedTkr: '1234',
    belopp: '1234240.00',
    insats: 'MIA',
    momssats: 0n,
    motpart: 'Arbetsförmedlingen',
    text: '2 SE coach',
    instalments: quarterEnds(1, 2, 3),
  },
  {
    område: 'operativa',
    post: 'Individuellt deltagarstöd',
    underpost: 'IPS coach',
    printedTkr: '100',
    belopp: '100120.00',
    insats: 'MIA',
    momssats: 0n,
    motpart: 'Region Stockholm (rekonstruerad)',
    text: 'IPS coach',
    instalments: quarterEnds(1, 2),
  },
  {
    område: 'operativa',
    post: 'Individuellt deltagarstöd',
    underpost: 'CM/Vägledare',
    printedTkr: '62',
    belopp: '62060.00',
    insats: 'MIA',
    momssats: 0n,
    motpart: 'Österåkers kommun',
    text: 'CM/vägledare',
    instalments: quarterEnds(1, 2, 3),
  },
  {
    område: 'operativa',
    post: 'Deltagarkurser',
    printedTkr: '360',
    belopp: '360410.00',
    insats: 'MIA',
    momssats: 0n,
    motpart: 'Täby kommun (rekonstruerad)',
    text: 'Kursledare deltagarkurser',
    instalments: quarterEnds(1, 2, 3),
  },
  // Arbetsträning: the instalments are shaped by the VAT receivable at year end (see
  // arbetsträningInvoices).
  {
    område: 'operativa',
    post: 'Arbetsträning',
    printedTkr: '2104',
    belopp: '2104440.00',
    insats: 'MIA',
    momssats: 25n,
    motpart: 'Arbetsintegrerande sociala företag (rekonstruerad)',
    text: 'MIA Arbetsträning ASF',
    instalments: [],
  },
  {
    område: 'operativa',
    post: 'Projektlokal',
    printedTkr: '351',
    belopp: '351380.00',
    insats: 'MIA',
    momssats: 0n,
    motpart: 'Täby församling',
    text: 'Projektlokal',
    instalments: [
      { month: 3, day: 31, weight: 75250n, label: 'kv 2 2020' },
      { month: 6, day: 30, weight: 78880n, label: 'kv 3 2020' },
      { month: 9, day: 30, weight: 122000n, label: 'kv 4 2020, utökad lokal' },
    ],
  },
  {
    område: 'operativa',
    post: 'Övrigt',
    underpost: 'Kontors- & förbrukningsmaterial mm',
    printedTkr: '15',
    belopp: '15110.00',
    insats: 'MIA',
    momssats: 25n,
    motpart: 'Kontorsleverantör (rekonstruerad)',
    text: 'Kontors- och förbrukningsmaterial MIA',
    instalments: months(2, 5, 9, 11),
  },
  {
    område: 'operativa',
    post: 'Övrigt',
    underpost: 'Lokala möten',
    printedTkr: '20',
    belopp: '19960.00',
    insats: 'MIA',
    momssats: 25n,
    motpart: 'Konferensanläggning (rekonstruerad)',
    text: 'Lokala möten MIA',
    instalments: months(2, 6, 10),
  },
  {
    område: 'operativa',
    post: 'Övrigt',
    underpost: 'Upphandling',
    printedTkr: '109',
    belopp: '109150.00',
    insats: 'MIA',
    momssats: 25n,
    motpart: 'Upphandlingskonsult (rekonstruerad)',
    text: 'Upphandling MIA vidare',
    instalments: months(4, 8),
  },
  {
    område: 'operativa',
    post: 'Övrigt',
    underpost: 'Utbildning',
    printedTkr: '76',
    belopp: '76060.00',
    insats: 'MIA',
    momssats: 25n,
    motpart: 'Utbildningsföretag (rekonstruerad)',
    text: 'Utbildning projektpersonal',
    instalments: months(3, 9, 11),
  },
  {
    område: 'operativa',
    post: 'Övrigt',
    underpost: 'Övrigt',
    printedTkr: '38',
    belopp: '38030.00',
    insats: 'MIA',
    momssats: 25n,
    motpart: 'Diverse leverantörer (rekonstruerad)',
    text: 'Övriga projektkostnader',
    instalments: months(1, 4, 7, 10),
  },
  {
    område: 'operativa',
    post: 'Övrigt',
    underpost: 'Reg. Projektgemensamma kostnader',
    printedTkr: '301',
    belopp: '301074.00',
    insats: 'MIA',
    momssats: 0n,
    motpart: 'Regionala MIA-projektet (rekonstruerad)',
    text: 'Regionala projektgemensamma kostnader',
    instalments: quarterEnds(1, 2, 3),
  },
];

/** The Not 2 line a cost belongs to. */
export const leafKey = (placement: {
  område: string;
  post: string;
  underpost?: string | undefined;
}): string => `${placement.område}|${placement.post}|${placement.underpost ?? ''}`;

const insatsOn = (insats: string | undefined, datum: string): string | undefined =>
  insats === 'MIA' ? (datum <= '2020-05-31' ? 'MIA Roslagen' : 'MIA vidare Roslagen') : insats;

function invoice(
  leaf: CostLeaf,
  name: string,
  datum: string,
  net: bigint,
  label: string,
): HistoryDraft {
  const insats = insatsOn(leaf.insats, datum);
  return historyDraft('KostnadBokförd', name, nextWorkday(datum), {
    datum,
    område: leaf.område,
    post: leaf.post,
    ...(leaf.underpost === undefined ? {} : { underpost: leaf.underpost }),
    ...(insats === undefined ? {} : { insats }),
    belopp: kr(net),
    moms: kr(vatÖre(net, leaf.momssats)),
    text: `${leaf.text} ${label} (rekonstruerad)`,
    motpart: leaf.motpart,
    betalning: { sätt: 'bank' },
  });
}

/**
 * The bank-paid invoices of every leaf but Arbetsträning: the leaf's exact amount less what
 * other events already put on it (`alreadyBooked`, by {@link leafKey}: the Not 4 items and
 * the reversal of the 2019 prepaid rent), split over its instalments.
 */
export function costInvoices2020(alreadyBooked: ReadonlyMap<string, bigint>): HistoryDraft[] {
  const drafts: HistoryDraft[] = [];
  for (const leaf of costLeaves2020) {
    if (leaf.instalments.length === 0) continue;
    const key = leafKey(leaf);
    const remaining = öre(leaf.belopp) - (alreadyBooked.get(key) ?? 0n);
    const parts = splitÖre(
      remaining,
      leaf.instalments.map((instalment) => instalment.weight ?? 1n),
    );
    leaf.instalments.forEach((instalment, index) => {
      const datum = payday2020(instalment.month, instalment.day ?? 25);
      drafts.push(
        invoice(
          leaf,
          `kostnad-${key}-${index + 1}`,
          datum,
          parts[index]!,
          instalment.label ?? `${monthNames[instalment.month - 1]} 2020`,
        ),
      );
    });
  }
  return drafts;
}

/** The Arbetsträning leaf. */
export const arbetsträningLeaf = costLeaves2020.find((leaf) => leaf.post === 'Arbetsträning')!;

/**
 * The monthly ASF invoices for arbetsträning, January–October (November is in Not 4 as
 * leverantörsskulder, December as an upplupen kostnad). The VAT of July–December is the
 * VAT receivable at year end (PRINTED 332 225), because the förbund asks for its VAT back
 * half-yearly (RECONSTRUCTED): so July–October's invoices carry exactly 332 225 less the
 * other VAT of the second half-year, and January–June take the rest of the leaf.
 * Arbetsträning grew over the year (Bilaga 1: the budget was raised from 1,2 to 1,7 mkr).
 */
export function arbetsträningInvoices(
  alreadyBooked: bigint,
  otherVatSecondHalf: bigint,
  vatReceivableAtYearEnd: string,
): HistoryDraft[] {
  const leaf = arbetsträningLeaf;
  const secondHalfVat = öre(vatReceivableAtYearEnd) - otherVatSecondHalf;
  const secondHalfNet = secondHalfVat * 4n; // 25 % VAT: net = 4 × VAT, exactly
  const firstHalfNet = öre(leaf.belopp) - alreadyBooked - secondHalfNet;
  // Whole kronor per invoice where it can be; in 4-öre units so that 25 % VAT is exact.
  const first = splitÖre(
    firstHalfNet,
    [100n, 96n, 108n, 92n, 100n, 104n],
    firstHalfNet % 400n === 0n ? 400n : 4n,
  );
  const second = splitÖre(secondHalfNet, [92n, 96n, 104n, 108n], 4n);
  return [...first, ...second].map((net, index) =>
    invoice(
      leaf,
      `kostnad-${leafKey(leaf)}-${index + 1}`,
      payday2020(index + 1, 25),
      net,
      `${monthNames[index]} 2020`,
    ),
  );
}

/** The exact total of all leaves: 8 994 844.00 (= RR). */
export const not2Total2020 = (): string => sumKr(costLeaves2020.map((leaf) => leaf.belopp));
