import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { z } from 'zod';
import { ledgerError, type LedgerError } from '../../error.js';
import { defineEvent } from '../../events/defineEvent.js';
import { Money } from '../../money/Money.js';
import { eventFingerprint } from '../../store/appendRules.js';
import { calendarDate, freeText } from '../../events/zodFields.js';
import { defineBookkeepingEvent, type BookkeepingEventModule } from '../BookkeepingEventModule.js';
import { openItemStanding, type BookkeepingState } from '../BookkeepingState.js';
import type { Chart } from '../ChartOfAccounts.js';
import type { OpenItemEffect } from '../OpenItem.js';
import { refusal } from '../refusal.js';
import type { VerifikationDraft } from '../Verifikation.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The schema of a correction; `original` repeats the corrected event exactly as stored. */
export const händelseRättadSchema = z
  .object({
    /** The date of the correction: in the open year, as the law asks. */
    datum: calendarDate().describe(
      'The date of the correction, in the open year and not before the corrected event.',
    ),
    rättadEventId: z
      .string()
      .regex(uuid, { error: 'must be the UUID of the corrected event' })
      .describe(
        'The eventId of the event corrected (see finsam events or the verifikationslista).',
      ),
    /** Why the correction is made, in a sentence. */
    orsak: freeText().describe('Why the correction is made, in a sentence.'),
    original: z
      .object({
        type: z.string().min(1).describe("The corrected event's type, as stored."),
        schemaVersion: z
          .number()
          .int()
          .min(1)
          .describe("The corrected event's schemaVersion, as stored."),
        data: z
          .record(z.string(), z.unknown())
          .describe("The corrected event's data, every field exactly as stored."),
      })
      .strict()
      .describe(
        'The corrected event repeated exactly as stored (finsam events prints it): the ledger refuses a copy that differs.',
      ),
  })
  .strict();

/** The data of {@link HändelseRättad}. */
export type HändelseRättadData = z.output<typeof händelseRättadSchema>;

/**
 * Builds the correction event's module; it needs the other modules to reverse their
 * postings, so the catalog passes a look-up of the correctable ones (see `bookkeepingCatalog`).
 *
 * A correction (rättelse) never changes what was recorded: it books the exact reverse
 * of the corrected event's verifikationer, dated in the open year, with who and when in
 * its metadata, and the original stays visible in the log. The correct fact, if any, is
 * then recorded as a new event. The ledger checks that `original` is the stored event,
 * that it was not corrected before, and that any open item it created is still untouched.
 */
export function defineHändelseRättad(
  correctableModule: (type: string) => BookkeepingEventModule | undefined,
) {
  const originalModule = (type: string) => requireCorrectable(correctableModule, type);
  return defineBookkeepingEvent({
    definition: defineEvent({
      type: 'HändelseRättad',
      category: 'bokföring',
      schema: händelseRättadSchema,
      businessDate: (data) => data.datum,
      description:
        'A correction: books the exact reverse of an earlier event’s verifikationer in the open year, keeping the original visible; the right fact is then recorded anew.',
    }),
    fieldPaths: { amount: 'data.original.data' },
    reversesBooking: true,
    evolve: (state, { data }) => {
      state.correctedEventIds.add(data.rättadEventId);
    },
    check: (state, { data }) =>
      pipe(
        checkCorrectableType(correctableModule, data),
        E.chain(() => checkStoredOriginal(state, data)),
        E.chain(() => checkNotBeforeOriginal(data, originalModule)),
        E.chain(() => checkOpenedItemsUntouched(state, data, originalModule)),
      ),
    post: (data, chart: Chart): VerifikationDraft[] =>
      originalModule(data.original.type)
        .post(data.original.data, chart)
        .map((draft) => reversedDraft(draft, data)),
    openItemEffects: (data): OpenItemEffect[] =>
      originalModule(data.original.type)
        .openItemEffects(data.original.data)
        .map((effect) => reversedEffect(effect, data.datum)),
  });
}

// `check` refuses an original of another type before the decider posts it; only a stored
// event written past the rules (a hand-edited store) can get here, and is refused the same way.
function requireCorrectable(
  correctableModule: (type: string) => BookkeepingEventModule | undefined,
  type: string,
): BookkeepingEventModule {
  const module = correctableModule(type);
  if (module !== undefined) return module;
  throw ledgerError(
    'EVENT_NOT_CORRECTABLE',
    `HändelseRättad: ${type} is not a correctable bookkeeping event`,
    {
      issues: [
        {
          path: 'data.original.type',
          rule: 'correctable-event-type',
          message: `${type} is not a correctable event type`,
        },
      ],
      details: { type },
    },
  );
}

/** The original's verifikation with every line negated, dated and described as the correction. */
const reversedDraft = (draft: VerifikationDraft, data: HändelseRättadData): VerifikationDraft => ({
  datum: data.datum,
  text: `Rättelse: ${draft.text}. ${data.orsak}`,
  ...(draft.motpart === undefined ? {} : { motpart: draft.motpart }),
  rader: draft.rader.map((rad) => ({ ...rad, belopp: rad.belopp.negated() })),
});

/**
 * The reverse of one of the original's open-item effects. An item the original opened must
 * still be wholly open; an amount it added to an existing item (a reopen, e.g.
 * EgetKapitalRättat raising a debt) is taken back alone; what it settled is reopened.
 */
