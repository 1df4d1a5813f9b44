import Big from 'big.js';
import {
  medlemskategorier,
  områden,
  type Medlemskategori,
  type Område,
} from '../bookkeeping/ChartOfAccounts.js';
import { isShareAtMostOne, isShareSyntax } from '../money/shares.js';
import { ledgerError, type Issue } from '../error.js';
import { Money } from '../money/Money.js';
import { balanceColumn, totalEquity } from './Balansräkning.js';
import { coversYear, dimensionTotalsOf, yearAmount, type LedgerTotals } from './LedgerTotals.js';
import { kronorText as kr } from './kronorText.js';
import {
  contributionsByMember,
  medlemsandelarCheck,
  medlemsandelarOfYear,
  type Medlemsandel,
} from './medlemsandelarCheck.js';

/**
 * A förbund's financial guidelines (ekonomiska riktlinjer), as the board adopts them.
 * Amounts are kronor and shares are decimal fractions, both as decimal strings (`'0.70'`
 * is 70 %), never JavaScript numbers. An optional limit left out is not checked.
 */
export interface FinancialGuidelines {
  /**
   * The most the administrativa kostnader (kansliet) may cost in a year, in kronor, e.g.
   * `'2000000.00'`.
   */
  readonly administrativaKostnaderMax?: string;
  /**
   * The largest share of verksamhetens kostnader the administrativa kostnader may be, e.g.
   * `'0.25'`.
   */
  readonly administrativaAndelMax?: string;
  /**
   * The least share of the insatsmedel (strukturpåverkande + operativa costs) for operativa
   * individinsatser; default `'0.70'`.
   */
  readonly operativaAndelMin: string;
  /**
   * The least share of the insatsmedel for strukturpåverkande insatser, e.g. `'0.30'`; the share is
   * always reported.
   */
  readonly strukturpåverkandeAndelMin?: string;
  /**
   * The largest eget kapital at the year end as a share of the year's medelstilldelning (member
   * contributions); default `'0.20'`.
   */
  readonly egetKapitalAndelMax: string;
  /**
   * A step table for the eget kapital limit by the size of the year's medelstilldelning
   * (Nationella rådet's "trappa"): the first step whose `medelstilldelningMax` (kronor) is at
   * least the year's member contributions gives the share; the last step has no
   * `medelstilldelningMax`. When given, it replaces `egetKapitalAndelMax`.
   */
  readonly egetKapitalTrappa?: readonly EgetKapitalSteg[];
  /**
   * How far, in kronor, each medlemskategori's contributions may be from its exact Finsam
   * 5 § share and still pass, e.g. `'2.00'` when members' invoices are rounded to whole
   * kronor (Roslagen 2020: the six municipalities paid 1 499 998 kr, 1,50 kr short of a
   * quarter). Default: less than one öre.
   */
  readonly finsamAvvikelseMax?: string;
  /**
   * Each member's agreed share of the whole contribution (the configuration's `medlemmar[].andel`,
   * which `guidelinesFromConfiguration` fills in): each member's booked contribution is checked
   * against it, within `finsamAvvikelseMax` as the categories are. Left out: not checked.
   */
  readonly medlemsandelar?: readonly Medlemsandel[];
}

/** One step of {@link FinancialGuidelines.egetKapitalTrappa}. */
export interface EgetKapitalSteg {
  /**
   * The largest medelstilldelning (kronor, decimal string) the step covers; left out on the last
   * step.
   */
  readonly medelstilldelningMax?: string;
  /** The largest eget kapital as a share of the medelstilldelning, e.g. `'0.20'`. */
  readonly andelMax: string;
}

/**
 * The eget kapital share limit of a year: the step table's, when there is one, else
 * `egetKapitalAndelMax`.
 */
