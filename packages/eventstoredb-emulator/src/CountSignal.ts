/**
 * Counts something the emulator did (append calls settled, proposed events received), so
 * that a test waits for the emulator to say a fault has played out instead of waiting on a
 * clock.
 */
export class CountSignal {
  private counted = 0;
  private readonly waiters: { count: number; resolve: () => void }[] = [];

  /** Counts one more. */
  add(): void {
    this.counted += 1;
    for (const waiter of [...this.waiters]) {
      if (this.counted >= waiter.count) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  /** Resolves once `count` in all have been counted. */
  whenCounted(count: number): Promise<void> {
    if (this.counted >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }
}
