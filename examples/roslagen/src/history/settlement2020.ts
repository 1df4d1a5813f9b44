import { kr, öre, vatÖre } from './amounts.js';
import { nextWorkday, payday } from './calendar.js';
import { historyDraft, type HistoryDraft } from './historyDraft.js';
import { regionKv4Receivable } from './income2020.js';
import {
  accruedCosts2020,
  payables2020,
  prepaidRent2021,
  prepaidWebb2021,
  type Placement,
} from './yearEnd2020.js';

/**
 * What 2021 does with the open items of 31 December 2020 (Not 3 and Not 4 of Årsredovisning
 * 2020), RECONSTRUCTED in date and detail as 2020 did with the 2019 items: the prepaid rent
 * and web maintenance are reversed into 2021 on 1 January (the rent lands on Projektlokal,
 * the web on Övrigt: the 2021 lines they were placed on in December 2020), each accrued cost is
 * reversed and its real invoice comes in January or
 * February at the accrued amount on the same (2020) Not 2 line, so that the 2020 accruals
 * leave no trace in the 2021 result; the region pays its fourth quarter; the payables are
 * paid. The ESF accrual is settled when ESF pays (corrections.ts).
 */

const reversed = '2021-01-28';

/**
 * What the real invoices behind the 2020 accrued costs carried in VAT (RECONSTRUCTED rates) and who
 * sent them.
 */
const invoiceOf2020Accrual: Readonly<
  Record<string, { momssats: bigint; motpart: string; datum: string }>
> = {
  'UK-2020-STYRELSE-NOV': {
    momssats: 0n,
    motpart: 'Arvodesmottagare styrelsen (rekonstruerad)',
    datum: payday(2021, 1, 22),
  },
  'UK-2020-KANSLI-NOV-DEC': {
    momssats: 0n,
    motpart: 'Österåkers kommun (rekonstruerad)',
    datum: payday(2021, 1, 20),
  },
  'UK-2020-EKONOM-REVISOR': {
    momssats: 25n,
    motpart: 'Lernia och revisionsbiträdet (rekonstruerad)',
    datum: payday(2021, 2, 26),
  },
  'UK-2020-SAMSUS': {
    momssats: 0n,
    motpart: 'Täby kommun (rekonstruerad)',
    datum: payday(2021, 1, 25),
  },
  'UK-2020-VARDDIALOG': {
    momssats: 0n,
    motpart: 'Täby kommun (rekonstruerad)',
    datum: payday(2021, 1, 25),
  },
  'UK-2020-INSATSKATALOG': {
    momssats: 0n,
    motpart: 'Täby kommun (rekonstruerad)',
    datum: payday(2021, 1, 25),
  },
  'UK-2020-TEAM-OKT-DEC': { momssats: 0n, motpart: 'Försäkringskassan', datum: payday(2021, 2, 5) },
  'UK-2020-PROJEKTLEDARE': {
    momssats: 0n,
    motpart: 'Täby kommun (rekonstruerad)',
    datum: payday(2021, 1, 29),
  },
  'UK-2020-SE-COACH': { momssats: 0n, motpart: 'Arbetsförmedlingen', datum: payday(2021, 2, 12) },
  'UK-2020-KURSLEDARE': {
    momssats: 0n,
    motpart: 'Täby kommun (rekonstruerad)',
    datum: payday(2021, 1, 29),
  },
  'UK-2020-ARBETSTRANING-DEC': {
    momssats: 25n,
    motpart: 'Arbetsintegrerande sociala företag (rekonstruerad)',
    datum: payday(2021, 1, 15),
  },
  'UK-2020-VAGLEDARE': { momssats: 0n, motpart: 'Österåkers kommun', datum: payday(2021, 2, 5) },
  'UK-2020-PROJEKTGEMENSAMT': {
    momssats: 0n,
    motpart: 'Regionala MIA-projektet (rekonstruerad)',
    datum: payday(2021, 2, 19),
  },
  'UK-2020-OVRIGT': {
    momssats: 25n,
    motpart: 'Diverse leverantörer (rekonstruerad)',
    datum: payday(2021, 1, 15),
  },
};