function egetKapitalAndelMaxFor(
  guidelines: Pick<FinancialGuidelines, 'egetKapitalAndelMax' | 'egetKapitalTrappa'>,
  medelstilldelning: Money,
): string {
  const steps = guidelines.egetKapitalTrappa;
  if (steps === undefined || steps.length === 0) return guidelines.egetKapitalAndelMax;
  const step = steps.find(
    (candidate) =>
      candidate.medelstilldelningMax === undefined ||
      medelstilldelning.compare(Money.from(candidate.medelstilldelningMax)) <= 0,
  );
  return (step ?? steps[steps.length - 1]!).andelMax;
}

/**
 * The defaults: operativa at least 70 % of the insatsmedel, eget kapital at most 20 % of the
 * medelstilldelning.
 */
export const defaultFinancialGuidelines: FinancialGuidelines = {
  operativaAndelMin: '0.70',
  egetKapitalAndelMax: '0.20',
};

/** The keys of the checks, in report order. */
export const guidelineCheckKeys = [
  'finsam-5-paragraf',
  'medlemsandelar',
  'administrativa-kostnader',
  'operativa-andel',
  'strukturpåverkande-andel',
  'eget-kapital',
] as const;
/** The key of a guideline check. */
export type GuidelineCheckKey = (typeof guidelineCheckKeys)[number];

/**
 * One check of a guideline for a year. `figures` holds what it was computed from: amounts
 * as exact `Money` (JSON: decimal strings), shares as decimal fractions with four decimals
 * (`'0.7000'`), limits as configured.
 */
export interface GuidelineCheck {
  readonly key: GuidelineCheckKey;
  /** The check's Swedish title. */
  readonly title: string;
  /**
   * True if met, false if not, `null` if it cannot be checked (no limit configured, nothing to
   * divide by, a year outside the books).
   */
  readonly passed: boolean | null;
  readonly figures: Readonly<Record<string, Money | string>>;
  /** What was found, in a sentence or two (Swedish). */
  readonly explanation: string;
  /** Why the rule exists: the law or recommendation behind it (Swedish). */
  readonly rationale: string;
}

/** The guideline checks of a year: plain data, JSON-serialisable as is. */
export interface GuidelineReport {
  readonly year: number;
  /** The guidelines checked against, defaults filled in. */
  readonly guidelines: FinancialGuidelines;
  readonly checks: readonly GuidelineCheck[];
}

/**
 * Why each rule exists, the same for every förbund: the figures and limits it was checked
 * against belong in the explanation, which states the förbund's own configuration.
 */
const rationales: Readonly<Record<GuidelineCheckKey, string>> = {
  'finsam-5-paragraf':
    'Lag (2003:1210) om finansiell samordning av rehabiliteringsinsatser 5 §: staten (genom Försäkringskassan och Arbetsförmedlingen) bidrar med hälften av förbundets medel, regionen med en fjärdedel och kommunerna tillsammans med en fjärdedel.',
  medlemsandelar:
    'Förbundsordningen anger hur medlemmarna delar på bidragen (kommunerna ofta efter folkmängd); konfigurationens andelar är den fördelningen, och varje medlems bokförda bidrag prövas mot sin andel av årets medlemsbidrag.',
  'administrativa-kostnader':
    'Styrelsens ekonomiska riktlinjer sätter en ram för administrationen (kansliet), i kronor eller som andel av verksamhetens kostnader, så att medlen går till insatserna.',
  'operativa-andel':
    'Styrelsens ekonomiska riktlinjer anger hur insatsmedlen fördelas mellan operativa individinsatser och strukturpåverkande insatser, med en lägsta andel till de operativa.',
  'strukturpåverkande-andel':
    'Samma riktlinje från andra hållet: den del av insatsmedlen som går till strukturpåverkande insatser; en lägsta andel prövas om den är konfigurerad.',
  'eget-kapital':
    'Nationella rådet för finansiell samordning rekommenderar att det egna kapitalet hålls lågt: medlemmarnas bidrag är avsedda för årets insatser. Styrelsens riktlinjer sätter gränsen som andel av årets medelstilldelning.',
};

