import type { DomainEvent } from '../ledger/EventCatalog.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import { placeOf, type AuditFinding } from './AuditFinding.js';
import { countText } from '../util/countText.js';

/** `2021-17` as its year and löpnummer. */
const numberParts = (label: string): [number, number] | undefined => {
  const match = /^(\d{4})-(\d+)$/.exec(label);
  return match === null ? undefined : [Number(match[1]), Number(match[2])];
};

/** Why a year's stored numbers run apart from the books'. */
type OffsetCause = 'lost' | 'added' | 'gap';

/** What the check carries for one year's numbers. */
interface YearNumbers {
  /** The highest löpnummer stored so far, and the event that carries it. */
  highest?: { readonly löpnummer: number; readonly stored: StoredEvent };
  /** The books' last löpnummer, as far as they kept it (a lost event gives its numbers back). */
  lastAssigned: number;
  /** The first event that moved the numbers apart, and why each move came. */
  firstCause?: StoredEvent;
  readonly causes: Set<OffsetCause>;
  /** Later events whose numbers only continue from the moved ones: summarised, not listed. */
  explained: number;
  /** The causes that had come before those events: what the summary names. */
  readonly explainedBy: Set<OffsetCause>;
}

type Report = (finding: AuditFinding) => void;

/**
 * The stored verifikation numbers against the ones the books give. Numbers are given once and
 * in store order, so a number not above every number stored before it in its year is a finding
 * of its own, always (`VERIFIKATION_NUMBER_OUT_OF_ORDER`, naming the event with the higher one).
 * Otherwise a stored number is expected to continue the year's stored numbers as the books
 * continue theirs: the books' number plus (highest stored − the books' last). An honest store
 * has the two equal throughout. An event whose number breaks that continuity is a finding where
 * it stands (a mismatch, out of order, stored without numbers, or one the books cannot hold,
 * which took its number when it was stored); the events after it that only continue from it are
 * summarised in one `VERIFIKATION_NUMBERS_SHIFTED` a year instead of one finding each. So every
 * removal, insertion or renumbering is a finding at the event where the continuity breaks, and
 * one event does not bury the rest of its year.
 */
export class StoredNumbers {
  private readonly years = new Map<number, YearNumbers>();

  /** Checks one event's stored numbers (if it has any) against the books' `folded` numbers. */
  check(event: DomainEvent, folded: DomainEvent, stored: StoredEvent, report: Report): void {
    const storedLabels = event.metadata.verifikationsnummer;
    if (storedLabels === undefined || storedLabels.length === 0) return;
    const assigned = folded.metadata.verifikationsnummer ?? [];
    const expected = assigned.map(this.continued);
    const notAbove = this.firstNotAbove(storedLabels);
    this.remember(storedLabels, assigned, stored);
    if (notAbove !== undefined) {
      report(outOfOrder(storedLabels, assigned, notAbove, stored));
      this.noteCause(assigned, stored, 'added');
    } else if (!sameLabels(storedLabels, expected)) {
      report(mismatch(storedLabels, assigned, expected, stored));
      this.noteCause(assigned, stored, 'gap');
    } else if (!sameLabels(expected, assigned)) {
      for (const year of yearsOf(assigned)) {
        const numbers = this.yearOf(year);
        numbers.explained += 1;
        for (const cause of numbers.causes) numbers.explainedBy.add(cause);
      }
    }
  }

  /** An event the books cannot hold: they give its numbers back, while the store keeps them. */
  lost(folded: DomainEvent, stored: StoredEvent): void {
    const labels = folded.metadata.verifikationsnummer ?? [];
    for (const label of labels) {
      const parts = numberParts(label);
      if (parts !== undefined) this.yearOf(parts[0]).lastAssigned -= 1;
    }
    this.noteCause(labels, stored, 'lost');
  }

