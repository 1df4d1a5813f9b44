import { assert, ledgerError } from '../error.js';
import type { DomainEvent } from '../ledger/EventCatalog.js';
import { yearOf } from '../events/zodFields.js';
import { firstStoredAtOf } from '../store/storedAt.js';
import { postEvent } from './bookkeepingCatalog.js';
import type { Chart } from './ChartOfAccounts.js';
import {
  assertBalanced,
  verifikationsnummer,
  type Verifikation,
  type VerifikationDraft,
} from './Verifikation.js';

/** An event with the numbered verifikationer it was posted as. */
export interface PostedEvent<Event extends DomainEvent = DomainEvent> {
  readonly event: Event;
  readonly verifikationer: readonly Verifikation[];
}

/** Limits of posting. */
export const postingLimits = { verifikationerPerYearMax: 9_999_999 } as const;

/**
 * The refusal of stored verifikation numbers that are not the ones the numbering gives: the
 * stream or the posting code changed, and a closed year is never silently renumbered.
 */
export function verifikationNumberMismatch(
  event: DomainEvent,
  stored: readonly string[],
  assigned: readonly string[],
) {
  return ledgerError(
    'VERIFIKATION_NUMBER_MISMATCH',
    `${event.type} ${event.eventId} was stored with verifikation numbers [${stored.join(', ')}], but the books number it [${assigned.join(', ')}]: an event before it was removed or added, or posting changed; stored numbers are never changed`,
    {
      issues: [
        {
          path: 'metadata.verifikationsnummer',
          rule: 'stored-numbers-continue',
          message: `must be [${assigned.join(', ')}]`,
        },
      ],
      details: { eventId: event.eventId, stored: [...stored], assigned: [...assigned] },
    },
  );
}

/**
 * True if `text` is the verifikation number of `år` and `löpnummer` (`2020-17`), read in place:
 * every event read or recorded carries its number, and comparing it built a string per event.
 * Numbers that are not whole and not negative are compared as the label they make.
 */
export function writesVerifikationsnummer(text: string, år: number, löpnummer: number): boolean {
  if (!isCountingNumber(år) || !isCountingNumber(löpnummer))
    return text === verifikationsnummer({ år, löpnummer });
  const dash = text.indexOf('-');
  return (
    dash !== -1 &&
    writesNumber(text, 0, dash, år) &&
    writesNumber(text, dash + 1, text.length, löpnummer)
  );
}

const isCountingNumber = (value: number): boolean => Number.isSafeInteger(value) && value >= 0;

/**
 * True if `text` from `start` to `end` is `value` in decimal digits, as `String(value)` writes it.
 */
function writesNumber(text: string, start: number, end: number, value: number): boolean {
  if (end - start < 1 || (end - start > 1 && text.charCodeAt(start) === 0x30)) return false;
  let read = 0;
  for (let index = start; index < end; index += 1) {
    const digit = text.charCodeAt(index) - 0x30;
    if (digit < 0 || digit > 9) return false;
    read = read * 10 + digit;
    if (read > value) return false;
  }
  return read === value;
}

/** The label `${år}-` of each year numbered so far: a year has at most four digits. */
const yearLabels = new Map<number, string>();

/**
 * {@link verifikationsnummer} of `år` and `löpnummer`, the same string: the year's label is kept,
 * so that the number of every event recorded is one concatenation onto it, not two.
 */
function numberLabel(år: number, löpnummer: number): string {
  let yearLabel = yearLabels.get(år);
  if (yearLabel === undefined) {
    yearLabel = `${år}-`;
    yearLabels.set(år, yearLabel);
  }
  return yearLabel + löpnummer;
}

const sameNumbers = (left: readonly string[], right: readonly string[]): boolean =>
  left.length === right.length && left.every((number, index) => number === right[index]);

/**
 * Numbers verifikationer: one series per financial year, from 1, in the order the events
 * were recorded, without gaps. The state is one counter per year, so memory does not grow
 * with the number of events. The ledger stores the numbers with each event when it is
 * recorded (`metadata.verifikationsnummer`); replay asserts them, so a change in posting code
 * can never renumber a closed year. Events recorded before numbers were stored are numbered
 * here, the same way.
 */
export class VerifikationNumbering {
  private readonly lastByYear = new Map<number, number>();

  /** The numbers the verifikationer of `drafts` get next, without taking them. */
  numbersFor(drafts: readonly VerifikationDraft[]): string[] {
    // Most events book one verifikation: its number needs no map of the numbers taken.
    if (drafts.length === 1) {
      const år = yearOf(drafts[0]!.datum);
      return [numberLabel(år, (this.lastByYear.get(år) ?? 0) + 1)];
    }
    const taken = new Map<number, number>();
    return drafts.map((draft) => {
      const år = yearOf(draft.datum);
      const löpnummer = (taken.get(år) ?? this.lastByYear.get(år) ?? 0) + 1;
      taken.set(år, löpnummer);
      return numberLabel(år, löpnummer);
    });
  }

