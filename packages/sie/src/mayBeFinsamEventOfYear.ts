import type { BookkeepingEventType, DomainEvent } from '@finsam-ledger/core';

const yearOfEvent = (event: DomainEvent): number | undefined => {
  const data = event.data as { år?: number; datum?: string };
  return data.år ?? (data.datum === undefined ? undefined : Number(data.datum.slice(0, 4)));
};

/** The kinds of event whose facts of a year ride along in that year's file. */
const carriedEventTypes: ReadonlySet<string> = new Set<BookkeepingEventType>([
  'IngåendeBalansRegistrerad',
  'BudgetFastställd',
  'BudgetÄndrad',
  'PersonalresurserRegistrerade',
  'FörvaltningsberättelseRegistrerad',
  'RäkenskapsårStängt',
]);

/**
 * Whether `event` may be one of `finsamEventsOfYear`'s: a fact of `year` it carries, or
 * the figures of the years before the books (carried in the books' first year only).
 */
export const mayBeFinsamEventOfYear = (event: DomainEvent, year: number): boolean =>
  event.type === 'HistoriskaÅrsuppgifterRegistrerade' ||
  (carriedEventTypes.has(event.type) && yearOfEvent(event) === year);
