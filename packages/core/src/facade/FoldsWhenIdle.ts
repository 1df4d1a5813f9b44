/**
 * Runs the checkpoints' fold once the writer is idle after a close: when no record is in flight
 * at the next turn of the event loop after one ended. A bulk load (ten years of closes in
 * batches, one after another) then folds once at its end instead of once per close, each fold
 * re-reading the events since the last checkpoint while the load goes on: that halved the
 * batched appends' throughput. A writer that never pauses still folds once
 * {@link FoldsWhenIdle.foldAfterEventsMax} events have been recorded since the close, so the
 * checkpoints are never further behind than that. The folds run one at a time; a close stored
 * while one runs starts another after it, since it may come after what the first read.
 */
export class FoldsWhenIdle {
  /** Events recorded after a close before the fold runs even though the writer never paused. */
  static readonly foldAfterEventsMax = 100_000;
  private recordsInFlight = 0;
  private eventsSinceDue = 0;
  private due = false;
  private finished: (() => void) | undefined;
  private running = false;

  constructor(
    private readonly foldOnce: () => Promise<void>,
    private readonly keepOpenFor: (work: Promise<void>) => void,
  ) {}

  /** A record started: the fold waits while any record is in flight. */
  recordStarted(): void {
    this.recordsInFlight += 1;
  }

  /**
   * Every record that started ends here, acknowledged or refused, so that a due fold never
   * waits forever.
   */
  recordEnded(kind: 'close' | 'other', eventCount: number): void {
    this.recordsInFlight -= 1;
    if (kind === 'close' && !this.due) {
      this.due = true;
      this.eventsSinceDue = 0;
      // The store's close waits for this promise, so the fold runs before the store closes even
      // when the store is closed right after the year.
      this.keepOpenFor(new Promise<void>((resolve) => (this.finished = resolve)));
    } else if (this.due) this.eventsSinceDue += eventCount;
    if (!this.due || this.running) return;
    setImmediate(() => {
      if (this.running || !this.due) return;
      const busy = this.recordsInFlight > 0;
      if (busy && this.eventsSinceDue < FoldsWhenIdle.foldAfterEventsMax) return;
      void this.foldWhileDue();
    });
  }

  private async foldWhileDue(): Promise<void> {
    this.running = true;
    while (this.due) {
      this.due = false;
      const finished = this.finished;
      this.finished = undefined;
      await this.foldOnce();
      finished?.();
    }
    this.running = false;
  }
}
