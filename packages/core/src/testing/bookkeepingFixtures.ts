import * as E from 'fp-ts/Either';
import { bookkeepingCatalog, type BookkeepingEvent, type BookkeepingEventType } from '../bookkeeping/bookkeepingCatalog.js';
import type { EventMetadata } from '../store/EventEnvelope.js';

/** Metadata for test events. */
export const testMetadata: EventMetadata = { recordedAt: '2021-01-10T09:00:00.000Z', recordedBy: 'test' };

/** Builds a valid bookkeeping event or throws with the validation message: for tests. */
export function bookkeepingEvent<Type extends BookkeepingEventType>(type: Type, data: unknown, eventId?: string): Extract<BookkeepingEvent, { type: Type }> {
  const created = bookkeepingCatalog.create(type, data, { metadata: testMetadata, ...(eventId === undefined ? {} : { eventId }) });
  if (E.isLeft(created)) throw created.left;
  return created.right as Extract<BookkeepingEvent, { type: Type }>;
}
