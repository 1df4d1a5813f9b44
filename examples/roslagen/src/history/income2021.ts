import { kr, öre, splitÖre } from './amounts.js';
import { nextWorkday, payday } from './calendar.js';
import { historyDraft, type HistoryDraft } from './historyDraft.js';
import { regionStockholm, staten, type MemberContribution } from './income2020.js';
import { miaVidare } from './not2Lines.js';

/**
 * The income of 2021 and 2022 from the members, and of 2021 from ESF (Not 1 of
 * Årsredovisning 2022, tkr, whose 2021 column is the only Not 1 of 2021 in the seeds).
 *
 * PRINTED (tkr, the same both years): staten 3 000, Täby 366, Österåker 266, Vallentuna
 * 219, Vaxholm 126, Danderyd 206, Norrtälje 317, Region Stockholm 1 500; ESF 3 169 (2021)
 * and 2 160 (2022). RECONSTRUCTED: the municipalities' exact kronor (the Finsam quarter,
 * 1 500 000.00 together, split by population; each rounds to its printed tkr), payment
 * days, the rhythm (the state quarterly, the others per half-year), the invoice of the state's
 * fourth quarter 2021 (the
 * kundfordran 750 tkr at the end of 2021: BR 2021), and the ESF payments.
 */

const member = (
  medlem: string,
  kategori: MemberContribution['kategori'],
  printed: string,
  belopp: string,
  not1Text: string,
): MemberContribution => ({ medlem, kategori, printed, belopp, not1Text });

/** Not 1 2021, the member lines in printed order (printed in tkr). */
export const memberContributions2021: readonly MemberContribution[] = [
  member(staten, 'staten', '3000', '3000000.00', 'Medlemsbidrag från staten (AF/FK)'),
  member('Täby kommun', 'kommun', '366', '366124.00', 'Medlemsbidrag från Täby kommun'),
  member('Österåkers kommun', 'kommun', '266', '265987.00', 'Medlemsbidrag från Österåkers kommun'),
  member('Vallentuna kommun', 'kommun', '219', '219045.00', 'Medlemsbidrag från Vallentuna'),
  member('Vaxholms stad', 'kommun', '126', '126210.00', 'Medlemsbidrag från Vaxholm'),
  member('Danderyds kommun', 'kommun', '206', '205912.00', 'Medlemsbidrag från Danderyd'),
  member('Norrtälje kommun', 'kommun', '317', '316722.00', 'Medlemsbidrag från Norrtälje'),
  member(regionStockholm, 'region', '1500', '1500000.00', 'Medlemsbidrag från Region Stockholms'),
];

/**
 * Not 1 2022, the member lines (the municipalities' shares follow the population of 2021:
 * RECONSTRUCTED).
 */
export const memberContributions2022: readonly MemberContribution[] = [
  member(staten, 'staten', '3000', '3000000.00', 'Medlemsbidrag från staten (AF/FK)'),
  member('Täby kommun', 'kommun', '366', '366410.00', 'Medlemsbidrag från Täby kommun'),
  member('Österåkers kommun', 'kommun', '266', '266102.00', 'Medlemsbidrag från Österåkers kommun'),
  member('Vallentuna kommun', 'kommun', '219', '218890.00', 'Medlemsbidrag från Vallentuna'),
  member('Vaxholms stad', 'kommun', '126', '125880.00', 'Medlemsbidrag från Vaxholm'),
  member('Danderyds kommun', 'kommun', '206', '205640.00', 'Medlemsbidrag från Danderyd'),
  member('Norrtälje kommun', 'kommun', '317', '317078.00', 'Medlemsbidrag från Norrtälje'),
  member(regionStockholm, 'region', '1500', '1500000.00', 'Medlemsbidrag från Region Stockholms'),
];

/** The state's fourth quarter 2021, invoiced and unpaid at year end: BR 2021 "Kundfordran 750". */
export const statenKv4Receivable2021 = {
  postId: 'KF-2021-STATEN-KV4',
  text: 'Statens medlemsavgift kv 4 2021 (rekonstruerad)',
  belopp: '750000.00',
} as const;

/** The invoiced quarter of {@link memberContributionDrafts}. */
interface InvoicedQuarter {
  medlem: string;
  quarter: number;
  postId: string;
  text: string;
}

/** A region's or municipality's contribution of a year: two halves, paid in advance. */
function halfYearDrafts(year: number, contribution: MemberContribution): HistoryDraft[] {
  const halfYearDays = [payday(year, 1, 12), payday(year, 7, 12)];
  return splitÖre(öre(contribution.belopp), [1n, 1n]).map((amount, index) =>
    historyDraft(
      'MedlemsbidragMottaget',
      `${year}-medlemsbidrag-${contribution.medlem}-halvar${index + 1}`,
      nextWorkday(halfYearDays[index]!),
      {
        datum: halfYearDays[index]!,
        medlem: contribution.medlem,
        medlemskategori: contribution.kategori,
        period: `${year} ${index === 0 ? 'jan-jun' : 'jul-dec'}`,
        belopp: kr(amount),
      },
    ),
  );
}

