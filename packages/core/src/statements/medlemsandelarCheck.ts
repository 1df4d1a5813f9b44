import { distanceFromShare } from '../money/shares.js';
import { Money } from '../money/Money.js';
import { kronorText as kr } from './kronorText.js';
import { dimensionTotalsOf, type LedgerTotals } from './LedgerTotals.js';

/**
 * A member's agreed share of the whole contribution, as the configuration's `medlemmar` state it:
 * `andel` for every year, `andelPerÅr` for a year where it differs.
 */
export interface Medlemsandel {
  /** The member's name, as the `medlem` dimension of its contributions carries it. */
  readonly medlem: string;
  /** Exact: `"1/2"`, `"205640/6000000"`, `"0.0605"`. */
  readonly andel?: string;
  /** The share in a year where it differs from `andel`, by year: `{ "2021": "205912/6000000" }`. */
  readonly andelPerÅr?: Readonly<Record<string, string>>;
}

/** The members' shares in a year: each member's share for the year, else its `andel`. */
export function medlemsandelarOfYear(
  andelar: readonly Medlemsandel[],
  year: number,
): { readonly medlem: string; readonly andel: string }[] {
  return andelar.flatMap(({ medlem, andel, andelPerÅr }) => {
    const ofYear = andelPerÅr?.[String(year)] ?? andel;
    return ofYear === undefined ? [] : [{ medlem, andel: ofYear }];
  });
}

/** What the check of the members' shares found, before it is dressed as a guideline check. */
export interface MedlemsandelarFinding {
  /** True if met, false if not, `null` if it cannot be checked. */
  readonly passed: boolean | null;
  /** Each member's booked contribution, by name, and the whole (`medlemsbidrag`). */
  readonly figures: Readonly<Record<string, Money>>;
  readonly explanation: string;
}

/** The year's booked contributions by member (the `medlem` dimension of income rows). */
export function contributionsByMember(totals: LedgerTotals, year: number): Map<string, Money> {
  const byMember = new Map<string, Money>();
  for (const total of dimensionTotalsOf(totals, year)) {
    const medlem = total.dimensioner?.medlem;
    if (total.line !== 'verksamhetens-intäkter' || medlem === undefined) continue;
    byMember.set(medlem, (byMember.get(medlem) ?? Money.zero).plus(total.belopp.negated()));
  }
  return byMember;
}

/**
 * Each member's booked contribution against its share (`andel`) of the year's member
 * contributions, exactly (a share such as `205640/6000000` is seldom whole öre): within
 * `avvikelseMax` kronor, or, without it, less than one öre. Members booked without a share are
 * named and not checked; no share configured, or no contributions, cannot be checked.
 */
export function medlemsandelarCheck(
  byMember: ReadonlyMap<string, Money>,
  medlemsbidrag: Money,
  andelar: readonly { readonly medlem: string; readonly andel: string }[],
  avvikelseMax: string | undefined,
): MedlemsandelarFinding {
  const figures: Record<string, Money> = { medlemsbidrag };
  if (andelar.length === 0)
    return {
      passed: null,
      figures,
      explanation:
        'Ingen medlem har en andel för året i konfigurationen (medlemmar[].andel, andelPerÅr): bidragen per medlem kan inte prövas.',
    };
  if (medlemsbidrag.isZero())
    return {
      passed: null,
      figures,
      explanation: 'Inga medlemsbidrag är bokförda för året: bidragen per medlem kan inte prövas.',
    };
  const measured = andelar.map(({ medlem, andel }) => {
    const booked = byMember.get(medlem) ?? Money.zero;
    figures[medlem] = booked;
    const distance = distanceFromShare(booked.toString(), medlemsbidrag.toString(), andel);
    return { medlem, andel, booked, distance, within: distance.within(avvikelseMax) };
  });
  const off = measured.filter(({ distance }) => !Money.from(distance.deviation).isZero());
  const deviating = measured.filter(({ within }) => !within);
  const unshared = [...byMember.entries()].filter(
    ([medlem]) => !andelar.some((andel) => andel.medlem === medlem),
  );
  const verdict =
    deviating.length === 0
      ? `Varje medlems bidrag följer dess andel av medlemsbidragen ${kr(medlemsbidrag)}${off.length === 0 ? '' : ` inom ${kr(Money.from(avvikelseMax!))} per medlem (${off.map(offText).join(', ')})`}.`
      : `Bidragen följer inte andelarna av medlemsbidragen ${kr(medlemsbidrag)}: ${deviating.map(offText).join('; ')}.`;
  const unsharedText =
    unshared.length === 0
      ? ''
      : ` Utan andel i konfigurationen, inte prövade: ${unshared.map(([medlem, amount]) => `${medlem} ${kr(amount)}`).join(', ')}.`;
  return { passed: deviating.length === 0, figures, explanation: `${verdict}${unsharedText}` };
}

/** A member's distance from its share, in words. */
function offText(measured: {
  readonly medlem: string;
  readonly andel: string;
  readonly booked: Money;
  readonly distance: { readonly expected: string; readonly deviation: string };
}): string {
  const deviation = Money.from(measured.distance.deviation);
  const side = deviation.isNegative() ? 'under' : 'över';
  return `${measured.medlem} ${kr(measured.booked)}, ${kr(deviation.abs())} ${side} sin andel ${measured.andel} (${kr(Money.from(measured.distance.expected))})`;
}
