import type { Intäktsslag } from '@finsam-ledger/core';
import { kr, öre, vatÖre } from './amounts.js';
import { nextWorkday } from './calendar.js';
import { componentOf, placementOf, type CostComponent, type Placement } from './costPlan.js';
import { historyDraft, type HistoryDraft } from './historyDraft.js';

/**
 * The open items of a year end from 2021 on (Not 3 and Not 4), the events that open them,
 * and what the next year does with them. Costs are placed on a cost component of the year
 * (costPlan.ts), so that the component's bank-paid invoices take only the rest.
 */

/** A leverantörsskuld: an invoice received in the year and paid the next. */
export interface PayableSpec {
  readonly postId: string;
  readonly text: string;
  /** Gross, VAT included (as Not 4 prints payables). */
  readonly brutto: string;
  readonly momssats: bigint;
  readonly datum: string;
  readonly motpart: string;
  readonly component: string;
  /** When it is paid, next year. */
  readonly betalas: string;
}

/**
 * An upplupen kostnad: a cost of the year whose invoice comes the next year (at the accrued amount,
 * with `fakturaMomssats` VAT on top).
 */
export interface AccruedCostSpec {
  readonly postId: string;
  readonly text: string;
  readonly belopp: string;
  readonly component: string;
  readonly motpart: string;
  readonly fakturaMomssats: bigint;
  /** When the real invoice comes, next year. */
  readonly faktureras: string;
}

/** A förutbetald kostnad: an invoice for next year's period, paid at once or owed. */
export interface PrepaidSpec extends Placement {
  readonly postId: string;
  readonly text: string;
  readonly belopp: string;
  readonly moms: string;
  readonly datum: string;
  readonly avserPeriod: string;
  readonly motpart: string;
  /** The component of the next year its reversal lands on (none if the ledger ends first). */
  readonly reversesInto?: string;
  readonly betalning:
    | { readonly sätt: 'bank' }
    | {
        readonly sätt: 'leverantörsskuld';
        readonly postId: string;
        readonly text: string;
        readonly betalas: string;
      };
}

/**
 * An övrig kortfristig skuld: a cost owed to someone other than a supplier (an outlay to repay).
 */
export interface OtherDebtSpec {
  readonly postId: string;
  readonly text: string;
  readonly belopp: string;
  readonly datum: string;
  readonly motpart: string;
  readonly component: string;
  readonly betalas: string;
}

/** An upplupen intäkt other than ESF (ESF has its own plan in the income modules). */
export interface IncomeAccrualSpec {
  readonly postId: string;
  readonly text: string;
  readonly belopp: string;
  readonly intäktsslag: Intäktsslag;
  readonly intäktspost?: string;
  readonly motpart: string;
}

export interface YearEndItems {
  readonly year: number;
  readonly payables: readonly PayableSpec[];
  readonly accruedCosts: readonly AccruedCostSpec[];
  readonly prepaid: readonly PrepaidSpec[];
  readonly otherDebts: readonly OtherDebtSpec[];
  readonly incomeAccruals: readonly IncomeAccrualSpec[];
  /** When the ekonom booked the accruals (late January of the next year). */
  readonly accrualsRecordedOn: string;
}

/** Net and VAT of a gross invoice with VAT at `momssats` % (gross = net × (1 + sats/100)). */
export function splitGross(brutto: string, momssats: bigint): { netto: bigint; moms: bigint } {
  const grossÖre = öre(brutto);
  const netÖre = (grossÖre * 100n + (100n + momssats) / 2n) / (100n + momssats);
  return { netto: netÖre, moms: grossÖre - netÖre };
}

/** The events that open the year-end items. */
export function bookYearEnd(
  items: YearEndItems,
  components: readonly CostComponent[],
): HistoryDraft[] {
  return [
    ...items.payables.map((item) => payableDraft(items.year, item, components)),
    ...items.otherDebts.map((item) => otherDebtDraft(items.year, item, components)),
    ...items.prepaid.map((item) => prepaidDraft(items.year, item)),
    ...items.incomeAccruals.map((item) => incomeAccrualDraft(items, item)),
    ...items.accruedCosts.map((item) => accruedCostDraft(items, item, components)),
  ];
}

/** A cost invoiced at the year's end and paid the next year: net and VAT from the gross. */
function payableDraft(
  year: number,
  item: YearEndItems['payables'][number],
  components: readonly CostComponent[],
): HistoryDraft {
  const { netto, moms } = splitGross(item.brutto, item.momssats);
  return historyDraft(
    'KostnadBokförd',
    `${year}-leverantorsskuld-${item.postId}`,
    nextWorkday(item.datum),
    {
      datum: item.datum,
      ...placementOf(componentOf(components, item.component)),
      belopp: kr(netto),
      moms: kr(moms),
      text: item.text,
      motpart: item.motpart,
      betalning: { sätt: 'leverantörsskuld', postId: item.postId, förfallodatum: item.betalas },
    },
  );
}