const placementOf = (item: Placement) => ({
  område: item.område,
  post: item.post,
  ...(item.underpost === undefined ? {} : { underpost: item.underpost }),
  ...(item.insats === undefined ? {} : { insats: item.insats }),
});

/** The receivable and the prepaid costs of 2020, settled and reversed in January 2021. */
function receivableAndPrepaidDrafts(): HistoryDraft[] {
  return [
    historyDraft(
      'KundfordranBetald',
      `2021-betald-${regionKv4Receivable.postId}`,
      nextWorkday(payday(2021, 1, 15)),
      {
        datum: payday(2021, 1, 15),
        postId: regionKv4Receivable.postId,
        belopp: regionKv4Receivable.belopp,
        text: `Inbetalning: ${regionKv4Receivable.text} 2020`,
        motpart: 'Region Stockholm',
      },
    ),
    historyDraft(
      'PeriodiseringÅterförd',
      `2021-aterforing-${prepaidRent2021.prepaidPostId}`,
      reversed,
      {
        datum: '2021-01-01',
        postId: prepaidRent2021.prepaidPostId,
        slag: 'förutbetald-kostnad',
        belopp: prepaidRent2021.belopp,
        område: 'operativa',
        post: 'Projektlokal',
        insats: 'MIA vidare Roslagen',
        text: `Återföring: ${prepaidRent2021.prepaidText}`,
      },
    ),
    historyDraft(
      'LeverantörsskuldBetald',
      `2021-betald-${prepaidRent2021.payablePostId}`,
      nextWorkday('2021-01-04'),
      {
        datum: '2021-01-04',
        postId: prepaidRent2021.payablePostId,
        belopp: prepaidRent2021.belopp,
        text: `Betalning: ${prepaidRent2021.payableText}`,
        motpart: 'Täby församling',
      },
    ),
    historyDraft('PeriodiseringÅterförd', `2021-aterforing-${prepaidWebb2021.postId}`, reversed, {
      datum: '2021-01-01',
      postId: prepaidWebb2021.postId,
      slag: 'förutbetald-kostnad',
      belopp: prepaidWebb2021.belopp,
      område: 'administrativa',
      post: 'Övrigt',
      text: `Återföring: ${prepaidWebb2021.text}`,
    }),
  ];
}

/** The payables of Not 4 2020, paid on their due day, 15 January 2021. */
const payableDrafts = (): HistoryDraft[] =>
  payables2020.map((item) =>
    historyDraft(
      'LeverantörsskuldBetald',
      `2021-betald-${item.postId}`,
      nextWorkday('2021-01-15'),
      {
        datum: '2021-01-15',
        postId: item.postId,
        belopp: item.brutto,
        text: `Betalning: ${item.text}`,
        ...(item.motpart === undefined ? {} : { motpart: item.motpart }),
      },
    ),
  );

/** The accrued costs of 2020: each reversed on 1 January 2021 and booked on its invoice. */
const accruedCostDrafts = (): HistoryDraft[] =>
  accruedCosts2020.flatMap((item) => {
    const invoice = invoiceOf2020Accrual[item.postId];
    if (!invoice) throw new Error(`No invoice for ${item.postId}`);
    return [
      historyDraft('PeriodiseringÅterförd', `2021-aterforing-${item.postId}`, reversed, {
        datum: '2021-01-01',
        postId: item.postId,
        slag: 'upplupen-kostnad',
        belopp: item.belopp,
        ...placementOf(item),
        text: `Återföring: ${item.text}`,
      }),
      historyDraft('KostnadBokförd', `2021-faktura-${item.postId}`, nextWorkday(invoice.datum), {
        datum: invoice.datum,
        ...placementOf(item),
        belopp: item.belopp,
        moms: kr(vatÖre(öre(item.belopp), invoice.momssats)),
        text: `Faktura: ${item.text} 2020 (rekonstruerad)`,
        motpart: invoice.motpart,
        betalning: { sätt: 'bank' },
      }),
    ];
  });

/** The handling of the 2020 items in 2021, except the ESF accrual. */
export const settlementOf2020Items = (): HistoryDraft[] => [
  ...receivableAndPrepaidDrafts(),
  ...payableDrafts(),
  ...accruedCostDrafts(),
];
