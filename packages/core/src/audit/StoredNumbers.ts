import type { DomainEvent } from '../ledger/EventCatalog.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import { placeOf, type AuditFinding } from './AuditFinding.js';

/** `2021-17` as its year and löpnummer. */
const numberParts = (label: string): [number, number] | undefined => {
  const match = /^(\d{4})-(\d+)$/.exec(label);
  return match === null ? undefined : [Number(match[1]), Number(match[2])];
};

/** Why a year's stored numbers run apart from the books'. */
type OffsetCause = 'lost' | 'extra';

/** What the check carries for one year's numbers. */
interface YearNumbers {
  /** Stored löpnummer minus the books' löpnummer that later events are expected to show. */
  offset: number;
  /** The highest löpnummer stored so far, and the event that carries it. */
  highest?: { readonly löpnummer: number; readonly stored: StoredEvent };
  /** The first event that moved the offset, and why it moved. */
  firstCause?: { readonly stored: StoredEvent; readonly cause: OffsetCause };
  readonly causes: Set<OffsetCause>;
  /** Later events whose numbers only show the offset: summarised, not listed. */
  explained: number;
}

type Report = (finding: AuditFinding) => void;

/**
 * The stored verifikation numbers against the ones the books give. Numbers are given once and
 * in store order, so a number not above every number stored before it in its year is a finding
 * of its own, always. Two kinds of event move every later number of their years, and each is a
 * finding where it stands, so the numbers after it that only show the move are summarised in one
 * finding a year instead of one each:
 * - an event the books cannot hold (the rules refuse it and its fold fails) took its numbers when
 *   it was stored, so later stored numbers run that many above the books';
 * - an event whose numbers are not new (they repeat or go back on the numbers stored before it),
 *   or that carries none where the events before it carry theirs, takes numbers in the books
 *   that no stored number gives up, so later stored numbers run that many below the books'.
 *   Whether it or the event before it was added cannot be told from the numbers; the finding
 *   names both.
 *
 * Any other difference (an event removed or renumbered) is reported at every event it touches:
 * an offset is never taken from a mismatch alone, which would let a renumbered event pass.
 */
export class StoredNumbers {
  private readonly years = new Map<number, YearNumbers>();

  /** Checks one event's stored numbers (if it has any) against the books' `folded` numbers. */
  check(event: DomainEvent, folded: DomainEvent, stored: StoredEvent, report: Report): void {
    const storedLabels = event.metadata.verifikationsnummer;
    if (storedLabels === undefined) return;
    const assigned = folded.metadata.verifikationsnummer ?? [];
    const notAbove = this.firstNotAbove(storedLabels);
    this.remember(storedLabels, stored);
    if (notAbove !== undefined) {
      report(outOfOrder(storedLabels, assigned, notAbove, stored));
      // Its numbers are not new ones: it takes numbers in the books that no stored event gives up.
      this.shift(assigned, -1, stored, 'extra');
      return;
    }
    if (sameLabels(storedLabels, assigned)) return;
    const expected = assigned.map(this.withOffset);
    if (sameLabels(storedLabels, expected)) {
      this.yearOf(numberParts(storedLabels[0]!)![0]).explained += 1;
      return;
    }
    report(mismatch(storedLabels, assigned, expected, stored));
  }

  /** An event the books cannot hold: its numbers were taken, so later ones run above the books'. */
  lost(folded: DomainEvent, stored: StoredEvent): void {
    this.shift(folded.metadata.verifikationsnummer ?? [], +1, stored, 'lost');
  }

  /** An event stored without numbers the books give it: later ones run below the books'. */
  unnumbered(folded: DomainEvent, stored: StoredEvent): void {
    this.shift(folded.metadata.verifikationsnummer ?? [], -1, stored, 'extra');
  }

  /** One finding a year for the later events whose numbers only show that year's offset. */
  summarise(report: Report): void {
    for (const [year, numbers] of [...this.years].sort(([a], [b]) => a - b)) {
      if (numbers.explained === 0 || numbers.firstCause === undefined) continue;
      report(shiftedSummary(year, numbers));
    }
  }

  private readonly withOffset = (label: string): string => {
    const parts = numberParts(label);
    if (parts === undefined) return label;
    return `${parts[0]}-${parts[1] + (this.years.get(parts[0])?.offset ?? 0)}`;
  };

