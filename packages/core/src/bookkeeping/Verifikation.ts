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
  // Every posted cost and income line calls this: one object, no intermediate arrays.
  let dimensioner: Record<string, string> | undefined;
  for (const name of dimensionNames) {
    const value = values[name];
    if (value === undefined) continue;
    dimensioner ??= {};
    dimensioner[name] = value;
  }
  return dimensioner as Dimensioner | undefined;
}

/**
 * {@link dimensionerOf} of a cost's placement (område and post, optionally underpost and insats):
 * the same members in the same order, read by name. Every cost recorded is posted with it, and
 * the general loop read all eight dimension names by a computed key (a lookup each, four of them
 * of members a cost never has).
 */
export function costDimensionerOf(placement: {
  readonly område: string;
  readonly post: string;
  readonly underpost?: string | undefined;
  readonly insats?: string | undefined;
}): Dimensioner {
  const { område, post, underpost, insats } = placement;
  if (underpost === undefined)
    return insats === undefined ? { område, post } : { område, post, insats };
  return insats === undefined ? { område, post, underpost } : { område, post, underpost, insats };
}

/** A stable text key of dimensions (canonical order), `''` for none. */
export function dimensionKey(dimensioner: Dimensioner | undefined): string {
  if (dimensioner === undefined) return '';
  // The JSON of the [name, value] pairs, built without the pairs: `{}` (or only undefined entries)
  // means no dimensions, like `undefined`, the same key, so such lines merge.
  let key = '';
  for (const name of dimensionNames) {
    const value = dimensioner[name];
    if (value === undefined) continue;
    key += `${key === '' ? '[' : ','}["${name}",${JSON.stringify(value)}]`;
  }
  // (A WeakMap of keys by object was tried: its upkeep cost more than building the key again.)
  return key === '' ? '' : `${key}]`;
}

/**
 * One line of a verifikation: an account and a signed amount (debet positive, kredit negative),
 * with its dimensions.
 */
export interface VerifikationRad {
  readonly konto: string;
  readonly belopp: Money;
  readonly dimensioner?: Dimensioner;
  /**
   * The line's own text, where it says more than the verifikation's (a SIE `#TRANS` row's
   * transtext, e.g. the supplier or the asset): an imported line keeps its old system's.
   */
  readonly text?: string;
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
  /** When the writer recorded it (the event's `recordedAt`, by the writer's clock). */
  readonly registrerad: string;
  /**
   * When the store stored its event, by the store's own clock (`StoredEvent.storedAt`, or for a
   * copied event the first store's, `metadata.copiedFrom.storedAt`): when it was entered into
   * the books. Absent where the event was not read from a store, or from a
   * store that did not stamp; `registrationDateOf` then falls back to `registrerad`.
   */
  readonly storedAt?: string;
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
  // Every draft is summed as it is checked and again as it is numbered: in whole öre, without a
  // `Money` per partial sum.
  Money.sumOf(rader, beloppOf);

const beloppOf = (rad: VerifikationRad): Money => rad.belopp;

/** An imbalance ({@link imbalanceOf}) in words: which side exceeds the other, and by how much. */
export const imbalanceText = (imbalance: Money): string =>
  imbalance.isNegative()
    ? `kredit exceeds debet by ${imbalance.abs().toString()} kr`
    : `debet exceeds kredit by ${imbalance.toString()} kr`;

/**
 * Asserts that a verifikation balances and has no zero lines; posting rules call it on every draft.
 */
export function assertBalanced(draft: VerifikationDraft): VerifikationDraft {
  assert(draft.rader.length >= 2, 'a verifikation has at least two lines', { text: draft.text });
  const imbalance = imbalanceOf(draft.rader);
  if (!imbalance.isZero())
    assert(false, 'every verifikation balances (Σ debet = Σ kredit)', {
      text: draft.text,
      imbalance: imbalance.toString(),
    });
  return draft;
}

/** A debet line, with optional dimensions. */
export const debet = (konto: string, belopp: Money, dimensioner?: Dimensioner): VerifikationRad =>
  dimensioner === undefined ? { konto, belopp } : { konto, belopp, dimensioner };
/** A kredit line, with optional dimensions. */
export const kredit = (konto: string, belopp: Money, dimensioner?: Dimensioner): VerifikationRad =>
  dimensioner === undefined
    ? { konto, belopp: belopp.negated() }
    : { konto, belopp: belopp.negated(), dimensioner };

/** Above this many lines, {@link compactRader} finds a line's equal by a map, not by a scan. */
const compactScanRowsMax = 16;

/**
 * Drops zero lines and merges lines on the same account and dimensions, keeping first-seen order.
 * Lines with nothing to merge or drop are given back as the same list: pass a list of your own.
 */
export function compactRader(rader: readonly VerifikationRad[]): VerifikationRad[] {
  if (rader.length > compactScanRowsMax) return compactManyRader(rader);
  // Most verifikationer have two or three lines, each on its own account: then nothing merges,
  // and the lines are given back as they came (the posting rule's own new list) or without their
  // zero lines, with no copy besides.
  let sameAccount = false;
  let zeroLine = false;
  for (let index = 0; index < rader.length; index += 1) {
    const rad = rader[index]!;
    if (rad.belopp.isZero()) zeroLine = true;
    for (let earlier = 0; earlier < index; earlier += 1)
      if (rader[earlier]!.konto === rad.konto) sameAccount = true;
  }
  if (!sameAccount) return zeroLine ? rader.filter(isNonZeroLine) : (rader as VerifikationRad[]);
  // Lines on the same account: a scan that compares dimensions only of lines on the same account
  // allocates nothing but the result.
  const merged: VerifikationRad[] = [];
  let zeroLines = false;
  for (const rad of rader) {
    const index = indexOfSameLine(merged, rad);
    if (index === -1) merged.push(rad);
    else {
      const previous = merged[index]!;
      merged[index] = { ...previous, belopp: previous.belopp.plus(rad.belopp) };
    }
  }
  for (const rad of merged) if (rad.belopp.isZero()) zeroLines = true;
  return zeroLines ? merged.filter((rad) => !rad.belopp.isZero()) : merged;
}

const isNonZeroLine = (rad: VerifikationRad): boolean => !rad.belopp.isZero();

/** Where a line on the same account and dimensions as `rad` is in `lines`, or -1. */
function indexOfSameLine(lines: readonly VerifikationRad[], rad: VerifikationRad): number {
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (
      line.konto === rad.konto &&
      dimensionKey(line.dimensioner) === dimensionKey(rad.dimensioner)
    )
      return index;
  }
  return -1;
}

/** {@link compactRader} of many lines: each line's equal found by a map of keys. */
function compactManyRader(rader: readonly VerifikationRad[]): VerifikationRad[] {
  const merged: VerifikationRad[] = [];
  const indexByKey = new Map<string, number>();
  for (const rad of rader) {
    const key = `${rad.konto}|${dimensionKey(rad.dimensioner)}`;
    const index = indexByKey.get(key);
    if (index === undefined) {
      indexByKey.set(key, merged.length);
      merged.push(rad);
    } else {
      const previous = merged[index]!;
      merged[index] = { ...previous, belopp: previous.belopp.plus(rad.belopp) };
    }
  }
  return merged.filter((rad) => !rad.belopp.isZero());
}