function reversedEffect(effect: OpenItemEffect, datum: string): OpenItemEffect {
  const path = `data.original.${effect.path ?? 'data.postId'}`;
  if (effect.effect === 'open')
    return {
      effect: 'settle',
      postId: effect.item.postId,
      belopp: effect.item.belopp,
      slag: [effect.item.slag],
      whole: effect.reopen !== true,
      path,
    };
  return {
    effect: 'open',
    datum,
    item: {
      postId: effect.postId,
      slag: effect.slag[0]!,
      belopp: effect.belopp,
      text: 'Återöppnad genom rättelse',
    },
    reopen: true,
    path,
  };
}

/** Only an ordinary booking is corrected; budgets and staffing are replaced in their own way. */
function checkCorrectableType(
  correctableModule: (type: string) => BookkeepingEventModule | undefined,
  data: HändelseRättadData,
): E.Either<LedgerError, void> {
  const type = data.original.type;
  if (correctableModule(type) !== undefined) return E.right(undefined);
  const instead =
    type === 'BudgetFastställd' || type === 'BudgetÄndrad'
      ? '; a budget is changed by an ändringsbeslut (BudgetÄndrad)'
      : type === 'PersonalresurserRegistrerade' || type === 'FörvaltningsberättelseRegistrerad'
        ? `; a new ${type} for the year replaces the earlier`
        : '';
  return refusal(
    'EVENT_NOT_CORRECTABLE',
    `${type} cannot be corrected with HändelseRättad${instead}`,
    {
      path: 'data.original.type',
      rule: 'correctable-event-type',
      message: `${type} is not a correctable event type${instead}`,
    },
    { eventId: data.rättadEventId, type },
  );
}

/** The corrected event is stored, not corrected before, and repeated exactly. */
function checkStoredOriginal(
  state: BookkeepingState,
  data: HändelseRättadData,
): E.Either<LedgerError, void> {
  const { rättadEventId, original } = data;
  const details = { eventId: rättadEventId };
  if (state.correctedEventIds.has(rättadEventId))
    return refusal(
      'EVENT_ALREADY_CORRECTED',
      `Event ${rättadEventId} was already corrected`,
      { path: 'data.rättadEventId', rule: 'corrected-once' },
      details,
    );
  const stored = state.correctableEvents.get(rättadEventId);
  if (!stored)
    return refusal(
      'EVENT_NOT_FOUND',
      `No correctable event ${rättadEventId} in these books (openings, closings and corrections are not corrected this way)`,
      { path: 'data.rättadEventId', rule: 'stored-correctable-event' },
      details,
    );
  if (eventFingerprint(original) !== stored.fingerprint)
    return refusal(
      'CORRECTION_MISMATCH',
      `The correction's copy of ${rättadEventId} differs from the stored event; repeat its type, schemaVersion and data exactly as stored, with the defaults the schema filled in (an omitted moms is stored as "0.00"); read it from the store (on the command line, \`finsam events --type ${original.type}\` prints it)`,
      {
        path: 'data.original',
        rule: 'repeats-stored-event',
        message: 'must repeat the stored event exactly, defaults included',
      },
      details,
    );
  return E.right(undefined);
}

/**
 * A correction is dated on or after the event it corrects: dated before it, the reverse would
 * land in a year (or on days) the original never touched, e.g. a cost mistyped as 2052 reversed
 * in 2025, where it takes 2025's real costs down while the 2052 one stays.
 */
function checkNotBeforeOriginal(
  data: HändelseRättadData,
  originalModule: (type: string) => BookkeepingEventModule,
): E.Either<LedgerError, void> {
  const originalDate = originalModule(data.original.type).definition.businessDate(
    data.original.data as never,
  );
  if (data.datum >= originalDate) return E.right(undefined);
  return refusal(
    'DATES_OUT_OF_ORDER',
    `The correction is dated ${data.datum}, before the event it corrects (${originalDate}); date it on or after ${originalDate}`,
    {
      path: 'data.datum',
      rule: 'on-or-after-original',
      message: `must be on or after the corrected event's date ${originalDate}`,
    },
    { datum: data.datum, originalDatum: originalDate },
  );
}

/**
 * An item the original opened is taken back by the correction: what was settled of it since
 * must be corrected first (the payment, say), or the correction would settle more than is open.
 */
function checkOpenedItemsUntouched(
  state: BookkeepingState,
  data: HändelseRättadData,
  originalModule: (type: string) => BookkeepingEventModule,
): E.Either<LedgerError, void> {
  for (const effect of originalModule(data.original.type).openItemEffects(data.original.data)) {
    if (effect.effect !== 'open') continue;
    const { postId } = effect.item;
    // An item settled before the state's checkpoint has nothing open: it was settled since.
    const open = openItemStanding(state, postId)?.öppet;
    if (open === undefined || Money.from(effect.item.belopp).compare(open) <= 0) continue;
    return refusal(
      'EVENT_NOT_CORRECTABLE',
      `${postId} has ${open.toString()} kr open; HändelseRättad would settle ${effect.item.belopp} kr (correct its settlements first)`,
      {
        path: 'data.rättadEventId',
        rule: 'settlements-corrected-first',
        message: `${postId} was settled since; correct its settlements first`,
      },
      { postId, open: open.toString(), settle: effect.item.belopp },
    );
  }
  return E.right(undefined);
}
