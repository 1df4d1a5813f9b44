/**
 * The order in which a ledger's calls enter its recorder: the order they were started. A call
 * that records at once (`record`, `recordAll`) enters as it is started, unless a command started
 * before it is still reading the books (a year close sums the year, a correction reads its
 * original, a reversal reads the open item, each from what the calls before it left): then it
 * enters right after that command's own event. So a call started after a command is neither
 * seen by the command's read nor decided before the command's event, as when the calls run one
 * at a time; and a bulk load with no command in flight pays for no promise here.
 */
export class EntryOrder {
  /** Resolves once the last call that could not enter at once has entered; else undefined. */
  private last: Promise<void> | undefined = undefined;

  /**
   * Runs `enter`, which enters the recorder synchronously and gives what the call settles to, in
   * its turn.
   */
  now<Value>(enter: () => Promise<Value>): Promise<Value> {
    if (this.last === undefined) return enter();
    let settled: Promise<Value> | undefined;
    const entered = this.last.then(() => {
      // A call that throws as it enters settles to its error, and the calls after it still enter.
      try {
        settled = enter();
      } catch (error) {
        settled = Promise.reject(error);
      }
    });
    this.follow(entered);
    return entered.then(() => settled!);
  }

  /**
   * Runs `read` in its turn: it reads the books and then enters the recorder (synchronously, at
   * its end) with what it made of them, and gives what the call settles to. No call started
   * after it enters before it has.
   */
  afterRead<Value>(read: () => Promise<{ readonly settled: Promise<Value> }>): Promise<Value> {
    const entering = (this.last ?? Promise.resolve()).then(read);
    this.follow(entering.then(ignore, ignore));
    return entering.then(({ settled }) => settled);
  }

  /** Makes `entered` the last call to wait for, until it has entered. */
  private follow(entered: Promise<void>): void {
    this.last = entered;
    void entered.then(() => {
      if (this.last === entered) this.last = undefined;
    });
  }
}

const ignore = (): void => undefined;
