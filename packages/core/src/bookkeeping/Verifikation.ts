import { assert } from '../error.js';
import { Money } from '../money/Money.js';

/** One line of a verifikation: an account and a signed amount (debet positive, kredit negative). */
export interface VerifikationRad {
  readonly konto: string;
  readonly belopp: Money;
}

/** A verifikation as a posting rule produces it, before it gets its number. */
export interface VerifikationDraft {
  /** When the transaction happened (`YYYY-MM-DD`); decides the year and series. */
  readonly datum: string;
  /** What it concerns. */
  readonly text: string;
  readonly motpart?: string;
  readonly rader: readonly VerifikationRad[];
  /** Closing entries (årets resultat, omföring) are marked so statements do not count them twice. */
  readonly bokslut?: 'årets-resultat' | 'omföring';
}

/**
 * A numbered, balanced journal entry (BFL 5 kap. 7 §): when it was made, when the
 * transaction happened, what it concerns, the amounts, the counterparty and a number.
 * It keeps the id of the event it came from, so every figure traces back to its event.
 */
export interface Verifikation extends VerifikationDraft {
  /** The financial year (= calendar year of `datum`). */
  readonly år: number;
  /** Sequence number within the year, from 1, without gaps. */
  readonly löpnummer: number;
  /** When it was recorded (the event's `recordedAt`). */
  readonly registrerad: string;
  readonly registreradAv: string;
  readonly eventId: string;
  readonly eventType: string;
  /** For a correction: the event it reverses. */
  readonly rättar?: string;
}

/** The label of a verifikation number, e.g. `2020-17`. */
export const verifikationsnummer = (verifikation: Pick<Verifikation, 'år' | 'löpnummer'>): string => `${verifikation.år}-${verifikation.löpnummer}`;

/** Σ debet − Σ kredit of the lines: zero for a balanced verifikation. */
export const imbalanceOf = (rader: readonly VerifikationRad[]): Money => Money.sum(rader.map((rad) => rad.belopp));

/** Asserts that a verifikation balances and has no zero lines; posting rules call it on every draft. */
export function assertBalanced(draft: VerifikationDraft): VerifikationDraft {
  assert(draft.rader.length >= 2, 'a verifikation has at least two lines', { text: draft.text });
  assert(imbalanceOf(draft.rader).isZero(), 'every verifikation balances (Σ debet = Σ kredit)', {
    text: draft.text,
    imbalance: imbalanceOf(draft.rader).toString(),
  });
  return draft;
}

/** A debet line. */
export const debet = (konto: string, belopp: Money): VerifikationRad => ({ konto, belopp });
/** A kredit line. */
export const kredit = (konto: string, belopp: Money): VerifikationRad => ({ konto, belopp: belopp.negated() });

/** Drops zero lines and merges lines on the same account, keeping first-seen order. */
export function compactRader(rader: readonly VerifikationRad[]): VerifikationRad[] {
  const byAccount = new Map<string, Money>();
  for (const rad of rader) byAccount.set(rad.konto, (byAccount.get(rad.konto) ?? Money.zero).plus(rad.belopp));
  return [...byAccount].filter(([, belopp]) => !belopp.isZero()).map(([konto, belopp]) => ({ konto, belopp }));
}