/** A cost owed at the year's end to someone other than a supplier (no VAT). */
function otherDebtDraft(
  year: number,
  item: YearEndItems['otherDebts'][number],
  components: readonly CostComponent[],
): HistoryDraft {
  return historyDraft(
    'KostnadBokförd',
    `${year}-ovrig-skuld-${item.postId}`,
    nextWorkday(item.datum),
    {
      datum: item.datum,
      ...placementOf(componentOf(components, item.component)),
      belopp: item.belopp,
      moms: '0.00',
      text: item.text,
      motpart: item.motpart,
      betalning: { sätt: 'övrig-skuld', postId: item.postId },
    },
  );
}

/** A cost of next year paid (or invoiced) this year. */
function prepaidDraft(year: number, item: YearEndItems['prepaid'][number]): HistoryDraft {
  return historyDraft(
    'KostnadFörutbetald',
    `${year}-forutbetald-${item.postId}`,
    nextWorkday(item.datum),
    {
      datum: item.datum,
      ...placementOf(item),
      postId: item.postId,
      avserPeriod: item.avserPeriod,
      belopp: item.belopp,
      moms: item.moms,
      text: item.text,
      motpart: item.motpart,
      betalning:
        item.betalning.sätt === 'bank'
          ? { sätt: 'bank' }
          : {
              sätt: 'leverantörsskuld',
              postId: item.betalning.postId,
              förfallodatum: item.betalning.betalas,
              text: item.betalning.text,
            },
    },
  );
}

/** Income of the year not yet received, accrued on 31 December. */
function incomeAccrualDraft(
  items: YearEndItems,
  item: YearEndItems['incomeAccruals'][number],
): HistoryDraft {
  return historyDraft(
    'IntäktUpplupen',
    `${items.year}-upplupen-intakt-${item.postId}`,
    items.accrualsRecordedOn,
    {
      datum: `${items.year}-12-31`,
      postId: item.postId,
      intäktsslag: item.intäktsslag,
      ...(item.intäktspost === undefined ? {} : { intäktspost: item.intäktspost }),
      belopp: item.belopp,
      text: item.text,
      motpart: item.motpart,
    },
  );
}

/** A cost of the year not yet invoiced, accrued on 31 December. */
function accruedCostDraft(
  items: YearEndItems,
  item: YearEndItems['accruedCosts'][number],
  components: readonly CostComponent[],
): HistoryDraft {
  return historyDraft(
    'KostnadBokförd',
    `${items.year}-upplupen-${item.postId}`,
    nextWorkday(items.accrualsRecordedOn),
    {
      datum: `${items.year}-12-31`,
      ...placementOf(componentOf(components, item.component)),
      belopp: item.belopp,
      moms: '0.00',
      text: item.text,
      betalning: { sätt: 'upplupen', postId: item.postId },
    },
  );
}

/** What the year-end items put on each component of their year, in öre (net of VAT). */
export function bookedByYearEnd(items: YearEndItems): Map<string, bigint> {
  const booked = new Map<string, bigint>();
  const add = (key: string, amount: bigint) => booked.set(key, (booked.get(key) ?? 0n) + amount);
  for (const item of items.payables)
    add(item.component, splitGross(item.brutto, item.momssats).netto);
  for (const item of items.otherDebts) add(item.component, öre(item.belopp));
  for (const item of items.accruedCosts) add(item.component, öre(item.belopp));
  return booked;
}

/** What last year's prepayments put on this year's components when reversed, in öre. */
export function bookedByReversedPrepayments(lastYear: YearEndItems): Map<string, bigint> {
  const booked = new Map<string, bigint>();
  for (const item of lastYear.prepaid)
    if (item.reversesInto !== undefined)
      booked.set(item.reversesInto, (booked.get(item.reversesInto) ?? 0n) + öre(item.belopp));
  return booked;
}

/** Adds maps of öre by key. */
export function addBooked(...maps: ReadonlyMap<string, bigint>[]): Map<string, bigint> {
  const sum = new Map<string, bigint>();
  for (const map of maps)
    for (const [key, amount] of map) sum.set(key, (sum.get(key) ?? 0n) + amount);
  return sum;
}

/**
 * What the next year does with the year-end items (RECONSTRUCTED dates in the specs):
 * accruals and prepayments are reversed on 1 January (booked when the accruals are, late
 * January); each accrued cost's real invoice comes at the accrued amount, with its VAT on
 * top, on the same placement (so the accrual leaves no trace in the next year's result);
 * payables and other debts are paid. Income accruals other than ESF are reversed; their
 * payment is in the income module.
 */
