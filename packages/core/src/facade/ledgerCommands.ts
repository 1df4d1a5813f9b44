import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { openItemStanding, type BookkeepingState } from '../bookkeeping/BookkeepingState.js';
import { händelseRättadSchema } from '../bookkeeping/events/HändelseRättad.js';
import { placementOf } from '../bookkeeping/OpenItem.js';
import { ledgerError, toLedgerError, type LedgerError } from '../error.js';
import { refusalOfData } from '../events/defineEvent.js';
import { Money } from '../money/Money.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import { decodeBookkeepingEvents } from '../statements/replayStatements.js';
import type { EventInput } from './EventInput.js';

/**
 * The events the ledger builds for its caller from what the books already hold: the
 * reversal of an open accrual, the correction of a stored event, the closing of a year.
 * Each returns the event's data; the ledger records it under the same rules as any other.
 */

const reversibleKinds = [
  'upplupen-intäkt',
  'förutbetald-kostnad',
  'upplupen-kostnad',
  'förutbetald-intäkt',
] as const;
type ReversibleKind = (typeof reversibleKinds)[number];
const isReversible = (slag: string): slag is ReversibleKind =>
  (reversibleKinds as readonly string[]).includes(slag);

/**
 * The reversal of the open accrual or prepayment `postId`, whole, with the item's own placement.
 * An item with nothing open (reversed already, or corrected away) is refused as such, alike
 * whether the state holds it in full or, settled before its checkpoint, only by id and kind.
 */
export function reversalEvent(
  state: BookkeepingState,
  postId: string,
  datum: string,
  text: string | undefined,
): E.Either<LedgerError, EventInput<'PeriodiseringÅterförd'>> {
  const standing = openItemStanding(state, postId);
  if (!standing)
    return E.left(
      ledgerError('OPEN_ITEM_NOT_FOUND', `No open item ${postId}`, {
        details: { postId },
        issues: [
          {
            path: 'data.postId',
            rule: 'open-item-exists',
            message: `${postId} is not an open item`,
          },
        ],
      }),
    );
  const slag = standing.slag;
  if (!isReversible(slag))
    return E.left(
      ledgerError('OPEN_ITEM_MISMATCH', `${postId} is a ${slag}, not an accrual or prepayment`, {
        details: { postId, slag },
        issues: [
          {
            path: 'data.postId',
            rule: 'reversible-kind',
            message: `${postId} is a ${slag}; only an accrual or a prepayment is reversed`,
          },
        ],
      }),
    );
  const item = state.openItems.get(postId);
  if (item === undefined || standing.öppet.isZero())
    return E.left(
      ledgerError(
        'SETTLEMENT_EXCEEDS_OPEN_AMOUNT',
        `${postId} has nothing open: it was reversed or corrected already`,
        {
          details: { postId, open: '0.00' },
          issues: [
            {
              path: 'data.postId',
              rule: 'has-open-amount',
              message: `${postId} has nothing open to reverse`,
            },
          ],
        },
      ),
    );
  return E.right({
    datum,
    postId,
    slag,
    belopp: item.öppetBelopp,
    text: text ?? `Återföring: ${item.text}`,
    ...placementOf(item),
  });
}

/** The caller's part of a correction: checked before the stream is searched for the original. */
const correctionRequestSchema = händelseRättadSchema.pick({
  datum: true,
  rättadEventId: true,
  orsak: true,
});

/**
 * The correction of the stored event `eventId`: its exact copy, to be booked in reverse on `datum`.
 * An id that is no UUID, a malformed date or an empty reason is refused as the schema refuses it,
 * without reading the stream: "no event abc" would send the caller looking for an event.
 */
export function correctionEvent(
  readStream: () => AsyncIterable<StoredEvent>,
  streamId: string,
  correction: { readonly eventId: string; readonly datum: string; readonly orsak: string },
): TE.TaskEither<LedgerError, EventInput<'HändelseRättad'>> {
  const { eventId, datum, orsak } = correction;
  const given = { datum, rättadEventId: eventId, orsak };
  const request = correctionRequestSchema.safeParse(given);
  if (!request.success) return TE.left(refusalOfData('HändelseRättad', request.error, given));
  return TE.tryCatch(
    async () => {
      for await (const original of decodeBookkeepingEvents(readStream())) {
        if (original.eventId !== eventId) continue;
        return {
          datum,
          rättadEventId: eventId,
          orsak,
          original: {
            type: original.type,
            schemaVersion: original.schemaVersion,
            data: original.data as Record<string, unknown>,
          },
        };
      }
      throw ledgerError('EVENT_NOT_FOUND', `No event ${eventId} in ${streamId}`, {
        details: { eventId },
        issues: [
          {
            path: 'data.rättadEventId',
            rule: 'stored-correctable-event',
            message: `no event ${eventId} in ${streamId}`,
          },
        ],
      });
    },
    (thrown) => toLedgerError(thrown),
  );
}

/** The closing of `år` with the result the write side has summed for it. */
export const closeYearEvent = (
  state: BookkeepingState,
  år: number,
  datum: string,
): EventInput<'RäkenskapsårStängt'> => ({
  år,
  datum,
  åretsResultat: (state.yearResults.get(år) ?? Money.zero).toString(),
});