const titles: Readonly<Record<GuidelineCheckKey, string>> = {
  'finsam-5-paragraf': 'Medlemsbidragens fördelning (Finsam 5 §)',
  medlemsandelar: 'Medlemsbidrag per medlem enligt andelarna',
  'administrativa-kostnader': 'Administrativa kostnader inom ramen',
  'operativa-andel': 'Operativa individinsatsers andel av insatsmedlen',
  'strukturpåverkande-andel': 'Strukturpåverkande insatsers andel av insatsmedlen',
  'eget-kapital': 'Eget kapital i förhållande till medelstilldelningen',
};

/** The Finsam 5 § share of each medlemskategori. */
const finsamShares: Readonly<Record<Medlemskategori, Big>> = {
  staten: new Big('0.5'),
  region: new Big('0.25'),
  kommun: new Big('0.25'),
};
const contributionFigureKeys: Readonly<
  Record<Medlemskategori, { amount: string; share: string; name: string }>
> = {
  staten: { amount: 'staten', share: 'andelStaten', name: 'staten' },
  region: { amount: 'region', share: 'andelRegion', name: 'regionen' },
  kommun: { amount: 'kommuner', share: 'andelKommuner', name: 'kommunerna' },
};

const big = (amount: Money): Big => new Big(amount.toString());
/** A share as a decimal fraction with four decimals, half away from zero. */
const shareOf = (part: Money, whole: Money): string =>
  big(part).div(big(whole)).round(4, Big.roundHalfUp).toFixed(4);
/** A share in percent for text: two decimals, decimal comma. */
const percent = (share: string | Big): string =>
  `${new Big(share).times(100).round(2, Big.roundHalfUp).toFixed(2).replace('.', ',')} %`;
/**
 * A deviation in kronor with öre (it may be half an öre: rounded to the öre, half away from zero).
 */
const krExact = (amount: Big): string =>
  kr(Money.from(amount.round(2, Big.roundHalfUp).toFixed(2)));

/**
 * Checks a year's books against the förbund's financial guidelines (`guidelines` over
 * {@link defaultFinancialGuidelines}):
 *
 * - `finsam-5-paragraf`: the year's member contributions by medlemskategori (the
 *   dimension on the income rows): staten 1/2, regionen 1/4, kommunerna together 1/4 of
 *   the total, each to the öre (less than one öre from its exact share);
 * - `administrativa-kostnader`: the costs of område administrativa against the cap in
 *   kronor and/or the largest share of verksamhetens kostnader, where configured;
 * - `operativa-andel`: operativa individinsatser ≥ `operativaAndelMin` of the insatsmedel
 *   (strukturpåverkande + operativa costs); exactly the limit passes;
 * - `strukturpåverkande-andel`: the strukturpåverkande share of the insatsmedel, always
 *   reported, checked against `strukturpåverkandeAndelMin` if configured;
 * - `eget-kapital`: eget kapital at the year end ≤ `egetKapitalAndelMax` × the year's
 *   member contributions (medelstilldelningen); exactly the limit passes.
 *
 * Comparisons are exact (big.js); shares in `figures` are rounded to four decimals for
 * show only. A year outside the books cannot be checked (`passed: null`): the checks need
 * the dimensions of the year's postings. Costs are placed by the `område` dimension of
 * their rows. Throws `VALIDATION_FAILED` on a malformed guideline.
 */
