import {
  bookkeepingCatalog,
  bookkeepingStreamId,
  type BookkeepingEvent,
} from '@finsam-ledger/core';
import { kr, öre } from './amounts.js';
import { budgetDrafts2020, budgetDrafts2022 } from './budget.js';
import { correctionOfEsf2020 } from './corrections.js';
import { arbetsträningInvoices2021, costComponents2021 } from './costs2021.js';
import { costComponents2022 } from './costs2022.js';
import {
  arbetsträningInvoices,
  arbetsträningLeaf,
  costInvoices2020,
  leafKey,
} from './costs2020.js';
import { componentAmounts, componentInvoices, componentOf } from './costPlan.js';
import { costsByNot2Line } from './costsByNot2Line.js';
import { förvaltningsberättelseDraft } from './forvaltningsberattelse.js';
import type { HistoryDraft } from './historyDraft.js';
import { historyEventId } from './ids.js';
import { income2020 } from './income2020.js';
import { income2021 } from './income2021.js';
import { income2022 } from './income2022.js';
import { figures2019, opening2020, openItems2019, settlementOf2019Items } from './opening2020.js';
import { settlementOf2020Items } from './settlement2020.js';
import { earlyYearDrafts, staffingDraft } from './staffing.js';
import { vatBetween, vatRefunds2020 } from './vat2020.js';
import { vatReceivable2021, vatReceivable2022, vatRefunds2021, vatRefunds2022 } from './vat2122.js';
import {
  close2020,
  esfAccrual2020,
  prepaidRent2021,
  prepaidWebb2021,
  yearEnd2020,
} from './yearEnd2020.js';
import { close2021, yearEnd2021Items } from './yearEnd2021.js';
import { close2022, yearEnd2022Items } from './yearEnd2022.js';
import {
  addBooked,
  bookedByReversedPrepayments,
  bookedByYearEnd,
  bookYearEnd,
  settleYearEnd,
} from './yearEndItems.js';

export { historyEventId } from './ids.js';
export { förvaltningsberättelser } from './forvaltningsberattelse.js';
export { costLeaves2020, leafKey, not2Total2020, type CostLeaf } from './costs2020.js';
export { costsByNot2Line, costsByNot2Post } from './costsByNot2Line.js';
export { incomeByNot1Line, esfLine, otherIncomeLine } from './incomeByNot1Line.js';
export {
  memberContributions2020,
  esfIncome2020,
  otherIncome2020,
  regionKv4Receivable,
  not1Total2020,
} from './income2020.js';
export {
  memberContributions2021,
  memberContributions2022,
  esfIncome2021,
  esfAccrual2021,
  statenKv4Receivable2021,
} from './income2021.js';
export { esfIncome2022, serviceIncome2022, esfAccrual2022 } from './income2022.js';
export { figures2019, openItems2019 } from './opening2020.js';
export {
  payables2020,
  accruedCosts2020,
  prepaidRent2021,
  prepaidWebb2021,
  esfAccrual2020,
} from './yearEnd2020.js';
export { yearEnd2021Items, prepaidRent2022 } from './yearEnd2021.js';
export { yearEnd2022Items, prepaidEkonomisystem, samsundAccrual } from './yearEnd2022.js';
export {
  not2Lines,
  not2Post,
  not2Summor,
  not2Total,
  not2LineOf,
  försäljningTjänst,
  miaVidare,
  efterMiaVidare,
  type Not2Line,
} from './not2Lines.js';
export { esfCorrection2020 } from './corrections.js';
export { budgetLines2020 } from './budget.js';
export { staffingByYear, earlyYears } from './staffing.js';
export { vatReceivable2021, vatReceivable2022 } from './vat2122.js';
export { splitGross } from './yearEndItems.js';

/** The stream of Roslagen's books. */
export const roslagenStreamId = bookkeepingStreamId('roslagen');

/** Who recorded the history. */
export const roslagenRecordedBy = 'Ekonom Roslagen (rekonstruerad)';

/** PRINTED: Not 3 "Moms fordring 332 225". */
const vatReceivable2020 = '332225.00';

