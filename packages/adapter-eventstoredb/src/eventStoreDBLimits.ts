import { eventIdIndexLimits } from './EventIdIndex.js';

/** Limits of the adapter's options. */
export const eventStoreDBLimits = {
  deadlineMsDefault: 10_000,
  deadlineMsMax: 600_000,
  readPageSizeDefault: 500,
  readPageSizeMax: 4_096,
  contentionAttemptsDefault: 10,
  contentionAttemptsMax: 100,
  /**
   * A read stops (with an assertion) after this many pages: 2^31 pages of events is past any real
   * ledger.
   */
  readPagesMax: 2 ** 31,
  eventIdIndexEventsMaxDefault: eventIdIndexLimits.eventsMaxDefault,
  eventIdIndexEventsMaxMax: eventIdIndexLimits.eventsMaxMax,
} as const;