export function finansiellaRiktlinjer(
  totals: LedgerTotals,
  year: number,
  guidelines: Partial<FinancialGuidelines> = {},
): GuidelineReport {
  const resolved = resolveGuidelines(guidelines);
  if (!coversYear(totals, year)) {
    return {
      year,
      guidelines: resolved,
      checks: guidelineCheckKeys.map((key) => ({
        key,
        title: titles[key],
        passed: null,
        figures: {},
        explanation: `${year} finns inte i bokföringen: riktlinjerna prövas mot bokförda år.`,
        rationale: rationales[key],
      })),
    };
  }

  const costs = new Map<Område | 'utan-område', Money>();
  const contributions = new Map<Medlemskategori, Money>(
    medlemskategorier.map((kategori) => [kategori, Money.zero]),
  );
  for (const total of dimensionTotalsOf(totals, year)) {
    if (total.line === 'verksamhetens-kostnader') {
      const område = (områden as readonly string[]).includes(total.dimensioner?.område ?? '')
        ? (total.dimensioner!.område as Område)
        : 'utan-område';
      costs.set(område, (costs.get(område) ?? Money.zero).plus(total.belopp));
    }
    const kategori = total.dimensioner?.medlemskategori;
    if (
      total.line === 'verksamhetens-intäkter' &&
      kategori !== undefined &&
      (medlemskategorier as readonly string[]).includes(kategori)
    ) {
      contributions.set(
        kategori as Medlemskategori,
        contributions.get(kategori as Medlemskategori)!.plus(total.belopp.negated()),
      );
    }
  }
  const costOf = (område: Område) => costs.get(område) ?? Money.zero;
  const medlemsbidrag = Money.sum(contributions.values());
  const verksamhetensKostnader = yearAmount(totals, year, ['verksamhetens-kostnader']).negated();
  const equity = totalEquity(balanceColumn(totals, year)!);

  return {
    year,
    guidelines: resolved,
    checks: [
      finsamCheck(contributions, medlemsbidrag, resolved.finsamAvvikelseMax),
      memberShareCheck(totals, year, medlemsbidrag, resolved),
      administrativeCheck(costOf('administrativa'), verksamhetensKostnader, resolved),
      ...insatsChecks(costOf('operativa'), costOf('strukturpåverkande'), resolved),
      equityCheck(equity, medlemsbidrag, resolved),
    ],
  };
}

function finsamCheck(
  contributions: ReadonlyMap<Medlemskategori, Money>,
  medlemsbidrag: Money,
  finsamAvvikelseMax: string | undefined,
): GuidelineCheck {
  const key = 'finsam-5-paragraf';
  const figures: Record<string, Money | string> = { medlemsbidrag };
  for (const kategori of medlemskategorier) {
    const amount = contributions.get(kategori)!;
    figures[contributionFigureKeys[kategori].amount] = amount;
    if (!medlemsbidrag.isZero())
      figures[contributionFigureKeys[kategori].share] = shareOf(amount, medlemsbidrag);
  }
  if (medlemsbidrag.isZero())
    return {
      key,
      title: titles[key],
      passed: null,
      figures,
      explanation:
        'Inga medlemsbidrag är bokförda för året (med medlemskategori): fördelningen kan inte prövas.',
      rationale: rationales[key],
    };
  if (finsamAvvikelseMax !== undefined)
    figures['finsamAvvikelseMax'] = Money.from(finsamAvvikelseMax);
  // Each category's distance from its exact share (which need not be a whole öre).
  const deviations = medlemskategorier.map((kategori) => ({
    kategori,
    deviation: big(contributions.get(kategori)!).minus(
      big(medlemsbidrag).times(finsamShares[kategori]),
    ),
  }));
  const deviating = deviations.filter(({ deviation }) =>
    finsamAvvikelseMax === undefined
      ? deviation.abs().gte('0.01')
      : deviation.abs().gt(finsamAvvikelseMax),
  );
  const found = capitalised(
    medlemskategorier
      .map(
        (kategori) =>
          `${contributionFigureKeys[kategori].name} ${kr(contributions.get(kategori)!)} (${percent(figures[contributionFigureKeys[kategori].share] as string)})`,
      )
      .join(', '),
  );
  const off = deviations
    .filter(({ deviation }) => deviation.abs().gte('0.01'))
    .map(
      ({ kategori, deviation }) =>
        `${contributionFigureKeys[kategori].name} ${krExact(deviation.abs())} ${deviation.gt(0) ? 'över' : 'under'} sin andel`,
    )
    .join(', ');
  const verdict =
    deviating.length === 0
      ? `Fördelningen följer 5 §${off === '' ? '' : ` inom ${kr(Money.from(finsamAvvikelseMax!))} per part (${off})`}.`
      : `Fördelningen avviker från 5 § (${off}): staten ska bära hälften, regionen en fjärdedel och kommunerna tillsammans en fjärdedel.`;
  return {
    key,
    title: titles[key],
    passed: deviating.length === 0,
    figures,
    explanation: `${found} av medlemsbidragen ${kr(medlemsbidrag)}. ${verdict}`,
    rationale: rationales[key],
  };
}

