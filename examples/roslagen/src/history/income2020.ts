import type { Medlemskategori } from '@finsam-ledger/core';
import { kr, öre, splitÖre, sumKr } from './amounts.js';
import { nextWorkday, payday2020 } from './calendar.js';
import { historyDraft, type HistoryDraft } from './historyDraft.js';

/**
 * The income of 2020 (Not 1).
 *
 * PRINTED (Not 1, kr, "i vissa fall avrundade"): staten 3 000 000, the municipalities
 * 363 333 / 263 333 / 223 333 / 133 333 / 203 333 / 313 333, Region Stockholm 1 500 000,
 * EU-medel och andra bidrag 3 486 011, övriga intäkter (utlåning personal MIA) 75 762,
 * summa 9 561 771; the RR prints 9 561 772.
 *
 * RECONSTRUCTED exact amounts: the municipalities pay together exactly the Finsam quarter,
 * 1 500 000.00 (the region's share is 1 500 000 too), so their öre add up to 2.00 kr over the
 * printed lines; and ESF + övriga must then be 3 561 772.00 exactly, whose lines print
 * 3 486 011 and 75 762 only as 3 486 010.50 and 75 761.50 (the only split that rounds, half
 * up, to both printed lines). Total 9 561 772.00 = RR. Payment dates, the quarterly rhythm
 * and the ESF instalments are RECONSTRUCTED.
 */

/** A member line of Not 1. */
export interface MemberContribution {
  readonly medlem: string;
  readonly kategori: Medlemskategori;
  /** The line as Not 1 prints it (kr, rounded). */
  readonly printed: string;
  /** The exact amount (RECONSTRUCTED where it has öre). */
  readonly belopp: string;
  readonly not1Text: string;
}

export const staten = 'Staten (Försäkringskassan/Arbetsförmedlingen)';
export const regionStockholm = 'Region Stockholm';

/** Not 1 2020, the member lines, in printed order. */
export const memberContributions2020: readonly MemberContribution[] = [
  {
    medlem: staten,
    kategori: 'staten',
    printed: '3000000',
    belopp: '3000000.00',
    not1Text: 'Medlemsbidrag från staten (AF/FK)',
  },
  {
    medlem: 'Täby kommun',
    kategori: 'kommun',
    printed: '363333',
    belopp: '363333.33',
    not1Text: 'Medlemsbidrag från Täby kommun',
  },
  {
    medlem: 'Österåkers kommun',
    kategori: 'kommun',
    printed: '263333',
    belopp: '263333.33',
    not1Text: 'Medlemsbidrag från Österåkers kommun',
  },
  {
    medlem: 'Vallentuna kommun',
    kategori: 'kommun',
    printed: '223333',
    belopp: '223333.33',
    not1Text: 'Medlemsbidrag från Vallentuna',
  },
  {
    medlem: 'Vaxholms stad',
    kategori: 'kommun',
    printed: '133333',
    belopp: '133333.34',
    not1Text: 'Medlemsbidrag från Vaxholm',
  },
  {
    medlem: 'Danderyds kommun',
    kategori: 'kommun',
    printed: '203333',
    belopp: '203333.33',
    not1Text: 'Medlemsbidrag från Danderyd',
  },
  {
    medlem: 'Norrtälje kommun',
    kategori: 'kommun',
    printed: '313333',
    belopp: '313333.34',
    not1Text: 'Medlemsbidrag från Norrtälje',
  },
  {
    medlem: regionStockholm,
    kategori: 'region',
    printed: '1500000',
    belopp: '1500000.00',
    not1Text: 'Medlemsbidrag från Region Stockholms',
  },
];

/** Not 1 2020, "EU-medel och andra bidrag": printed 3 486 011, exact 3 486 010.50. */
export const esfIncome2020 = {
  printed: '3486011',
  belopp: '3486010.50',
  not1Text: 'EU-medel och andra bidrag',
} as const;
/** Not 1 2020, "Övriga intäkter (utlåning personal MIA)": printed 75 762, exact 75 761.50. */
export const otherIncome2020 = {
  printed: '75762',
  belopp: '75761.50',
  not1Text: 'Övriga intäkter (utlåning personal MIA)',
} as const;

/**
 * The region's fourth quarter, invoiced and unpaid at year end: Not 3 "1510 Fordringar – Regionens
 * medlemsavgift kv 4 375 000".
 */
export const regionKv4Receivable = {
  postId: 'KF-2020-REGION-KV4',
  text: 'Regionens medlemsavgift kv 4',
  belopp: '375000.00',
} as const;

/** Quarterly payment days (RECONSTRUCTED): the members pay at the start of each quarter. */
const quarterDays = [
  payday2020(1, 31),
  payday2020(4, 30),
  payday2020(7, 31),
  payday2020(10, 30),
] as const;

