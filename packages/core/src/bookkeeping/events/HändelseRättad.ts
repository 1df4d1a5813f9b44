import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, freeText } from '../../events/zodFields.js';
import { defineBookkeepingEvent, type BookkeepingEventModule } from '../BookkeepingEventModule.js';
import type { Chart } from '../ChartOfAccounts.js';
import type { OpenItemEffect } from '../OpenItem.js';
import type { VerifikationDraft } from '../Verifikation.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The schema of a correction; `original` repeats the corrected event exactly as stored. */
export const händelseRättadSchema = z
  .object({
    /** The date of the correction: in the open year, as the law asks. */
    datum: calendarDate(),
    rättadEventId: z.string().regex(uuid, { error: 'must be the UUID of the corrected event' }),
    /** Why the correction is made, in a sentence. */
    orsak: freeText(),
    original: z
      .object({
        type: z.string().min(1),
        schemaVersion: z.number().int().min(1),
        data: z.record(z.string(), z.unknown()),
      })
      .strict(),
  })
  .strict();

/** The data of {@link HändelseRättad}. */
export type HändelseRättadData = z.output<typeof händelseRättadSchema>;

/**
 * Builds the correction event's module; it needs the other modules to reverse their
 * postings, so the catalog passes them in (see `bookkeepingCatalog`).
 *
 * A correction (rättelse) never changes what was recorded: it books the exact reverse
 * of the corrected event's verifikationer, dated in the open year, with who and when in
 * its metadata, and the original stays visible in the log. The correct fact, if any, is
 * then recorded as a new event. The ledger checks that `original` is the stored event,
 * that it was not corrected before, and that any open item it created is still untouched.
 */
export function defineHändelseRättad(modules: ReadonlyMap<string, BookkeepingEventModule>) {
  const originalModule = (type: string): BookkeepingEventModule => {
    const module = modules.get(type);
    if (!module) throw new Error(`HändelseRättad: ${type} is not a correctable bookkeeping event`);
    return module;
  };
  return defineBookkeepingEvent({
    definition: defineEvent({
      type: 'HändelseRättad',
      category: 'bokföring',
      schema: händelseRättadSchema,
      businessDate: (data) => data.datum,
      description:
        'A correction: books the exact reverse of an earlier event’s verifikationer in the open year, keeping the original visible; the right fact is then recorded anew.',
    }),
    post(data, chart: Chart): VerifikationDraft[] {
      return originalModule(data.original.type)
        .post(data.original.data, chart)
        .map((draft) => ({
          datum: data.datum,
          text: `Rättelse: ${draft.text}. ${data.orsak}`,
          ...(draft.motpart === undefined ? {} : { motpart: draft.motpart }),
          rader: draft.rader.map((rad) => ({ ...rad, belopp: rad.belopp.negated() })),
        }));
    },
    openItemEffects(data): OpenItemEffect[] {
      return originalModule(data.original.type)
        .openItemEffects(data.original.data)
        .map((effect) =>
          effect.effect === 'open'
            ? // An item the original opened must still be wholly open; an amount it added to an
              // existing item (a reopen, e.g. EgetKapitalRättat raising a debt) is taken back alone.
              {
                effect: 'settle',
                postId: effect.item.postId,
                belopp: effect.item.belopp,
                slag: [effect.item.slag],
                whole: effect.reopen !== true,
              }
            : {
                effect: 'open',
                datum: data.datum,
                item: {
                  postId: effect.postId,
                  slag: effect.slag[0]!,
                  belopp: effect.belopp,
                  text: 'Återöppnad genom rättelse',
                },
                reopen: true,
              },
        );
    },
  });
}