function memberShareCheck(
  totals: LedgerTotals,
  year: number,
  medlemsbidrag: Money,
  guidelines: FinancialGuidelines,
): GuidelineCheck {
  const key = 'medlemsandelar';
  const finding = medlemsandelarCheck(
    contributionsByMember(totals, year),
    medlemsbidrag,
    medlemsandelarOfYear(guidelines.medlemsandelar ?? [], year),
    guidelines.finsamAvvikelseMax,
  );
  return { key, title: titles[key], ...finding, rationale: rationales[key] };
}

const isPositive = (amount: Money): boolean => !amount.isZero() && !amount.isNegative();

/** Why a share of `whole` cannot be tested: no costs, or costs that are negative. */
const notMeasurable = (name: string, whole: Money): string =>
  whole.isZero()
    ? 'Andelen kan inte prövas: inga kostnader.'
    : `Andelen kan inte prövas: ${name} är negativa (${kr(whole)}), rättelser och återföringar större än årets kostnader.`;

function administrativeCheck(
  administrativa: Money,
  verksamhetensKostnader: Money,
  guidelines: FinancialGuidelines,
): GuidelineCheck {
  const key = 'administrativa-kostnader';
  const figures: Record<string, Money | string> = {
    administrativaKostnader: administrativa,
    verksamhetensKostnader,
  };
  // A share of costs that are zero or negative (corrections and reversals above the year's
  // costs) means nothing: 100 % of −96 000 kr would pass a cap of 25 %.
  const measurable = isPositive(verksamhetensKostnader);
  if (measurable) figures['andelAdministrativa'] = shareOf(administrativa, verksamhetensKostnader);
  const findings: string[] = [
    `De administrativa kostnaderna var ${kr(administrativa)}${measurable ? `, ${percent(figures['andelAdministrativa'] as string)} av verksamhetens kostnader ${kr(verksamhetensKostnader)}` : ''}.`,
  ];
  const results: (boolean | null)[] = [];
  if (guidelines.administrativaKostnaderMax !== undefined) {
    const cap = Money.from(guidelines.administrativaKostnaderMax);
    figures['administrativaKostnaderMax'] = cap;
    const within = administrativa.compare(cap) <= 0;
    results.push(within);
    findings.push(
      within
        ? `Inom ramen ${kr(cap)}.`
        : `Över ramen ${kr(cap)} med ${kr(administrativa.minus(cap))}.`,
    );
  }
  if (guidelines.administrativaAndelMax !== undefined) {
    figures['administrativaAndelMax'] = guidelines.administrativaAndelMax;
    if (!measurable) {
      results.push(null);
      findings.push(notMeasurable('verksamhetens kostnader', verksamhetensKostnader));
    } else {
      const within = big(administrativa).lte(
        new Big(guidelines.administrativaAndelMax).times(big(verksamhetensKostnader)),
      );
      results.push(within);
      findings.push(
        `${within ? 'Högst' : 'Över'} den högsta andelen ${percent(guidelines.administrativaAndelMax)}.`,
      );
    }
  }
  if (results.length === 0)
    findings.push(
      'Ingen ram är konfigurerad (administrativaKostnaderMax, administrativaAndelMax): inget att pröva.',
    );
  return {
    key,
    title: titles[key],
    passed: combine(results),
    figures,
    explanation: findings.join(' '),
    rationale: rationales[key],
  };
}