/** The ESF payments received in 2020 (RECONSTRUCTED instalments; the last one makes the total). */
const esfPaymentPlan = [
  {
    datum: payday2020(3, 16),
    projekt: 'MIA Roslagen',
    period: '2019-09-01–2019-12-31',
    belopp: '795488.00',
  },
  {
    datum: payday2020(7, 10),
    projekt: 'MIA Roslagen',
    period: '2020-01-01–2020-05-31',
    belopp: '1402311.75',
  },
  {
    datum: payday2020(9, 25),
    projekt: 'MIA Roslagen',
    period: 'slututbetalning innehållna medel 2017–2020',
    belopp: '520000.00',
  },
] as const;

/**
 * The ESF money received in 2020: ESF income 2020 = received − the reversed 2019 accrual +
 * the 2020 accrual, so received = 3 486 010.50 + 795 488.00 − 771 420.00 = 3 510 078.50.
 */
export function esfPayments2020(reversed2019: string, accrued2020: string) {
  const received = öre(esfIncome2020.belopp) + öre(reversed2019) - öre(accrued2020);
  const planned = esfPaymentPlan.reduce((sum, payment) => sum + öre(payment.belopp), 0n);
  return [
    ...esfPaymentPlan,
    {
      datum: payday2020(12, 11),
      projekt: 'MIA vidare Roslagen',
      period: '2020-06-01–2020-08-31',
      belopp: kr(received - planned),
    },
  ];
}

/**
 * The members' contributions of 2020, quarter by quarter: received, except the region's fourth
 * quarter, invoiced and still owed at the year end.
 */
function memberContributionDrafts2020(): HistoryDraft[] {
  const drafts: HistoryDraft[] = [];
  for (const member of memberContributions2020) {
    const quarters = splitÖre(öre(member.belopp), [1n, 1n, 1n, 1n]);
    quarters.forEach((amount, index) => {
      const period = `2020 kv ${index + 1}`;
      const datum = quarterDays[index]!;
      if (member.kategori === 'region' && index === 3) {
        drafts.push(
          historyDraft(
            'MedlemsbidragFakturerat',
            `medlemsbidrag-${member.medlem}-kv4-fakturerat`,
            nextWorkday('2020-10-01'),
            {
              datum: '2020-10-01',
              medlem: member.medlem,
              medlemskategori: member.kategori,
              period,
              belopp: kr(amount),
              postId: regionKv4Receivable.postId,
              text: regionKv4Receivable.text,
            },
          ),
        );
        return;
      }
      drafts.push(
        historyDraft(
          'MedlemsbidragMottaget',
          `medlemsbidrag-${member.medlem}-kv${index + 1}`,
          nextWorkday(datum),
          {
            datum,
            medlem: member.medlem,
            medlemskategori: member.kategori,
            period,
            belopp: kr(amount),
          },
        ),
      );
    });
  }
  return drafts;
}

/** The other income of 2020, staff lent to the regional MIA project: two halves of the year. */
function otherIncomeDrafts2020(): HistoryDraft[] {
  const halves = splitÖre(öre(otherIncome2020.belopp), [1n, 1n]);
  const halfDays = [payday2020(7, 15), payday2020(12, 15)];
  return halves.map((amount, index) =>
    historyDraft(
      'ÖvrigIntäktBokförd',
      `ovrig-intakt-utlaning-${index + 1}`,
      nextWorkday(halfDays[index]!),
      {
        datum: halfDays[index]!,
        intäktsslag: 'övrig',
        intäktspost: otherIncome2020.not1Text,
        belopp: kr(amount),
        text: `Utlåning personal MIA ${index === 0 ? 'jan-jun' : 'jul-dec'} 2020 (rekonstruerad)`,
        motpart: 'Regionala MIA-projektet (rekonstruerad)',
        betalning: { sätt: 'bank' },
      },
    ),
  );
}

/** The income events of 2020. */
export function income2020(options: {
  reversedEsf2019: string;
  accruedEsf2020: string;
}): HistoryDraft[] {
  const esfDrafts = esfPayments2020(options.reversedEsf2019, options.accruedEsf2020).map(
    (payment) =>
      historyDraft('ESFUtbetalning', `esf-${payment.datum}`, nextWorkday(payment.datum), {
        ...payment,
        text: `ESF-utbetalning ${payment.projekt} ${payment.period} (rekonstruerad)`,
      }),
  );
  return [...memberContributionDrafts2020(), ...esfDrafts, ...otherIncomeDrafts2020()];
}

/** The exact Not 1 total: 9 561 772.00 (= RR). */
export const not1Total2020 = (): string =>
  sumKr([
    ...memberContributions2020.map((member) => member.belopp),
    esfIncome2020.belopp,
    otherIncome2020.belopp,
  ]);
