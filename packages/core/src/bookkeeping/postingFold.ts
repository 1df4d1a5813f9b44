import { assert } from '../error.js';
import type { DomainEvent } from '../ledger/EventCatalog.js';
import { yearOf } from '../events/zodFields.js';
import { postEvent } from './bookkeepingCatalog.js';
import type { Chart } from './ChartOfAccounts.js';
import { assertBalanced, type Verifikation, type VerifikationDraft } from './Verifikation.js';

/** An event with the numbered verifikationer it was posted as. */
export interface PostedEvent<Event extends DomainEvent = DomainEvent> {
  readonly event: Event;
  readonly verifikationer: readonly Verifikation[];
}

/** Limits of posting. */
export const postingLimits = { verifikationerPerYearMax: 9_999_999 } as const;

/**
 * Numbers verifikationer: one series per financial year, from 1, in the order the events
 * were recorded, without gaps. The state is one counter per year, so memory does not grow
 * with the number of events. Because the log is append-only, a verifikation keeps its
 * number in every replay.
 */
export class VerifikationNumbering {
  private readonly lastByYear = new Map<number, number>();

  /** Posts `event` (or takes its drafts, when they were already posted) and numbers them. */
  post<Event extends DomainEvent>(
    event: Event,
    chart: Chart,
    drafts: readonly VerifikationDraft[] = postEvent(event, chart),
  ): PostedEvent<Event> {
    const rättar =
      event.type === 'HändelseRättad'
        ? (event.data as { rättadEventId: string }).rättadEventId
        : undefined;
    // A plain loop and one object per verifikation: this runs for every event of every replay.
    const verifikationer: Verifikation[] = [];
    for (const draft of drafts) {
      assertBalanced(draft);
      const år = yearOf(draft.datum);
      const löpnummer = (this.lastByYear.get(år) ?? 0) + 1;
      assert(
        löpnummer <= postingLimits.verifikationerPerYearMax,
        'verifikationer per year within limit',
        { år },
      );
      this.lastByYear.set(år, löpnummer);
      // `Object.assign`, not a spread: the same members in the same order, and more than ten
      // times faster on the drafts the posting rules build (a spread of an object built with
      // conditional spreads takes V8's slow path).
      const verifikation = Object.assign({}, draft) as {
        -readonly [Key in keyof Verifikation]: Verifikation[Key];
      };
      verifikation.år = år;
      verifikation.löpnummer = löpnummer;
      verifikation.registrerad = event.metadata.recordedAt;
      verifikation.registreradAv = event.metadata.recordedBy;
      verifikation.eventId = event.eventId;
      verifikation.eventType = event.type;
      if (rättar !== undefined) verifikation.rättar = rättar;
      verifikationer.push(verifikation);
    }
    return { event, verifikationer };
  }

  /** The number the next verifikation of `år` would get. */
  next(år: number): number {
    return (this.lastByYear.get(år) ?? 0) + 1;
  }

  /** Puts this numbering back to where `copy` (a {@link clone} of it) was. */
  restore(copy: VerifikationNumbering): void {
    this.lastByYear.clear();
    for (const [år, last] of copy.lastByYear) this.lastByYear.set(år, last);
  }

  /** A copy, for deciding on a candidate without changing this one. */
  clone(): VerifikationNumbering {
    const copy = new VerifikationNumbering();
    for (const [år, last] of this.lastByYear) copy.lastByYear.set(år, last);
    return copy;
  }
}

/**
 * Turns a stream of bookkeeping events into posted events (with numbered verifikationer),
 * lazily: one event in, its verifikationer out, nothing kept but the counters.
 */
export async function* postEvents<Event extends DomainEvent>(
  events: AsyncIterable<Event> | Iterable<Event>,
  chart: Chart,
): AsyncGenerator<PostedEvent<Event>> {
  const numbering = new VerifikationNumbering();
  for await (const event of events) yield numbering.post(event, chart);
}
