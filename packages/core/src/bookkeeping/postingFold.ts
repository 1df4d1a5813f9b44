import { assert } from '../error.js';
import type { DomainEvent } from '../ledger/EventCatalog.js';
import { yearOf } from '../events/zodFields.js';
import { postEvent } from './bookkeepingCatalog.js';
import type { Chart } from './ChartOfAccounts.js';
import { assertBalanced, type Verifikation } from './Verifikation.js';

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

  /** Posts `event` and numbers its verifikationer. */
  post<Event extends DomainEvent>(event: Event, chart: Chart): PostedEvent<Event> {
    const drafts = postEvent(event, chart);
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
      const verifikation: Verifikation & { rättar?: string } = {
        ...draft,
        år,
        löpnummer,
        registrerad: event.metadata.recordedAt,
        registreradAv: event.metadata.recordedBy,
        eventId: event.eventId,
        eventType: event.type,
      };
      if (rättar !== undefined) verifikation.rättar = rättar;
      verifikationer.push(verifikation);
    }
    return { event, verifikationer };
  }

  /** The number the next verifikation of `år` would get. */
  next(år: number): number {
    return (this.lastByYear.get(år) ?? 0) + 1;
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
