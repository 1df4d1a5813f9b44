import type { DomainEvent } from '../ledger/EventCatalog.js';
import { eventFingerprint } from '../store/appendRules.js';

/**
 * A correctable event as the write-side rules know it: its type, and the fingerprint of its
 * content (type, schema version, data) that a correction's copy of it must match. The
 * fingerprint is worked out when a correction first asks for it, not when the event is folded:
 * most events are never corrected, and serialising each one's data in canonical form was the
 * largest single cost of folding an event. Until then the event's data is kept (it is immutable,
 * and about the size of its fingerprint); after, only the fingerprint.
 */
export class CorrectableEvent {
  // The event's content, kept in this object's own fields (one object per event, not two) until
  // its fingerprint is asked for.
  private schemaVersion: number;
  private data: unknown;
  private computed: string | undefined;

  constructor(event: Pick<DomainEvent, 'type' | 'schemaVersion' | 'data'>) {
    this.type = event.type;
    this.schemaVersion = event.schemaVersion;
    this.data = event.data;
  }

  /** The event's type. */
  readonly type: string;

  /** The canonical fingerprint of the event's content (`eventFingerprint`). */
  get fingerprint(): string {
    if (this.computed === undefined) {
      this.computed = eventFingerprint({
        type: this.type,
        schemaVersion: this.schemaVersion,
        data: this.data,
      });
      this.data = undefined;
    }
    return this.computed;
  }
}
