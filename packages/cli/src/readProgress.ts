import ora, { type Ora } from 'ora';
import type { EventStore, StoredEvent } from '@finsam-ledger/core';

/** How often the spinner's text is redrawn, in events: often enough to move, cheap enough. */
const eventsPerRedraw = 1_000;

/** A progress indicator over a replay: started and stopped around a command's reads. */
export interface ReadProgress {
  /** The store, with every event read through it counted. */
  readonly store: EventStore;
  /** Clears the indicator; call before printing the result. */
  stop(): void;
}

async function* counted(
  events: AsyncIterable<StoredEvent>,
  onEvent: () => void,
): AsyncGenerator<StoredEvent> {
  for await (const event of events) {
    onEvent();
    yield event;
  }
}

/**
 * Wraps `store` so that a replay shows a spinner with the number of events read on
 * stderr. The store gives no total in advance (a stream's length is known only at its
 * end), so a count with a spinner is the honest indicator, not a percentage bar. Nothing
 * is drawn when stderr is not a terminal (a pipe, a file, CI: ora's own test), so scripts
 * and tests see no progress output at all.
 */
export function withReadProgress(store: EventStore, label: string): ReadProgress {
  let eventsRead = 0;
  let spinner: Ora | undefined;
  let disabled = false;
  const onEvent = () => {
    eventsRead += 1;
    if (disabled || eventsRead % eventsPerRedraw !== 0) return;
    if (spinner === undefined) {
      const created = ora({ text: label, stream: process.stderr, discardStdin: false });
      // A disabled spinner would still print its text once on start: not starting it keeps
      // stderr clean for scripts.
      // A terminal reporting zero columns (some pseudo-terminals) would make ora's line
      // arithmetic spin; such a terminal gets no indicator either.
      disabled = !created.isEnabled || (process.stderr.columns ?? 0) <= 0;
      if (disabled) return;
      spinner = created.start();
    }
    spinner.text = `${label}: ${eventsRead.toLocaleString('sv-SE')} events read`;
  };
  return {
    store: {
      // The store's checkpoints, watch and subscription pass through: the spinner only counts
      // what is read.
      ...('checkpoints' in store ? { checkpoints: store.checkpoints } : {}),
      ...('watch' in store ? { watch: store.watch } : {}),
      ...('subscribeToStream' in store ? { subscribeToStream: store.subscribeToStream } : {}),
      appendToStream: (streamId, events, options) =>
        store.appendToStream(streamId, events, options),
      readStream: (streamId, options) => counted(store.readStream(streamId, options), onEvent),
      readAll: (options) => counted(store.readAll(options), onEvent),
      close: () => store.close(),
    },
    stop: () => spinner?.stop(),
  };
}
