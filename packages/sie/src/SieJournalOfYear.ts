import { Money, type Verifikation } from '@finsam-ledger/core';

/** The event type whose verifikation is written as `#IB`, not as a `#VER`. */
export const openingEventType = 'IngåendeBalansRegistrerad';

/**
 * What the SIE file of `year` needs of the journal, gathered one verifikation at a time, so
 * that an export holds two years of verifikationer instead of the books' whole history: the
 * verifikationer of `year` and the year before in full; of the years before those, only each
 * account's sum (their part of the opening balances) and the events that go on into the two
 * years (an event's open items travel with its first verifikation). Verifikationer after
 * `year` are left out.
 *
 * The verifikationer are added in the journal's order, where an event's verifikationer follow
 * one another (the ledger posts them together).
 */
export class SieJournalOfYear {
  /** The verifikationer of `year − 1` and `year`, in the journal's order. */
  readonly verifikationer: Verifikation[] = [];
  /** Each account's sum over the verifikationer before `year − 1`. */
  readonly earlierSums = new Map<string, Money>();
  /** The events with a verifikation before `year − 1` (not an opening balance) and one kept. */
  readonly continuedEventIds = new Set<string>();
  private earlierCount = 0;
  private lastEarlierEventId: string | undefined;
  private lastKeptEventId: string | undefined;

  constructor(readonly year: number) {}

  /** The journal of `year` gathered from `verifikationer`, in the journal's order. */
  static of(year: number, verifikationer: Iterable<Verifikation>): SieJournalOfYear {
    const journal = new SieJournalOfYear(year);
    for (const verifikation of verifikationer) journal.add(verifikation);
    return journal;
  }

  /** Takes the next verifikation of the journal. */
  add(verifikation: Verifikation): void {
    if (verifikation.år > this.year) return;
    if (verifikation.år >= this.year - 1) {
      // Only an earlier verifikation before the event's first kept one makes that one not first.
      const { eventId } = verifikation;
      if (eventId === this.lastEarlierEventId && eventId !== this.lastKeptEventId)
        this.continuedEventIds.add(eventId);
      this.lastKeptEventId = eventId;
      this.verifikationer.push(verifikation);
      return;
    }
    this.earlierCount += 1;
    if (verifikation.eventType !== openingEventType) this.lastEarlierEventId = verifikation.eventId;
    for (const rad of verifikation.rader)
      this.earlierSums.set(
        rad.konto,
        (this.earlierSums.get(rad.konto) ?? Money.zero).plus(rad.belopp),
      );
  }

  /** Whether the journal has a verifikation of a year before `year` (then the file has year −1). */
  hasEarlierYear(): boolean {
    return (
      this.earlierCount > 0 ||
      this.verifikationer.some((verifikation) => verifikation.år < this.year)
    );
  }
}