export function settleYearEnd(
  items: YearEndItems,
  components: readonly CostComponent[],
): HistoryDraft[] {
  const next = items.year + 1;
  const reversal = {
    next,
    recordedOn: nextWorkday(nextWorkday(items.accrualsRecordedOn)),
  };
  return [
    ...items.prepaid.flatMap((item) => prepaidSettlementDrafts(reversal, item)),
    ...items.incomeAccruals.map((item) => incomeAccrualReversalDraft(reversal, item)),
    ...items.accruedCosts.flatMap((item) =>
      accruedCostSettlementDrafts(reversal, items.year, item, components),
    ),
    ...items.payables.map((item) =>
      historyDraft(
        'LeverantörsskuldBetald',
        `${next}-betald-${item.postId}`,
        nextWorkday(item.betalas),
        {
          datum: item.betalas,
          postId: item.postId,
          belopp: item.brutto,
          text: `Betalning: ${item.text}`,
          motpart: item.motpart,
        },
      ),
    ),
    ...items.otherDebts.map((item) =>
      historyDraft('ÖvrigSkuldBetald', `${next}-betald-${item.postId}`, nextWorkday(item.betalas), {
        datum: item.betalas,
        postId: item.postId,
        belopp: item.belopp,
        text: `Återbetalning: ${item.text}`,
        motpart: item.motpart,
      }),
    ),
  ];
}

/** The year the reversals are dated in (1 January) and the day they are recorded. */
interface Reversal {
  readonly next: number;
  readonly recordedOn: string;
}

/** A prepayment reversed on 1 January, and its invoice paid when it falls due. */
function prepaidSettlementDrafts(
  reversal: Reversal,
  item: YearEndItems['prepaid'][number],
): HistoryDraft[] {
  const { next, recordedOn } = reversal;
  const reversed = historyDraft(
    'PeriodiseringÅterförd',
    `${next}-aterforing-${item.postId}`,
    recordedOn,
    {
      datum: `${next}-01-01`,
      postId: item.postId,
      slag: 'förutbetald-kostnad',
      belopp: item.belopp,
      ...placementOf(item),
      text: `Återföring: ${item.text}`,
    },
  );
  if (item.betalning.sätt !== 'leverantörsskuld') return [reversed];
  return [
    reversed,
    historyDraft(
      'LeverantörsskuldBetald',
      `${next}-betald-${item.betalning.postId}`,
      nextWorkday(item.betalning.betalas),
      {
        datum: item.betalning.betalas,
        postId: item.betalning.postId,
        belopp: kr(öre(item.belopp) + öre(item.moms)),
        text: `Betalning: ${item.betalning.text}`,
        motpart: item.motpart,
      },
    ),
  ];
}

/** An income accrual reversed on 1 January (its payment is in the income module). */
function incomeAccrualReversalDraft(
  reversal: Reversal,
  item: YearEndItems['incomeAccruals'][number],
): HistoryDraft {
  const { next, recordedOn } = reversal;
  return historyDraft('PeriodiseringÅterförd', `${next}-aterforing-${item.postId}`, recordedOn, {
    datum: `${next}-01-01`,
    postId: item.postId,
    slag: 'upplupen-intäkt',
    belopp: item.belopp,
    intäktsslag: item.intäktsslag,
    ...(item.intäktspost === undefined ? {} : { intäktspost: item.intäktspost }),
    text: `Återföring: ${item.text}`,
  });
}

/** An accrued cost reversed on 1 January, and its real invoice at the accrued amount. */
function accruedCostSettlementDrafts(
  reversal: Reversal,
  year: number,
  item: YearEndItems['accruedCosts'][number],
  components: readonly CostComponent[],
): HistoryDraft[] {
  const { next, recordedOn } = reversal;
  const placement = placementOf(componentOf(components, item.component));
  return [
    historyDraft('PeriodiseringÅterförd', `${next}-aterforing-${item.postId}`, recordedOn, {
      datum: `${next}-01-01`,
      postId: item.postId,
      slag: 'upplupen-kostnad',
      belopp: item.belopp,
      ...placement,
      text: `Återföring: ${item.text}`,
    }),
    historyDraft('KostnadBokförd', `${next}-faktura-${item.postId}`, nextWorkday(item.faktureras), {
      datum: item.faktureras,
      ...placement,
      belopp: item.belopp,
      moms: kr(vatÖre(öre(item.belopp), item.fakturaMomssats)),
      text: `Faktura: ${item.text.replace(' (rekonstruerad)', '')} ${year} (rekonstruerad)`,
      motpart: item.motpart,
      betalning: { sätt: 'bank' },
    }),
  ];
}