/**
 * Every draft of the 2020 history (with the 2019 figures and the opening balance), before ordering.
 */
function drafts2020(): HistoryDraft[] {
  const start = opening2020();
  const settlements = settlementOf2019Items();
  const yearEnd = yearEnd2020();
  const esf2019 = openItems2019.find((item) => item.slag === 'upplupen-intäkt')!;
  const income = income2020({
    reversedEsf2019: esf2019.belopp,
    accruedEsf2020: esfAccrual2020.belopp,
  });
  const booked = costsByNot2Line([...start, ...settlements, ...yearEnd]);
  const invoices = costInvoices2020(booked);
  const others = [...start, ...settlements, ...yearEnd, ...income, ...invoices];
  const arbetsträning = arbetsträningInvoices(
    booked.get(leafKey(arbetsträningLeaf)) ?? 0n,
    vatBetween(others, '2020-07-01', '2020-12-31'),
    vatReceivable2020,
  );
  const all = [...others, ...arbetsträning];
  // Registered when the 2020 report was adopted, before the close: the year's staffing, the
  // early years of its flerårsöversikt and the report's förvaltningsberättelse.
  const adopted = '2021-03-17';
  return [
    ...start,
    ...budgetDrafts2020(),
    ...all.slice(start.length),
    ...vatRefunds2020(figures2019.balansräkning.övrigaFordringar, all),
    staffingDraft(2020, adopted),
    ...earlyYearDrafts(adopted),
    förvaltningsberättelseDraft(2020, adopted),
    close2020(),
  ];
}

/**
 * Every draft of 2021, before ordering: the 2020 items settled, the ESF correction, income, costs,
 * the year end, VAT, the close. No förvaltningsberättelse: the seeds hold no Årsredovisning 2021.
 */
function drafts2021(): HistoryDraft[] {
  const components = costComponents2021;
  const amounts = componentAmounts(2021, components);
  // Last year's prepayments land on this year's rent and Övrigt.
  const booked = addBooked(
    bookedByYearEnd(yearEnd2021Items),
    new Map([
      ['projektlokal', öre(prepaidRent2021.belopp)],
      ['kansli-ovrigt', öre(prepaidWebb2021.belopp)],
    ]),
  );
  const shaped = componentOf(components, 'esf-arbetstraning');
  const invoices = componentInvoices(
    2021,
    components.filter((component) => component !== shaped),
    amounts,
    booked,
  );
  const others = [
    ...settlementOf2020Items(),
    ...correctionOfEsf2020(),
    ...income2021(),
    ...bookYearEnd(yearEnd2021Items, components),
    ...invoices,
  ];
  const remaining = amounts.get(shaped.key)! - (booked.get(shaped.key) ?? 0n);
  const all = [
    ...others,
    ...arbetsträningInvoices2021(
      shaped,
      remaining,
      vatBetween(others, '2021-07-01', '2021-12-31'),
      vatReceivable2021,
    ),
  ];
  return [
    ...all,
    ...vatRefunds2021(vatReceivable2020, all),
    staffingDraft(2021, '2022-03-16'),
    close2021(),
  ];
}

/**
 * Every draft of 2022, before ordering. The arbetsträning of MIA vidare is what makes the VAT
 * of 2022 come to the receivable at year end (none of it is refunded within the year): all
 * other VAT is booked first (the placeholder amount only moves money between arbetsträning
 * and the VAT-free coaches, never VAT), then arbetsträning = 4 × what is missing.
 */