function insatsChecks(
  operativa: Money,
  strukturpåverkande: Money,
  guidelines: FinancialGuidelines,
): GuidelineCheck[] {
  const insatsmedel = operativa.plus(strukturpåverkande);
  const base: Record<string, Money | string> = {
    insatsmedel,
    operativaKostnader: operativa,
    strukturpåverkandeKostnader: strukturpåverkande,
  };
  return [
    insatsShareCheck(base, insatsmedel, {
      key: 'operativa-andel',
      part: operativa,
      shareKey: 'andelOperativa',
      minKey: 'operativaAndelMin',
      min: guidelines.operativaAndelMin,
      name: 'operativa individinsatser',
    }),
    insatsShareCheck(base, insatsmedel, {
      key: 'strukturpåverkande-andel',
      part: strukturpåverkande,
      shareKey: 'andelStrukturpåverkande',
      minKey: 'strukturpåverkandeAndelMin',
      min: guidelines.strukturpåverkandeAndelMin,
      name: 'strukturpåverkande insatser',
    }),
  ];
}

/** One share of the insatsmedel against its least share, if one is configured. */
function insatsShareCheck(
  base: Record<string, Money | string>,
  insatsmedel: Money,
  share: {
    readonly key: 'operativa-andel' | 'strukturpåverkande-andel';
    readonly part: Money;
    readonly shareKey: string;
    readonly minKey: string;
    readonly min: string | undefined;
    readonly name: string;
  },
): GuidelineCheck {
  const { key, part, shareKey, minKey, min, name } = share;
  const figures: Record<string, Money | string> = {
    ...base,
    ...(isPositive(insatsmedel) ? { [shareKey]: shareOf(part, insatsmedel) } : {}),
    ...(min === undefined ? {} : { [minKey]: min }),
  };
  const result = (passed: boolean | null, explanation: string): GuidelineCheck => ({
    key,
    title: titles[key],
    passed,
    figures,
    explanation,
    rationale: rationales[key],
  });
  if (insatsmedel.isZero())
    return result(
      null,
      'Inga kostnader för insatser är bokförda för året: andelen kan inte prövas.',
    );
  if (insatsmedel.isNegative()) return result(null, notMeasurable('insatsmedlen', insatsmedel));
  const found = `${capitalised(name)} kostade ${kr(part)}, ${percent(figures[shareKey] as string)} av insatsmedlen ${kr(insatsmedel)} (strukturpåverkande och operativa).`;
  if (min === undefined) return result(null, `${found} Ingen lägsta andel är konfigurerad.`);
  const passed = big(part).gte(new Big(min).times(big(insatsmedel)));
  return result(
    passed,
    `${found} ${passed ? 'Minst' : 'Under'} den lägsta andelen ${percent(min)}.`,
  );
}

function equityCheck(
  equity: Money,
  medlemsbidrag: Money,
  guidelines: FinancialGuidelines,
): GuidelineCheck {
  const key = 'eget-kapital';
  const andelMax = egetKapitalAndelMaxFor(guidelines, medlemsbidrag);
  const figures: Record<string, Money | string> = { egetKapital: equity, medlemsbidrag };
  const negative = equity.isNegative()
    ? ' Eget kapital är negativt: förbundet har förbrukat mer än det fått in.'
    : '';
  // A share of contributions that are zero or negative (corrections above the year's own) means
  // nothing: −50 000 kr of −100 000 kr would read as 50 %, within a 20 % limit.
  if (!isPositive(medlemsbidrag)) {
    figures['egetKapitalAndelMax'] = andelMax;
    const why = medlemsbidrag.isZero()
      ? 'inga medlemsbidrag är bokförda för året, så andelen kan inte prövas'
      : `medlemsbidragen är negativa (${kr(medlemsbidrag)}), rättelser större än årets bidrag, så andelen kan inte prövas`;
    return {
      key,
      title: titles[key],
      passed: null,
      figures,
      explanation: `Eget kapital vid årets slut var ${kr(equity)}; ${why}.${negative}`,
      rationale: rationales[key],
    };
  }
  const limit = new Big(andelMax).times(big(medlemsbidrag));
  figures['andelEgetKapital'] = shareOf(equity, medlemsbidrag);
  figures['egetKapitalAndelMax'] = andelMax;
  figures['egetKapitalGräns'] = Money.from(limit.round(2, Big.roundHalfUp).toFixed(2));
  const passed = big(equity).lte(limit);
  return {
    key,
    title: titles[key],
    passed,
    figures,
    explanation: `Eget kapital vid årets slut var ${kr(equity)}, ${percent(figures['andelEgetKapital'] as string)} av årets medlemsbidrag ${kr(medlemsbidrag)}; ${passed ? 'inom' : 'över'} gränsen ${percent(andelMax)} (${kr(figures['egetKapitalGräns'] as Money)}).${negative}`,
    rationale: rationales[key],
  };
}