  /** An event stored without the numbers the books give it: they take numbers the store lacks. */
  unnumbered(folded: DomainEvent, stored: StoredEvent): void {
    const labels = folded.metadata.verifikationsnummer ?? [];
    this.remember([], labels, stored);
    this.noteCause(labels, stored, 'added');
  }

  /** One finding a year for the later events whose numbers only continue the moved ones. */
  summarise(report: Report): void {
    for (const [year, numbers] of [...this.years].sort(([a], [b]) => a - b)) {
      if (numbers.explained === 0 || numbers.firstCause === undefined) continue;
      report(shiftedSummary(year, numbers));
    }
  }

  /** The stored number expected for a books' number: it continues the year's stored numbers. */
  private readonly continued = (label: string): string => {
    const parts = numberParts(label);
    if (parts === undefined) return label;
    const numbers = this.years.get(parts[0]);
    if (numbers === undefined) return label;
    // A year whose only events so far were stored without numbers has stored none: 0.
    const offset = (numbers.highest?.löpnummer ?? 0) - numbers.lastAssigned;
    return `${parts[0]}-${parts[1] + offset}`;
  };

  private yearOf(year: number): YearNumbers {
    let numbers = this.years.get(year);
    if (numbers === undefined) {
      numbers = { lastAssigned: 0, causes: new Set(), explained: 0, explainedBy: new Set() };
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

  /** Takes in an event's stored numbers (the highest per year) and the books' (the last). */
  private remember(
    storedLabels: readonly string[],
    assigned: readonly string[],
    stored: StoredEvent,
  ): void {
    for (const label of assigned) {
      const parts = numberParts(label);
      if (parts !== undefined) this.yearOf(parts[0]).lastAssigned = parts[1];
    }
    for (const label of storedLabels) {
      const parts = numberParts(label);
      if (parts === undefined) continue;
      const numbers = this.yearOf(parts[0]);
      if (numbers.highest === undefined || parts[1] > numbers.highest.löpnummer)
        numbers.highest = { löpnummer: parts[1], stored };
    }
  }

  private noteCause(labels: readonly string[], stored: StoredEvent, cause: OffsetCause): void {
    for (const year of yearsOf(labels)) {
      const numbers = this.yearOf(year);
      numbers.firstCause ??= stored;
      numbers.causes.add(cause);
    }
  }
}

/** The years of a list of labels, each once. */
const yearsOf = (labels: readonly string[]): Set<number> =>
  new Set(labels.flatMap((label) => numberParts(label)?.slice(0, 1) ?? []));

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
  // Which of its numbers is out of order, when the event has several.
  const which =
    storedLabels.length > 1
      ? `: ${notAbove.label} is not above ${earlier}, which`
      : `, but ${earlier}`;
  return {
    kind: 'numbering',
    code: 'VERIFIKATION_NUMBER_OUT_OF_ORDER',
    message: `the event was stored with verifikation numbers ${list(storedLabels)}${which} was stored before it, with the event at position ${highest.stored.globalPosition} (${highest.stored.type} ${highest.stored.eventId}): numbers are given once and in order, so an event was added before it, or this one was renumbered or moved; the books number it ${list(assigned)}`,
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
    ...(numbers.explainedBy.has('lost') ? ['count the events the books could not hold'] : []),
    ...(numbers.explainedBy.has('added')
      ? [
          'leave out the events before them whose stored numbers were not new (each its own finding)',
        ]
      : []),
    ...(numbers.explainedBy.has('gap')
      ? ["continue from a stored number that differs from the books' (its own finding)"]
      : []),
  ].join(' and ');
  const count = numbers.explained;
  const events = countText(count, 'later event', 'later events');
  const carry = count === 1 ? 'carries' : 'carry';
  return {
    kind: 'numbering',
    code: 'VERIFIKATION_NUMBERS_SHIFTED',
    message: `${events} of ${year} after this one ${carry} verifikation numbers that ${reasons}: each is the books' number moved by those, as expected, so they are not listed one by one`,
    ...placeOf(numbers.firstCause!),
  };
}
