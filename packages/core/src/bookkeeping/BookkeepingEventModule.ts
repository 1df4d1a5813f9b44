import type { EventDefinition } from '../events/defineEvent.js';
import type { Chart } from './ChartOfAccounts.js';
import type { OpenItemEffect } from './OpenItem.js';
import type { VerifikationDraft } from './Verifikation.js';

/**
 * Everything about one bookkeeping event, in one file: its definition (schema, business
 * date, meaning), its posting rule, and how it opens or settles open items.
 *
 * `post` is pure: the same data and chart always give the same balanced verifikationer.
 * It needs nothing but the event itself, so that replay holds no history in memory.
 */
export interface BookkeepingEventModule<Type extends string = string, Data = any, Input = unknown> {
  readonly definition: EventDefinition<Type, Data, Input>;
  post(data: Data, chart: Chart): readonly VerifikationDraft[];
  openItemEffects(data: Data): readonly OpenItemEffect[];
}

/** Declares a bookkeeping event module. */
export const defineBookkeepingEvent = <const Type extends string, Data, Input>(module: {
  definition: EventDefinition<Type, Data, Input>;
  post(data: Data, chart: Chart): readonly VerifikationDraft[];
  openItemEffects?(data: Data): readonly OpenItemEffect[];
}): BookkeepingEventModule<Type, Data, Input> => ({ openItemEffects: () => [], ...module });