/** All checked parts met: true; any not met: false; otherwise (nothing checkable) null. */
function combine(results: readonly (boolean | null)[]): boolean | null {
  if (results.includes(false)) return false;
  return results.includes(true) ? true : null;
}

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

const sharePattern = /^(0(\.\d{1,6})?|1(\.0{1,6})?)$/;

/**
 * The guidelines with defaults filled in; throws `VALIDATION_FAILED` naming each malformed field.
 */
function resolveGuidelines(guidelines: Partial<FinancialGuidelines>): FinancialGuidelines {
  const defined = Object.fromEntries(
    Object.entries(guidelines).filter(([, value]) => value !== undefined),
  ) as Partial<FinancialGuidelines>;
  const resolved: FinancialGuidelines = { ...defaultFinancialGuidelines, ...defined };
  const issues: Issue[] = [];
  for (const field of [
    'administrativaAndelMax',
    'operativaAndelMin',
    'strukturpåverkandeAndelMin',
    'egetKapitalAndelMax',
  ] as const) {
    const value: unknown = resolved[field];
    if (value !== undefined && (typeof value !== 'string' || !sharePattern.test(value))) {
      issues.push({
        path: `guidelines.${field}`,
        rule: 'share-decimal-string',
        message: `${field} is a share as a decimal string from 0 to 1 with at most six decimals, e.g. "0.70" (got ${JSON.stringify(value)})`,
      });
    }
  }
  (resolved.egetKapitalTrappa ?? []).forEach((step, index) => {
    if (typeof step?.andelMax !== 'string' || !sharePattern.test(step.andelMax))
      issues.push({
        path: `guidelines.egetKapitalTrappa.${index}.andelMax`,
        rule: 'share-decimal-string',
        message: `egetKapitalTrappa[${index}].andelMax is a share as a decimal string from 0 to 1, e.g. "0.20"`,
      });
    if (step?.medelstilldelningMax !== undefined) {
      const parsed = Money.parse(
        step.medelstilldelningMax,
        `guidelines.egetKapitalTrappa.${index}.medelstilldelningMax`,
      );
      if (parsed._tag === 'Left') issues.push(...parsed.left.issues);
    }
  });
  issues.push(...medlemsandelarIssues(resolved.medlemsandelar ?? []));
  for (const field of ['administrativaKostnaderMax', 'finsamAvvikelseMax'] as const) {
    if (resolved[field] === undefined) continue;
    const parsed = Money.parse(resolved[field], `guidelines.${field}`);
    if (parsed._tag === 'Left') issues.push(...parsed.left.issues);
    else if (parsed.right.isNegative())
      issues.push({
        path: `guidelines.${field}`,
        rule: 'non-negative',
        message: `${field} is an amount of at least zero`,
      });
  }
  if (issues.length > 0)
    throw ledgerError(
      'VALIDATION_FAILED',
      `Invalid financial guidelines: ${issues.map((issue) => issue.message).join('; ')}`,
      { issues },
    );
  return resolved;
}