/**
 * The state's contribution of a year: four quarters, the `invoiced` one invoiced on its first
 * day.
 */
function stateQuarterDrafts(
  year: number,
  contribution: MemberContribution,
  invoiced: InvoicedQuarter | undefined,
): HistoryDraft[] {
  const quarterDays = [
    payday(year, 1, 12),
    payday(year, 4, 12),
    payday(year, 7, 12),
    payday(year, 10, 12),
  ];
  return splitÖre(öre(contribution.belopp), [1n, 1n, 1n, 1n]).map((amount, index) => {
    const period = `${year} kv ${index + 1}`;
    if (
      invoiced !== undefined &&
      invoiced.medlem === contribution.medlem &&
      invoiced.quarter === index + 1
    ) {
      const datum = `${year}-${String(index * 3 + 1).padStart(2, '0')}-01`;
      return historyDraft(
        'MedlemsbidragFakturerat',
        `${year}-medlemsbidrag-${contribution.medlem}-kv${index + 1}-fakturerat`,
        nextWorkday(datum),
        {
          datum,
          medlem: contribution.medlem,
          medlemskategori: contribution.kategori,
          period,
          belopp: kr(amount),
          postId: invoiced.postId,
          text: invoiced.text,
        },
      );
    }
    return historyDraft(
      'MedlemsbidragMottaget',
      `${year}-medlemsbidrag-${contribution.medlem}-kv${index + 1}`,
      nextWorkday(quarterDays[index]!),
      {
        datum: quarterDays[index]!,
        medlem: contribution.medlem,
        medlemskategori: contribution.kategori,
        period,
        belopp: kr(amount),
      },
    );
  });
}

/**
 * The member contributions of a year (RECONSTRUCTED rhythm): the state pays a quarter at
 * the start of each quarter; from 2021 the region and the municipalities pay per half-year
 * in advance (January and July). `invoiced` (the state's fourth quarter of 2021) is
 * invoiced on 1 October and paid the next January.
 */
export function memberContributionDrafts(
  year: number,
  members: readonly MemberContribution[],
  invoiced?: InvoicedQuarter,
): HistoryDraft[] {
  return members.flatMap((contribution) =>
    contribution.kategori === 'staten'
      ? stateQuarterDrafts(year, contribution, invoiced)
      : halfYearDrafts(year, contribution),
  );
}

/** Not 1 2021 "Medel från europeiska socialfonden": printed 3 169 (tkr), exact 3 169 180.00. */
export const esfIncome2021 = { printed: '3169', belopp: '3169180.00' } as const;

/** The ESF accrual of 31 December 2021 (RECONSTRUCTED; part of the BR's 891 tkr). */
export const esfAccrual2021 = {
  postId: 'UI-2021-ESF-SEP-DEC',
  text: 'Upplupen intäkt ESF medel sep-dec 2021 (rekonstruerad)',
  belopp: '761200.00',
} as const;

/**
 * The ESF payments of 2021 (RECONSTRUCTED): the claim for September–December 2020 is paid
 * in April, 755 420.00, 16 000 less than the 2020 accrual (see corrections.ts); then two
 * claims of 2021. ESF income 2021 = received 3 163 400.00 − the reversed 2020 accrual as
 * corrected, 755 420.00 + the 2021 accrual 761 200.00 = 3 169 180.00.
 */
export const esfPayments2021 = [
  { datum: '2021-04-16', projekt: miaVidare, period: '2020-09-01–2020-12-31', belopp: '755420.00' },
  {
    datum: '2021-08-20',
    projekt: miaVidare,
    period: '2021-01-01–2021-04-30',
    belopp: '1200000.00',
  },
  {
    datum: '2021-12-10',
    projekt: miaVidare,
    period: '2021-05-01–2021-08-31',
    belopp: '1207980.00',
  },
] as const;

/** ESF payments as events. */
export const esfPaymentDrafts = (
  year: number,
  payments: readonly { datum: string; projekt: string; period: string; belopp: string }[],
): HistoryDraft[] =>
  payments.map((payment) =>
    historyDraft('ESFUtbetalning', `${year}-esf-${payment.datum}`, nextWorkday(payment.datum), {
      ...payment,
      text: `ESF-utbetalning ${payment.projekt} ${payment.period} (rekonstruerad)`,
    }),
  );

/**
 * The income events of 2021 (the 2020 items' settlement and the ESF correction are in
 * settlement2020.ts and corrections.ts).
 */
export function income2021(): HistoryDraft[] {
  return [
    ...memberContributionDrafts(2021, memberContributions2021, {
      medlem: staten,
      quarter: 4,
      postId: statenKv4Receivable2021.postId,
      text: statenKv4Receivable2021.text,
    }),
    ...esfPaymentDrafts(2021, esfPayments2021.slice(1)),
    historyDraft('IntäktUpplupen', '2021-upplupen-intakt-esf', '2022-01-26', {
      datum: '2021-12-31',
      postId: esfAccrual2021.postId,
      intäktsslag: 'esf',
      belopp: esfAccrual2021.belopp,
      text: esfAccrual2021.text,
      motpart: 'Svenska ESF-rådet',
    }),
  ];
}
