import type { Område } from '@finsam-ledger/core';
import { kr, öre, splitÖre, vatÖre } from './amounts.js';
import { monthNames, nextWorkday, payday } from './calendar.js';
import { historyDraft, type HistoryDraft } from './historyDraft.js';
import { not2LineAmount, not2Lines } from './not2Lines.js';

/**
 * The costs of a year from 2021 on, as components of the Not 2 lines: who sends the
 * invoices, with what VAT, in which rhythm. A line's exact amount is PRINTED-rounded and
 * RECONSTRUCTED (not2Lines.ts); its split into components and everything about the
 * invoices is RECONSTRUCTED. The year-end items (Not 3, Not 4) and the reversal of last
 * year's prepayments are booked on a component; the component's invoices paid from the
 * bank take the rest of it.
 */

/**
 * An invoice instalment: month (1–12), day (default 25), weight (default 1), label (default
 * "<month> <year>").
 */
export interface Instalment {
  readonly month: number;
  readonly day?: number;
  readonly weight?: bigint;
  readonly label?: string;
}

/** Where a cost is placed: område, post (the Not 2 line), optional underpost and insats. */
export interface Placement {
  readonly område: Område;
  readonly post: string;
  readonly underpost?: string;
  readonly insats?: string;
}

export interface CostComponent extends Placement {
  /** Unique within the year; year-end items name it. */
  readonly key: string;
  /**
   * RECONSTRUCTED exact yearly amount; absent: the rest of its line (one such component per line).
   */
  readonly belopp?: string;
  /** RECONSTRUCTED VAT rate (percent) of its invoices. */
  readonly momssats: bigint;
  readonly motpart: string;
  /** The invoice text; the instalment's label and "(rekonstruerad)" are appended. */
  readonly text: string;
  readonly instalments: readonly Instalment[];
}

export const months = (...list: number[]): Instalment[] => list.map((month) => ({ month }));
/** Invoices at the end of each quarter (staff lent by members is invoiced in arrears). */
export const quarters = (year: number, ...list: number[]): Instalment[] =>
  list.map((quarter) => ({ month: quarter * 3, day: 25, label: `kv ${quarter} ${year}` }));

/** The placement fields of anything placed. */
export const placementOf = (item: Placement): Placement => ({
  område: item.område,
  post: item.post,
  ...(item.underpost === undefined ? {} : { underpost: item.underpost }),
  ...(item.insats === undefined ? {} : { insats: item.insats }),
});

/**
 * The exact amount of every component of `year`, in öre: given, or the rest of its line. Checks
 * that the components make every line.
 */
export function componentAmounts(
  year: 2021 | 2022,
  components: readonly CostComponent[],
): Map<string, bigint> {
  const amounts = new Map<string, bigint>();
  for (const line of not2Lines) {
    const ofLine = components.filter(
      (component) => component.område === line.område && component.post === line.post,
    );
    const total = öre(not2LineAmount(line, year));
    if (ofLine.length === 0) {
      if (total !== 0n) throw new Error(`${year}: no component for ${line.område}|${line.post}`);
      continue;
    }
    const rest = ofLine.filter((component) => component.belopp === undefined);
    if (rest.length > 1) throw new Error(`${year}: ${line.post} has two rest components`);
    const given = ofLine.reduce(
      (sum, component) => sum + (component.belopp === undefined ? 0n : öre(component.belopp)),
      0n,
    );
    for (const component of ofLine)
      amounts.set(
        component.key,
        component.belopp === undefined ? total - given : öre(component.belopp),
      );
    if (rest.length === 0 && given !== total)
      throw new Error(
        `${year}: the components of ${line.post} make ${kr(given)}, not ${kr(total)}`,
      );
  }
  for (const component of components) {
    if (!amounts.has(component.key))
      throw new Error(`${year}: component ${component.key} is on no Not 2 line`);
    if (amounts.get(component.key)! <= 0n)
      throw new Error(
        `${year}: component ${component.key} comes to ${kr(amounts.get(component.key)!)}`,
      );
  }
  return amounts;
}

/** One invoice of a component, paid from the bank. */
export function componentInvoice(
  year: number,
  component: CostComponent,
  index: number,
  instalment: Instalment,
  net: bigint,
): HistoryDraft {
  const datum = payday(year, instalment.month, instalment.day ?? 25);
  const label = instalment.label ?? `${monthNames[instalment.month - 1]} ${year}`;
  return historyDraft(
    'KostnadBokförd',
    `${year}-kostnad-${component.key}-${index + 1}`,
    nextWorkday(datum),
    {
      datum,
      ...placementOf(component),
      belopp: kr(net),
      moms: kr(vatÖre(net, component.momssats)),
      text: `${component.text} ${label} (rekonstruerad)`,
      motpart: component.motpart,
      betalning: { sätt: 'bank' },
    },
  );
}

/**
 * The unit invoices are split in: whole kronor, in 4-kronor steps where 25 % VAT should come out in
 * whole kronor.
 */
const unitFor = (amount: bigint, momssats: bigint): bigint =>
  momssats === 25n && amount % 400n === 0n
    ? 400n
    : amount % 100n === 0n
      ? 100n
      : momssats === 25n && amount % 4n === 0n
        ? 4n
        : 1n;

/**
 * The bank-paid invoices of `components`: each component's exact amount less what other
 * events already put on it (`alreadyBooked`, by component key), split over its instalments.
 */
export function componentInvoices(
  year: number,
  components: readonly CostComponent[],
  amounts: ReadonlyMap<string, bigint>,
  alreadyBooked: ReadonlyMap<string, bigint>,
): HistoryDraft[] {
  const drafts: HistoryDraft[] = [];
  for (const component of components) {
    const remaining = amounts.get(component.key)! - (alreadyBooked.get(component.key) ?? 0n);
    if (component.instalments.length === 0) {
      if (remaining !== 0n)
        throw new Error(`${year}: ${component.key} has ${kr(remaining)} left but no instalments`);
      continue;
    }
    const parts = splitÖre(
      remaining,
      component.instalments.map((instalment) => instalment.weight ?? 1n),
      unitFor(remaining, component.momssats),
    );
    component.instalments.forEach((instalment, index) =>
      drafts.push(componentInvoice(year, component, index, instalment, parts[index]!)),
    );
  }
  return drafts;
}

/** The component called `key`. */
export function componentOf(components: readonly CostComponent[], key: string): CostComponent {
  const found = components.find((component) => component.key === key);
  if (!found) throw new Error(`No cost component ${key}`);
  return found;
}
