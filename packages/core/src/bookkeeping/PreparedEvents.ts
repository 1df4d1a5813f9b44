import { bookkeepingModule, type BookkeepingEvent } from './bookkeepingCatalog.js';
import type { Chart } from './ChartOfAccounts.js';
import type { OpenItemEffect } from './OpenItem.js';
import type { VerifikationDraft } from './Verifikation.js';

/** An event's verifikation drafts and open-item effects, worked out once. */
export interface PreparedEvent {
  readonly drafts: readonly VerifikationDraft[];
  readonly effects: readonly OpenItemEffect[];
}

/** Posts an event and works out its open-item effects. */
export const prepareEvent = (chart: Chart, event: BookkeepingEvent): PreparedEvent => {
  const module = bookkeepingModule(event.type);
  return { drafts: module.post(event.data, chart), effects: module.openItemEffects(event.data) };
};

/**
 * What deciding each event works out, kept from the rules to the fold, so that recording posts
 * each event once, not twice. The batch a recorder checks (the events given to the decider's
 * `checkpoint`) is decided, annotated and evolved one event after another, in order: its events'
 * work is kept in a list, at a cursor that moves on as each is evolved, and found by comparing the
 * event with the one at the cursor (or with its annotated copy). Any other event's work is kept in
 * a `WeakMap` by the event until it is evolved; a map entry per event cost more than posting.
 */
export class PreparedEvents {
  private readonly byEvent = new WeakMap<BookkeepingEvent, PreparedEvent>();
  private batch: readonly BookkeepingEvent[] = [];
  private batchPrepared: (PreparedEvent | undefined)[] = [];
  private cursor = 0;
  /** The event at the cursor as `annotate` returned it: what is evolved. */
  private annotatedAtCursor: BookkeepingEvent | undefined;

  constructor(private readonly chart: Chart) {}

  /**
   * Starts a batch: prepares its events in order, up to the first that cannot be posted (a
   * correction of something that is no correctable event: the rules refuse that one before it is
   * evolved, so neither it nor anything after it changes the state), and returns their effects.
   */
  startBatch(events: readonly BookkeepingEvent[]): (readonly OpenItemEffect[])[] {
    this.batch = events;
    // Both lists made at the batch's length: pushed onto from empty, each was grown and copied
    // three times for a batch of a hundred. An event after one that cannot be posted is left
    // out of both, as before (`atCursor` prepares it if asked; the checkpoint saves no item of it).
    this.batchPrepared = new Array<PreparedEvent | undefined>(events.length);
    this.cursor = 0;
    this.annotatedAtCursor = undefined;
    const effects = new Array<readonly OpenItemEffect[]>(events.length);
    try {
      for (let index = 0; index < events.length; index += 1) {
        const prepared = prepareEvent(this.chart, events[index]!);
        this.batchPrepared[index] = prepared;
        effects[index] = prepared.effects;
      }
    } catch {
      // The rest of the batch is never evolved.
    }
    return effects;
  }

  /** The work of an event being decided or annotated, worked out on first asking. */
  of(event: BookkeepingEvent): PreparedEvent {
    if (this.isAtCursor(event)) return this.atCursor();
    let found = this.byEvent.get(event);
    if (found === undefined) {
      found = prepareEvent(this.chart, event);
      this.byEvent.set(event, found);
    }
    return found;
  }

  /** Keeps `event`'s work for its annotated copy, which is what is evolved. */
  annotated(event: BookkeepingEvent, annotated: BookkeepingEvent, prepared: PreparedEvent): void {
    if (this.isAtCursor(event)) this.annotatedAtCursor = annotated;
    else this.byEvent.set(annotated, prepared);
  }

  /** The work of an event being evolved, then forgotten; `undefined` when none was kept. */
  takeForEvolve(event: BookkeepingEvent): PreparedEvent | undefined {
    if (!this.isAtCursor(event)) {
      const found = this.byEvent.get(event);
      this.byEvent.delete(event);
      return found;
    }
    const found = this.atCursor();
    this.cursor += 1;
    this.annotatedAtCursor = undefined;
    // The whole batch is evolved: nothing of it is kept.
    if (this.cursor === this.batch.length) this.startBatch([]);
    return found;
  }

  private isAtCursor(event: BookkeepingEvent): boolean {
    return (
      this.cursor < this.batch.length &&
      (this.batch[this.cursor] === event || this.annotatedAtCursor === event)
    );
  }

  private atCursor(): PreparedEvent {
    let found = this.batchPrepared[this.cursor];
    if (found === undefined) {
      found = prepareEvent(this.chart, this.batch[this.cursor]!);
      this.batchPrepared[this.cursor] = found;
    }
    return found;
  }
}
