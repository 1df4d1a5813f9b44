import { bookkeepingCatalog, bookkeepingStreamId, type BookkeepingEvent } from '@finsam-ledger/core';
import { arbetsträningInvoices, arbetsträningLeaf, costInvoices2020, leafKey } from './costs2020.js';
import { costsByNot2Line } from './costsByNot2Line.js';
import type { HistoryDraft } from './historyDraft.js';
import { historyEventId } from './ids.js';
import { income2020 } from './income2020.js';
import { figures2019, opening2020, openItems2019, settlementOf2019Items } from './opening2020.js';
import { vatBetween, vatRefunds2020 } from './vat2020.js';
import { close2020, esfAccrual2020, yearEnd2020 } from './yearEnd2020.js';

export { historyEventId } from './ids.js';
export { costLeaves2020, leafKey, not2Total2020, type CostLeaf } from './costs2020.js';
export { costsByNot2Line } from './costsByNot2Line.js';
export { incomeByNot1Line, esfLine, otherIncomeLine } from './incomeByNot1Line.js';
export { memberContributions2020, esfIncome2020, otherIncome2020, regionKv4Receivable, not1Total2020 } from './income2020.js';
export { figures2019, openItems2019 } from './opening2020.js';
export { payables2020, accruedCosts2020, prepaidRent2021, prepaidWebb2021, esfAccrual2020 } from './yearEnd2020.js';

/** The stream of Roslagen's books. */
export const roslagenStreamId = bookkeepingStreamId('roslagen');

/** Who recorded the history. */
export const roslagenRecordedBy = 'Ekonom Roslagen (rekonstruerad)';

/** PRINTED: Not 3 "Moms fordring 332 225". */
const vatReceivable2020 = '332225.00';

/** Every draft of the 2020 history, before ordering. */
function drafts2020(): HistoryDraft[] {
  const start = opening2020();
  const settlements = settlementOf2019Items();
  const yearEnd = yearEnd2020();
  const esf2019 = openItems2019.find((item) => item.slag === 'upplupen-intäkt')!;
  const income = income2020({ reversedEsf2019: esf2019.belopp, accruedEsf2020: esfAccrual2020.belopp });
  const booked = costsByNot2Line([...start, ...settlements, ...yearEnd]);
  const invoices = costInvoices2020(booked);
  const others = [...start, ...settlements, ...yearEnd, ...income, ...invoices];
  const arbetsträning = arbetsträningInvoices(booked.get(leafKey(arbetsträningLeaf)) ?? 0n, vatBetween(others, '2020-07-01', '2020-12-31'), vatReceivable2020);
  const all = [...others, ...arbetsträning];
  return [...all, ...vatRefunds2020(figures2019.balansräkning.övrigaFordringar, all), close2020()];
}

/**
 * Orders the drafts by the day they were recorded (stable: drafts of one day keep their
 * order) and gives each a recording instant: from 07:30 UTC, two minutes apart.
 */
function ordered(drafts: readonly HistoryDraft[]): { draft: HistoryDraft; recordedAt: string }[] {
  const sorted = drafts.map((draft, index) => ({ draft, index })).sort((left, right) => (left.draft.recordedOn < right.draft.recordedOn ? -1 : left.draft.recordedOn > right.draft.recordedOn ? 1 : left.index - right.index));
  const perDay = new Map<string, number>();
  return sorted.map(({ draft }) => {
    const slot = perDay.get(draft.recordedOn) ?? 0;
    perDay.set(draft.recordedOn, slot + 1);
    const minutes = 7 * 60 + 30 + slot * 2;
    const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    return { draft, recordedAt: `${draft.recordedOn}T${time}:00.000Z` };
  });
}

/**
 * Samordningsförbundet Roslagen's books for 2020, reconstructed from its Årsredovisning
 * 2020 (seed 003): the 2019 figures, the opening balance, every event of 2020 and the close,
 * in the order they were recorded. Deterministic: the same events, ids and bytes every run.
 */
export function roslagenBookkeepingEvents2020(): BookkeepingEvent[] {
  const seen = new Set<string>();
  return ordered(drafts2020()).map(({ draft, recordedAt }) => {
    if (seen.has(draft.name)) throw new Error(`Two history events are called ${draft.name}`);
    seen.add(draft.name);
    const created = bookkeepingCatalog.create(draft.type, draft.data, { eventId: historyEventId(draft.name), metadata: { recordedAt, recordedBy: roslagenRecordedBy } });
    if (created._tag === 'Left') throw new Error(`History event ${draft.name} is invalid: ${created.left.message}`);
    return created.right;
  });
}
