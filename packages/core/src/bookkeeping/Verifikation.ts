import { assert } from '../error.js';
import { Money } from '../money/Money.js';

/**
 * Where an income or cost line belongs, beyond its account (like SIE's objekt): the Not 2
 * placement of a cost (område, post, underpost, insats) or the Not 1 source of an income
 * (medlem and medlemskategori, intäktsslag, intäktspost). Only result-statement lines carry
 * dimensions; Not 1 and Not 2 are sums of lines by dimension, so they always add up to the
 * resultaträkning.
 */
export interface Dimensioner {
  readonly område?: string;
  readonly post?: string;
  readonly underpost?: string;
  readonly insats?: string;
  readonly medlem?: string;
  readonly medlemskategori?: string;
  readonly intäktsslag?: string;
  readonly intäktspost?: string;
}

/** The dimension names in their canonical order. */
export const dimensionNames = [
  'område',
  'post',
  'underpost',
  'insats',
  'medlem',
  'medlemskategori',
  'intäktsslag',
  'intäktspost',
] as const satisfies readonly (keyof Dimensioner)[];

/** Dimensions without undefined entries, in canonical order; `undefined` when there are none. */
export function dimensionerOf(values: {
  readonly [Name in keyof Dimensioner]?: string | undefined;
}): Dimensioner | undefined {
  const entries = dimensionNames
    .filter((name) => values[name] !== undefined)
    .map((name) => [name, values[name]!] as const);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as Dimensioner);
}

/** A stable text key of dimensions (canonical order), `''` for none. */
export function dimensionKey(dimensioner: Dimensioner | undefined): string {
  // `{}` (or only undefined entries) means no dimensions, like `undefined`: the same key, so such
  // lines merge.
  const entries =
    dimensioner === undefined
      ? []
      : dimensionNames
          .filter((name) => dimensioner[name] !== undefined)
          .map((name) => [name, dimensioner[name]]);
  return entries.length === 0 ? '' : JSON.stringify(entries);
}

/**
 * One line of a verifikation: an account and a signed amount (debet positive, kredit negative),
 * with its dimensions.
 */
export interface VerifikationRad {
  readonly konto: string;
  readonly belopp: Money;
  readonly dimensioner?: Dimensioner;
}

/** A verifikation as a posting rule produces it, before it gets its number. */
export interface VerifikationDraft {
  /** When the transaction happened (`YYYY-MM-DD`); decides the year and series. */
  readonly datum: string;
  /** What it concerns. */
  readonly text: string;
  readonly motpart?: string;
  readonly rader: readonly VerifikationRad[];
  /**
   * Closing entries (årets resultat, omföring) are marked so statements do not count them twice.
   */
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
export const verifikationsnummer = (verifikation: Pick<Verifikation, 'år' | 'löpnummer'>): string =>
  `${verifikation.år}-${verifikation.löpnummer}`;

/** Σ debet − Σ kredit of the lines: zero for a balanced verifikation. */
export const imbalanceOf = (rader: readonly VerifikationRad[]): Money =>
  Money.sum(rader.map((rad) => rad.belopp));

/**
 * Asserts that a verifikation balances and has no zero lines; posting rules call it on every draft.
 */
export function assertBalanced(draft: VerifikationDraft): VerifikationDraft {
  assert(draft.rader.length >= 2, 'a verifikation has at least two lines', { text: draft.text });
  assert(imbalanceOf(draft.rader).isZero(), 'every verifikation balances (Σ debet = Σ kredit)', {
    text: draft.text,
    imbalance: imbalanceOf(draft.rader).toString(),
  });
  return draft;
}

/** A debet line, with optional dimensions. */
export const debet = (
  konto: string,
  belopp: Money,
  dimensioner?: Dimensioner,
): VerifikationRad => ({ konto, belopp, ...(dimensioner === undefined ? {} : { dimensioner }) });
/** A kredit line, with optional dimensions. */
export const kredit = (
  konto: string,
  belopp: Money,
  dimensioner?: Dimensioner,
): VerifikationRad => ({
  konto,
  belopp: belopp.negated(),
  ...(dimensioner === undefined ? {} : { dimensioner }),
});

/**
 * Drops zero lines and merges lines on the same account and dimensions, keeping first-seen order.
 */
export function compactRader(rader: readonly VerifikationRad[]): VerifikationRad[] {
  const merged = new Map<string, VerifikationRad>();
  for (const rad of rader) {
    const key = `${rad.konto}|${dimensionKey(rad.dimensioner)}`;
    const previous = merged.get(key);
    merged.set(
      key,
      previous === undefined ? rad : { ...previous, belopp: previous.belopp.plus(rad.belopp) },
    );
  }
  return [...merged.values()].filter((rad) => !rad.belopp.isZero());
}
