import type { BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import type { PostedEvent } from '../bookkeeping/postingFold.js';
import type { Verifikation, VerifikationRad } from '../bookkeeping/Verifikation.js';
import { Money } from '../money/Money.js';

/**
 * What a footnoted report needs from the events folded so far (the state of
 * `footnoteEventsProjection`): every correction with the numbered verifikationer it was posted
 * as, and the latest historical figures of each year. Corrections are rare by nature, so the
 * checkpoint keeps them whole.
 */
export interface FootnoteEventsState {
  readonly corrections: PostedEvent<BookkeepingEvent>[];
  readonly historical: Map<number, BookkeepingEvent>;
}

type DecimalString = string;
type SerialisedRad = Omit<VerifikationRad, 'belopp'> & { readonly belopp: DecimalString };
type SerialisedVerifikation = Omit<Verifikation, 'rader'> & { readonly rader: SerialisedRad[] };

/** The serialised form: events as the plain JSON they decode to, money as decimal strings. */
export interface SerialisedFootnoteEvents {
  readonly corrections: {
    readonly event: BookkeepingEvent;
    readonly verifikationer: SerialisedVerifikation[];
  }[];
  readonly historical: [number, BookkeepingEvent][];
}

const serialiseVerifikation = (verifikation: Verifikation): SerialisedVerifikation => ({
  ...verifikation,
  rader: verifikation.rader.map((rad) => ({ ...rad, belopp: rad.belopp.toString() })),
});

const deserialiseVerifikation = (verifikation: SerialisedVerifikation): Verifikation => ({
  ...verifikation,
  rader: verifikation.rader.map((rad) => ({ ...rad, belopp: Money.fromSerialised(rad.belopp) })),
});

/** The footnote events as plain JSON (deterministic: the same state gives the same text). */
export const serialiseFootnoteEvents = (state: FootnoteEventsState): SerialisedFootnoteEvents => ({
  corrections: state.corrections.map((posted) => ({
    event: posted.event,
    verifikationer: posted.verifikationer.map(serialiseVerifikation),
  })),
  historical: [...state.historical],
});

/** The footnote events from their serialised form (money parsed back from decimal strings). */
export const deserialiseFootnoteEvents = (
  serialised: SerialisedFootnoteEvents,
): FootnoteEventsState => ({
  corrections: serialised.corrections.map((correction) => ({
    event: correction.event,
    verifikationer: correction.verifikationer.map(deserialiseVerifikation),
  })),
  historical: new Map(serialised.historical),
});