  private yearOf(year: number): YearNumbers {
    let numbers = this.years.get(year);
    if (numbers === undefined) {
      numbers = { offset: 0, causes: new Set(), explained: 0 };
      this.years.set(year, numbers);
    }
    return numbers;
  }

  /** The first stored label not above the highest stored before it in its year, with that. */
  private firstNotAbove(labels: readonly string[]) {
    for (const label of labels) {
      const parts = numberParts(label);
      const highest = parts && this.years.get(parts[0])?.highest;
      if (parts !== undefined && highest !== undefined && parts[1] <= highest.löpnummer)
        return { label, year: parts[0], highest };
    }
    return undefined;
  }

  private remember(labels: readonly string[], stored: StoredEvent): void {
    for (const label of labels) {
      const parts = numberParts(label);
      if (parts === undefined) continue;
      const numbers = this.yearOf(parts[0]);
      if (numbers.highest === undefined || parts[1] > numbers.highest.löpnummer)
        numbers.highest = { löpnummer: parts[1], stored };
    }
  }

  private shift(labels: readonly string[], step: number, stored: StoredEvent, cause: OffsetCause) {
    for (const label of labels) {
      const parts = numberParts(label);
      if (parts === undefined) continue;
      const numbers = this.yearOf(parts[0]);
      numbers.offset += step;
      this.noteCause(numbers, stored, cause);
    }
  }

  private noteCause(numbers: YearNumbers, stored: StoredEvent, cause: OffsetCause): void {
    numbers.firstCause ??= { stored, cause };
    numbers.causes.add(cause);
  }
}

const sameLabels = (left: readonly string[], right: readonly string[]): boolean =>
  left.length === right.length && left.every((label, index) => label === right[index]);

const list = (labels: readonly string[]): string => `[${labels.join(', ')}]`;

function outOfOrder(
  storedLabels: readonly string[],
  assigned: readonly string[],
  notAbove: { label: string; year: number; highest: { löpnummer: number; stored: StoredEvent } },
  stored: StoredEvent,
): AuditFinding {
  const { highest } = notAbove;
  const earlier = `${notAbove.year}-${highest.löpnummer}`;
  return {
    kind: 'numbering',
    code: 'VERIFIKATION_NUMBER_OUT_OF_ORDER',
    message: `the event was stored with verifikation numbers ${list(storedLabels)}, but ${earlier} was stored before it, with the event at position ${highest.stored.globalPosition} (${highest.stored.type} ${highest.stored.eventId}): numbers are given once and in order, so an event was added before it, or this one was renumbered or moved; the books number it ${list(assigned)}`,
    ...placeOf(stored),
  };
}

function mismatch(
  storedLabels: readonly string[],
  assigned: readonly string[],
  expected: readonly string[],
  stored: StoredEvent,
): AuditFinding {
  const withOffset = sameLabels(expected, assigned)
    ? ''
    : ` (${list(expected)} with the numbers moved by the events found before it)`;
  return {
    kind: 'numbering',
    code: 'VERIFIKATION_NUMBER_MISMATCH',
    message: `the event was stored with verifikation numbers ${list(storedLabels)}, but the books number it ${list(assigned)}${withOffset}: an event before it was removed or added, or posting changed; stored numbers are never changed`,
    ...placeOf(stored),
  };
}

function shiftedSummary(year: number, numbers: YearNumbers): AuditFinding {
  const reasons = [
    ...(numbers.causes.has('lost') ? ['count the events the books could not hold'] : []),
    ...(numbers.causes.has('extra')
      ? [
          'leave out the events before them whose stored numbers were not new (each its own finding)',
        ]
      : []),
  ].join(' and ');
  const count = numbers.explained;
  const events = count === 1 ? '1 later event' : `${count} later events`;
  const carry = count === 1 ? 'carries' : 'carry';
  return {
    kind: 'numbering',
    code: 'VERIFIKATION_NUMBERS_SHIFTED',
    message: `${events} of ${year} after this one ${carry} verifikation numbers that ${reasons}: each is the books' number moved by those, as expected, so they are not listed one by one`,
    ...placeOf(numbers.firstCause!.stored),
  };
}
