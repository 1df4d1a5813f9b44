import type {
  BookkeepingEventType,
  bookkeepingModules,
} from '../bookkeeping/bookkeepingCatalog.js';
import type { InputOf } from '../events/defineEvent.js';

/**
 * What a caller writes as the data of a bookkeeping event of `Type`: the input type of the
 * event's zod schema, so amounts are decimal strings (`"363333.00"`), dates `YYYY-MM-DD`,
 * and a misspelled field does not compile. The schema still validates the data when it is
 * recorded: the type helps the caller, the schema guards the books.
 */
export type EventInput<Type extends BookkeepingEventType> = InputOf<
  Extract<(typeof bookkeepingModules)[number]['definition'], { readonly type: Type }>
>;