function drafts2022(drafts2021: readonly HistoryDraft[]): HistoryDraft[] {
  const build = (arbetsträning: string) => {
    const components = costComponents2022(arbetsträning);
    const amounts = componentAmounts(2022, components);
    const booked = addBooked(
      bookedByYearEnd(yearEnd2022Items),
      bookedByReversedPrepayments(yearEnd2021Items),
    );
    return [
      ...settleYearEnd(yearEnd2021Items, costComponents2021),
      ...income2022(),
      ...bookYearEnd(yearEnd2022Items, components),
      ...componentInvoices(2022, components, amounts, booked),
    ];
  };
  const isArbetsträning = (draft: HistoryDraft) =>
    draft.name.startsWith('2022-kostnad-esf-arbetstraning-');
  const otherVat = vatBetween(
    build('1800000.00').filter((draft) => !isArbetsträning(draft)),
    '2022-01-01',
    '2022-12-31',
  );
  const all = build(kr((öre(vatReceivable2022) - otherVat) * 4n));
  return [
    ...budgetDrafts2022(),
    ...all,
    ...vatRefunds2022([...drafts2021, ...all]),
    staffingDraft(2022, '2023-03-22'),
    förvaltningsberättelseDraft(2022, '2023-03-22'),
    close2022(),
  ];
}

/** Every draft of the history, 2019 to the close of 2022, before ordering. */
function allDrafts(): { drafts: HistoryDraft[]; names2020: Set<string> } {
  const first = drafts2020();
  const second = drafts2021();
  return {
    drafts: [...first, ...second, ...drafts2022(second)],
    names2020: new Set(first.map((draft) => draft.name)),
  };
}

/**
 * Orders the drafts by the day they were recorded (stable: drafts of one day keep their
 * order) and gives each a recording instant: from 07:30 UTC, two minutes apart.
 */
function ordered(drafts: readonly HistoryDraft[]): { draft: HistoryDraft; recordedAt: string }[] {
  const sorted = drafts
    .map((draft, index) => ({ draft, index }))
    .sort((left, right) =>
      left.draft.recordedOn < right.draft.recordedOn
        ? -1
        : left.draft.recordedOn > right.draft.recordedOn
          ? 1
          : left.index - right.index,
    );
  const perDay = new Map<string, number>();
  return sorted.map(({ draft }) => {
    const slot = perDay.get(draft.recordedOn) ?? 0;
    perDay.set(draft.recordedOn, slot + 1);
    const minutes = 7 * 60 + 30 + slot * 2;
    const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    return { draft, recordedAt: `${draft.recordedOn}T${time}:00.000Z` };
  });
}

/** Creates the events of the ordered drafts (ids from their names, metadata from the order). */
function created(
  drafts: readonly { draft: HistoryDraft; recordedAt: string }[],
): BookkeepingEvent[] {
  const seen = new Set<string>();
  return drafts.map(({ draft, recordedAt }) => {
    if (seen.has(draft.name)) throw new Error(`Two history events are called ${draft.name}`);
    seen.add(draft.name);
    const event = bookkeepingCatalog.create(draft.type, draft.data, {
      eventId: historyEventId(draft.name),
      metadata: { recordedAt, recordedBy: roslagenRecordedBy },
    });
    if (event._tag === 'Left')
      throw new Error(`History event ${draft.name} is invalid: ${event.left.message}`);
    return event.right;
  });
}

/**
 * Samordningsförbundet Roslagen's books from 2019 to the close of 2022, reconstructed from
 * its Årsredovisning 2020 (seed 003) and Årsredovisning 2022 (seed 000): the 2019 figures
 * and the years before, the opening balance of 2020, every event of 2020, 2021 and 2022,
 * the three closes and the förvaltningsberättelser of the two reports, in the order they
 * were recorded. Deterministic: the same events, ids and bytes every run.
 */
export function roslagenBookkeepingEvents(): BookkeepingEvent[] {
  return created(ordered(allDrafts().drafts));
}

/**
 * The 2020 part of {@link roslagenBookkeepingEvents}: the 2019 figures, the opening balance,
 * 2020's events (with its budget, staffing and the early years of its flerårsöversikt), the
 * close of 2020 and the förvaltningsberättelse of Årsredovisning 2020 (adopted before the close),
 * exactly as they are in the whole history (same ids, same recording instants), without the
 * 2021 events recorded in between.
 */
export function roslagenBookkeepingEvents2020(): BookkeepingEvent[] {
  const { drafts, names2020 } = allDrafts();
  return created(ordered(drafts).filter(({ draft }) => names2020.has(draft.name)));
}
