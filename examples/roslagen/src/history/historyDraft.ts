import type { BookkeepingEventType, EventInput } from '@finsam-ledger/core';

/**
 * One event of the history before it gets its id and metadata: a stable `name` (its id is
 * derived from it), the day the ekonom recorded it, and its data. `index.ts` orders the
 * drafts by that day, gives each a recording instant, and creates the events.
 */
export interface HistoryDraft<Type extends BookkeepingEventType = BookkeepingEventType> {
  readonly name: string;
  readonly type: Type;
  /** The day it was recorded (`YYYY-MM-DD`). */
  readonly recordedOn: string;
  /** As the schema takes it: a field with a default may be left out, as the ekonom would. */
  readonly data: EventInput<Type>;
}

/** Builds a draft; the data is type-checked against the event's schema type. */
export const historyDraft = <Type extends BookkeepingEventType>(
  type: Type,
  name: string,
  recordedOn: string,
  data: EventInput<Type>,
): HistoryDraft => ({ name, type, recordedOn, data }) as HistoryDraft;

/** The VAT (moms) a draft books on the VAT receivable, as a decimal string ("0.00" if none). */
export function vatOfDraft(draft: HistoryDraft): string {
  if (draft.type === 'KostnadBokförd' || draft.type === 'KostnadFörutbetald')
    return (draft.data as { moms: string }).moms;
  return '0.00';
}

/** The business date of a draft's data (`datum`, or the year end for a year-level event). */
export function dateOfDraft(draft: HistoryDraft): string {
  const data = draft.data as { datum?: string; år?: number };
  return data.datum ?? `${data.år}-12-31`;
}