  /**
   * Posts `event` (or takes its drafts, when they were already posted) and numbers its
   * verifikationer. Numbers stored with the event must be the ones it gets: otherwise
   * `VERIFIKATION_NUMBER_MISMATCH` is thrown and nothing is counted.
   */
  post<Event extends DomainEvent>(
    event: Event,
    chart: Chart,
    drafts: readonly VerifikationDraft[] = postEvent(event, chart),
  ): PostedEvent<Event> {
    this.checkStoredNumbers(event, drafts);
    // An event read back from a store carries the store's stamp (and a copied one the first
    // store's); one being recorded does not yet.
    const storedAt = firstStoredAtOf(event);
    const rättar =
      event.type === 'HändelseRättad'
        ? (event.data as { rättadEventId: string }).rättadEventId
        : undefined;
    // A plain loop and one object per verifikation: this runs for every event of every replay.
    const verifikationer: Verifikation[] = [];
    for (const draft of drafts) {
      const år = yearOf(draft.datum);
      const löpnummer = this.nextLöpnummer(draft, år);
      // `Object.assign`, not a spread: the same members in the same order, and more than ten
      // times faster on the drafts the posting rules build (a spread of an object built with
      // conditional spreads takes V8's slow path).
      const verifikation = Object.assign({}, draft) as {
        -readonly [Key in keyof Verifikation]: Verifikation[Key];
      };
      verifikation.år = år;
      verifikation.löpnummer = löpnummer;
      verifikation.registrerad = event.metadata.recordedAt;
      if (storedAt !== undefined) verifikation.storedAt = storedAt;
      verifikation.registreradAv = event.metadata.recordedBy;
      verifikation.eventId = event.eventId;
      verifikation.eventType = event.type;
      if (rättar !== undefined) verifikation.rättar = rättar;
      verifikationer.push(verifikation);
    }
    return { event, verifikationer };
  }

  /**
   * Numbers the verifikationer of `drafts` as {@link post} does (the numbers stored with `event`
   * checked, each draft asserted balanced, the counters advanced), without building them: the
   * write side's fold keeps balances, not verifikationer.
   */
  take(event: DomainEvent, drafts: readonly VerifikationDraft[]): void {
    this.checkStoredNumbers(event, drafts);
    for (let index = 0; index < drafts.length; index += 1)
      this.nextLöpnummer(drafts[index]!, yearOf(drafts[index]!.datum));
  }

  /** Asserts `draft` balanced and takes the next löpnummer of its year `år`. */
  private nextLöpnummer(draft: VerifikationDraft, år: number): number {
    assertBalanced(draft);
    const löpnummer = (this.lastByYear.get(år) ?? 0) + 1;
    assert(
      löpnummer <= postingLimits.verifikationerPerYearMax,
      'verifikationer per year within limit',
      { år },
    );
    this.lastByYear.set(år, löpnummer);
    return löpnummer;
  }

  /** Throws `VERIFIKATION_NUMBER_MISMATCH` when `event` carries numbers other than its next. */
  private checkStoredNumbers(event: DomainEvent, drafts: readonly VerifikationDraft[]): void {
    const stored = event.metadata.verifikationsnummer;
    if (stored === undefined) return;
    // Most events book one verifikation: its number is compared without a list of numbers.
    if (stored.length === 1 && drafts.length === 1) {
      const år = yearOf(drafts[0]!.datum);
      if (writesVerifikationsnummer(stored[0]!, år, this.next(år))) return;
    }
    const assigned = this.numbersFor(drafts);
    if (!sameNumbers(stored, assigned)) throw verifikationNumberMismatch(event, stored, assigned);
  }

  /** The number the next verifikation of `år` would get. */
  next(år: number): number {
    return (this.lastByYear.get(år) ?? 0) + 1;
  }

  /** The last number of each year, in first-numbered order (what a checkpoint saves). */
  entries(): [number, number][] {
    return [...this.lastByYear];
  }

  /** A numbering that continues from saved {@link entries} (a checkpoint's). */
  static fromEntries(entries: Iterable<readonly [number, number]>): VerifikationNumbering {
    const numbering = new VerifikationNumbering();
    for (const [år, last] of entries) numbering.lastByYear.set(år, last);
    return numbering;
  }

  /** Puts this numbering back to where `copy` (a {@link clone} of it) was. */
  restore(copy: VerifikationNumbering): void {
    this.lastByYear.clear();
    // `forEach`, not `for…of`: no [year, number] pair per year at every batch.
    copy.lastByYear.forEach((last, år) => this.lastByYear.set(år, last));
  }

  /** A copy, for deciding on a candidate without changing this one. */
  clone(): VerifikationNumbering {
    const copy = new VerifikationNumbering();
    this.lastByYear.forEach((last, år) => copy.lastByYear.set(år, last));
    return copy;
  }
}

/**
 * Turns a stream of bookkeeping events into posted events (with numbered verifikationer),
 * lazily: one event in, its verifikationer out, nothing kept but the counters. Events read after
 * a checkpoint continue from its `numbering`; the stream's first event starts from none.
 */
export async function* postEvents<Event extends DomainEvent>(
  events: AsyncIterable<Event> | Iterable<Event>,
  chart: Chart,
  numbering: VerifikationNumbering = new VerifikationNumbering(),
): AsyncGenerator<PostedEvent<Event>> {
  for await (const event of events) yield numbering.post(event, chart);
}