/** Each member's share (for every year, and by year) must be an exact share from 0 to 1. */
function medlemsandelarIssues(andelar: readonly Medlemsandel[]): Issue[] {
  return andelar.flatMap((share, index) =>
    [
      ...(share.andel === undefined ? [] : [['andel', share.andel] as const]),
      ...Object.entries(share.andelPerÅr ?? {}).map(
        ([year, andel]) => [`andelPerÅr.${year}`, andel] as const,
      ),
    ]
      .filter(([, andel]) => !isShareSyntax(andel) || !isShareAtMostOne(andel))
      .map(([field]) => ({
        path: `guidelines.medlemsandelar.${index}.${field}`,
        rule: 'exact-share',
        message: `medlemsandelar[${index}].${field} is a share from 0 to 1 as a string, e.g. "1/4" or "0.25"`,
      })),
  );
}

const figureLabels: Readonly<Record<string, string>> = {
  medlemsbidrag: 'Medlemsbidrag',
  staten: 'Staten',
  andelStaten: 'Statens andel',
  region: 'Regionen',
  andelRegion: 'Regionens andel',
  kommuner: 'Kommunerna',
  andelKommuner: 'Kommunernas andel',
  administrativaKostnader: 'Administrativa kostnader',
  verksamhetensKostnader: 'Verksamhetens kostnader',
  andelAdministrativa: 'Administrativa kostnadernas andel',
  administrativaKostnaderMax: 'Ram',
  administrativaAndelMax: 'Högsta andel',
  insatsmedel: 'Insatsmedel',
  operativaKostnader: 'Operativa individinsatser',
  strukturpåverkandeKostnader: 'Strukturpåverkande insatser',
  andelOperativa: 'Operativas andel',
  operativaAndelMin: 'Lägsta andel',
  andelStrukturpåverkande: 'Strukturpåverkandes andel',
  strukturpåverkandeAndelMin: 'Lägsta andel',
  egetKapital: 'Eget kapital vid årets slut',
  andelEgetKapital: 'Andel av medlemsbidragen',
  egetKapitalAndelMax: 'Högsta andel',
  egetKapitalGräns: 'Gräns',
  finsamAvvikelseMax: 'Tillåten avvikelse per part',
};
const shareFigures = new Set([
  'andelStaten',
  'andelRegion',
  'andelKommuner',
  'andelAdministrativa',
  'administrativaAndelMax',
  'andelOperativa',
  'operativaAndelMin',
  'andelStrukturpåverkande',
  'strukturpåverkandeAndelMin',
  'andelEgetKapital',
  'egetKapitalAndelMax',
]);
const verdicts = { true: 'Uppfylld', false: 'Ej uppfylld', null: 'Kan inte prövas' } as const;

/**
 * Prints a guideline report as plain text: per check its verdict (Uppfylld, Ej uppfylld,
 * Kan inte prövas), title, figures (exact amounts in kronor with öre; shares in percent with
 * two decimals, rounded once, half away from zero), what was found and why the rule exists.
 * Deterministic.
 */
export function renderGuidelineReportText(report: GuidelineReport): string {
  const lines = [
    `Finansiella riktlinjer ${report.year}`,
    '-'.repeat(`Finansiella riktlinjer ${report.year}`.length),
  ];
  for (const check of report.checks) {
    lines.push(`[${verdicts[String(check.passed) as keyof typeof verdicts]}] ${check.title}`);
    const figures = Object.entries(check.figures).map(
      ([name, value]) =>
        [
          figureLabels[name] ?? name,
          typeof value === 'string' ? (shareFigures.has(name) ? percent(value) : value) : kr(value),
        ] as const,
    );
    const width = Math.max(0, ...figures.map(([label]) => label.length));
    const valueWidth = Math.max(0, ...figures.map(([, value]) => value.length));
    for (const [label, value] of figures)
      lines.push(`  ${label.padEnd(width)}  ${value.padStart(valueWidth)}`);
    lines.push(`  ${check.explanation}`, `  Skäl: ${check.rationale}`, '');
  }
  return lines.join('\n').trimEnd();
}
