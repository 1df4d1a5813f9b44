import type { EventStore } from '../store/EventStore.js';
import { findStoredEvents } from '../store/findStoredEvent.js';
import type { Verifikationslista, VerifikationslistaPost } from './Verifikationslista.js';

/**
 * `list` with `rättarVerifikationer` also for its corrections of events of earlier years: the
 * numbers the ledger stored with the corrected event (`metadata.verifikationsnummer`), looked up
 * in `streamId` of `store`. A year's list finds the numbers of its own year's events as it
 * replays; an earlier year's would cost it every earlier event's id and numbers in memory, while
 * a correction names one event, found here by its id. A corrected event stored without numbers
 * (recorded before the ledger stored them) keeps only its id.
 */
export async function withEarlierCorrectedNumbers(
  list: Verifikationslista,
  store: EventStore,
  streamId: string,
): Promise<Verifikationslista> {
  const unnumbered = new Set(
    list.verifikationer.flatMap((post) =>
      post.rättar !== undefined && post.rättarVerifikationer === undefined ? [post.rättar] : [],
    ),
  );
  if (unnumbered.size === 0) return list;
  const numbersById = new Map<string, readonly string[]>();
  for (const stored of await findStoredEvents(store, streamId, unnumbered)) {
    const numbers = stored.metadata.verifikationsnummer;
    if (numbers !== undefined && numbers.length > 0) numbersById.set(stored.eventId, numbers);
  }
  const numbered = (post: VerifikationslistaPost): VerifikationslistaPost => {
    const numbers = post.rättar === undefined ? undefined : numbersById.get(post.rättar);
    return numbers === undefined || post.rättarVerifikationer !== undefined
      ? post
      : { ...post, rättarVerifikationer: numbers };
  };
  return { ...list, verifikationer: list.verifikationer.map(numbered) };
}
