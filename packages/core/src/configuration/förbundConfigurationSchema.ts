import { z } from 'zod';
import {
  medlemskategorier,
  områden,
  type Medlemskategori,
} from '../bookkeeping/ChartOfAccounts.js';
import { holdsNoPersonnummer, personnummerRefusal } from '../privacy/findPersonnummerInValue.js';
import { formatShare, isShareSyntax, sharesEqual, sumOfShares } from '../money/shares.js';
import { exactShareSchema } from './exactShare.js';
import { flerårsöversiktYears } from '../statements/Flerårsöversikt.js';
import { financialGuidelinesSchema } from './guidelinesSchema.js';
import { defaultKontoplan, kontoplanSchema } from './kontoplan.js';
import { organisationsnummerSchema } from './organisationsnummer.js';
import { sieMappingSchema } from './sieMappingSchema.js';

/**
 * The configuration format this library writes and reads; older versions are migrated on reading.
 */
export const förbundConfigurationVersion = 1;

/** A förbund's id as stream names hold it: 1 to 64 lower-case letters a–z, digits and hyphens. */
export const förbundIdPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

const name = (lengthMax = 200) =>
  z
    .string({ error: 'must be a string' })
    .min(1, { error: 'must not be empty' })
    .max(lengthMax, { error: `must be at most ${lengthMax} characters` })
    .regex(/^[^\p{Cc}]*$/u, { error: 'must not contain control characters' })
    // Names reach events (a member's name is a contribution's `medlem`), where a personnummer
    // is refused: refused here, the configuration cannot name what recording can never store.
    .refine(holdsNoPersonnummer, personnummerRefusal);
const years = () =>
  z
    .array(z.number().int().min(1990).max(2200), {
      error: 'must be a list of years, e.g. [2021, 2022]',
    })
    .min(1)
    .optional();
const områdeSchema = z
  .enum(områden, { error: `must be one of ${områden.join(', ')}` })
  .describe('administrativa, strukturpåverkande or operativa.');

/** One member of the förbund. */
export const medlemSchema = z
  .object({
    /** The member's name exactly as events write it in `medlem`, e.g. `"Täby kommun"`. */
    namn: name(100).describe(
      'The member\'s name exactly as events write it in medlem, e.g. "Täby kommun".',
    ),
    medlemskategori: z
      .enum(medlemskategorier, { error: `must be one of ${medlemskategorier.join(', ')}` })
      .describe('staten (Försäkringskassan, also for Arbetsförmedlingen), region or kommun.'),
    /**
     * The member's share of the whole contribution, exact: `"1/2"`, `"36641/600000"`, `"0.0605"`.
     */
    andel: exactShareSchema
      .optional()
      .describe(
        'The member\'s share of the whole contribution, exact: "1/2", "36641/600000" or "0.0605". Where every member of a medlemskategori states one, they must sum to its Finsam 5 § share.',
      ),
    /**
     * The member's share in a year where it differs from `andel` (a kommun's share follows its
     * population, year by year): `{ "2021": "205912/6000000" }`. Each year's shares are checked
     * as `andel` is.
     */
    andelPerÅr: z
      .record(
        z.string().regex(/^\d{4}$/, { error: 'must be a year, e.g. "2021"' }),
        exactShareSchema,
      )
      .optional()
      .describe(
        'The member\'s share in a year where it differs from andel (a kommun\'s share follows its population), e.g. {"2021": "205912/6000000"}. Each year\'s shares, with andel for the members without one that year, must sum to the Finsam 5 § shares as andel must.',
      ),
  })
  .strict();

/**
 * The Finsam 5 § split between the medlemskategorier, when the members agreed another (with the
 * reason).
 */
export const medlemsbidragsfördelningSchema = z
  .object({
    staten: exactShareSchema.describe('The state\'s share, e.g. "1/2".'),
    region: exactShareSchema.describe('The region\'s share, e.g. "1/5".'),
    kommun: exactShareSchema.describe('The municipalities\' share together, e.g. "3/10".'),
    /** Why the split differs from 1/2, 1/4, 1/4: the decision that allows it. */
    skäl: name(500).describe(
      'Why the split differs from 1/2, 1/4, 1/4: the decision that allows it.',
    ),
  })
  .strict();

/** A Not 2 post (cost line) of an område, with its underposts and years. */
export const postSchema = z
  .object({
    område: områdeSchema,
    /** The post exactly as events write it in `post`, e.g. `"Kanslipersonal"`. */
    post: name(100).describe('The post exactly as events write it in post, e.g. "Kanslipersonal".'),
    /** The post's underposts (Not 2 sub-lines); left out, it has none. */
    underposter: z
      .array(name(100))
      .optional()
      .describe("The post's underposts (Not 2 sub-lines); left out, it has none."),
    /** The years the post is used; left out, every year. */
    år: years().describe('The years the post is used; left out, every year.'),
  })
  .strict();

/** An insats (intervention or project) and the områden and years of its costs. */
export const insatsSchema = z
  .object({
    /** The insats exactly as events write it in `insats`, e.g. `"MIA vidare Roslagen"`. */
    namn: name(100).describe(
      'The insats exactly as events write it in insats, e.g. "MIA vidare Roslagen".',
    ),
    områden: z
      .array(områdeSchema)
      .min(1)
      .describe("The områden the insats's costs fall in (usually one)."),
    /** The years the insats runs; left out, every year. */
    år: years().describe('The years the insats runs; left out, every year.'),
  })
  .strict();

const defaultSplit = { staten: '1/2', region: '1/4', kommun: '1/4' } as const;

/** The configuration's fields, before the checks across fields. */
const förbundConfigurationObject = z
  .object({
    /** The JSON Schema the file follows, for editors (ignored by the library). */
    $schema: z
      .string()
      .optional()
      .describe('The JSON Schema this file follows, for editors; ignored by the library.'),
    version: z
      .literal(förbundConfigurationVersion, { error: `must be ${förbundConfigurationVersion}` })
      .describe('The configuration format version: 1. Older versions are migrated on reading.'),
    /** The förbund's id in stream names (`bokforing-<förbundId>`), e.g. `"roslagen"`. */
    förbundId: z
      .string()
      .regex(förbundIdPattern, {
        error: 'must be lower-case letters a–z, digits and hyphens, e.g. "roslagen"',
      })
      .describe(
        'The förbund\'s id in stream names (bokforing-<förbundId>, deltagare-<förbundId>): 1 to 64 lower-case letters a–z, digits and hyphens, e.g. "roslagen". Never change it once events are recorded.',
      ),
    /** The förbund's name as reports print it, e.g. `"Samordningsförbundet Roslagen"`. */
    namn: name().describe(
      'The förbund\'s name as reports print it, e.g. "Samordningsförbundet Roslagen".',
    ),
    organisationsnummer: organisationsnummerSchema
      .optional()
      .describe(
        "The förbund's organisationsnummer, NNNNNN-NNNN, checked with the Luhn check digit.",
      ),
    medlemmar: z
      .array(medlemSchema)
      .default([])
      .describe(
        'The members. When any is listed, recording refuses a medlem not listed here, or with another medlemskategori.',
      ),
    medlemsbidragsfördelning: medlemsbidragsfördelningSchema
      .optional()
      .describe(
        'Only when the members agreed another split than Finsam 5 § (staten 1/2, region 1/4, kommunerna 1/4): the shares and the reason.',
      ),
    kontoplan: kontoplanSchema
      .default(defaultKontoplan)
      .describe('The chart of accounts as tables; left out, the BAS-style default chart.'),
    poster: z
      .array(postSchema)
      .default([])
      .describe(
        "The Not 2 posts per område and year. When any is listed, recording refuses a post (or underpost) not listed for the event's område and year.",
      ),
    insatser: z
      .array(insatsSchema)
      .default([])
      .describe(
        "The insatser with their områden and years. When any is listed, recording refuses an insats not listed for the event's område and year.",
      ),
    finansiellaRiktlinjer: financialGuidelinesSchema
      .prefault({})
      .describe(
        'The financial guidelines the annual report checks; every threshold a decimal string.',
      ),
    presentation: z
      .object({
        /** The unit text reports are printed in (exact kronor underneath). */
        enhet: z
          .enum(['kr', 'tkr', 'mkr'], { error: 'must be kr, tkr or mkr' })
          .default('tkr')
          .describe(
            'The unit text reports print amounts in (exact kronor underneath); default tkr.',
          ),
        /** How many years the flerårsöversikt shows, the report's year first. */
        flerårsöversiktÅr: z
          .number({ error: 'must be a whole number of years' })
          .int({ error: 'must be a whole number of years' })
          .min(flerårsöversiktYears.min, {
            error: `must be at least ${String(flerårsöversiktYears.min)} (the law's five-year overview)`,
          })
          .max(flerårsöversiktYears.max, {
            error: `must be at most ${String(flerårsöversiktYears.max)}`,
          })
          .default(flerårsöversiktYears.default)
          .describe(
            `How many years the flerårsöversikt shows, the report's year first: ${String(flerårsöversiktYears.min)} to ${String(flerårsöversiktYears.max)}, default ${String(flerårsöversiktYears.default)}.`,
          ),
      })
      .strict()
      .prefault({})
      .describe('How reports are presented: the unit and the years of the flerårsöversikt.'),
    /** How a SIE file's accounts and objects map onto the ledger (`finsam import sie`). */
    sie: sieMappingSchema.optional(),
  })
  .strict();

/**
 * A samordningsförbund described as data: who it is, its members, its chart of accounts as
 * tables, the names its events may use (Not 2 posts and insatser per year), its financial
 * guidelines and how its reports are presented. Version 1. Documented field by field in
 * docs/setting-up-your-forbund.md; the JSON Schema is packages/core/forbund.schema.json.
 */
export const förbundConfigurationSchema = förbundConfigurationObject.superRefine(
  (configuration, context) => checkMembersAndNames(configuration, context),
);

/** A förbund's configuration as the library uses it (defaults filled in). */
export type FörbundConfiguration = z.output<typeof förbundConfigurationSchema>;
/** A förbund's configuration as written in `forbund.json` (defaults may be left out). */
export type FörbundConfigurationInput = z.input<typeof förbundConfigurationSchema>;

type Configuration = z.output<typeof förbundConfigurationObject>;

function checkMembersAndNames(configuration: Configuration, context: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], rule: string, message: string) =>
    context.addIssue({ code: 'custom', path, message, params: { rule } });
  const seen = new Set<string>();
  configuration.medlemmar.forEach((member, index) => {
    if (seen.has(member.namn))
      issue(['medlemmar', index, 'namn'], 'member-once', `${member.namn} is listed twice`);
    seen.add(member.namn);
  });
  checkShares(configuration, issue);
  const posts = new Set<string>();
  configuration.poster.forEach((post, index) => {
    const key = `${post.område} / ${post.post}`;
    if (posts.has(key)) issue(['poster', index], 'post-once', `${key} is listed twice`);
    posts.add(key);
  });
  const insatser = new Set<string>();
  configuration.insatser.forEach((insats, index) => {
    if (insatser.has(insats.namn))
      issue(['insatser', index, 'namn'], 'insats-once', `${insats.namn} is listed twice`);
    insatser.add(insats.namn);
  });
}

/**
 * The Finsam 5 § split: the kategorier's shares (1/2, 1/4, 1/4 unless stated otherwise, with
 * the reason) sum to 1, and where every member of a kategori states its share, the members'
 * shares sum exactly to the kategori's.
 */
function checkShares(
  configuration: Configuration,
  issue: (path: PropertyKey[], rule: string, message: string) => void,
): void {
  const split = configuration.medlemsbidragsfördelning ?? defaultSplit;
  // A malformed share has its own issue already; nothing is summed with it.
  const shares = [
    split.staten,
    split.region,
    split.kommun,
    ...configuration.medlemmar.flatMap((member) => [
      member.andel ?? '0',
      ...Object.values(member.andelPerÅr ?? {}),
    ]),
  ];
  if (!shares.every(isShareSyntax)) return;
  const total = sumOfShares([split.staten, split.region, split.kommun]);
  if (!sharesEqual(total, '1'))
    issue(
      ['medlemsbidragsfördelning'],
      'shares-sum-to-one',
      `staten, region and kommun must together be 1, not ${formatShare(total)}`,
    );
  const years = [
    ...new Set(configuration.medlemmar.flatMap((member) => Object.keys(member.andelPerÅr ?? {}))),
  ].sort();
  for (const year of [undefined, ...years])
    for (const kategori of medlemskategorier) {
      const sum = kategoriShareSum(configuration.medlemmar, kategori, year);
      const expected = split[kategori];
      if (sum === undefined || sharesEqual(sum, expected)) continue;
      issue(
        year === undefined ? ['medlemmar'] : ['medlemmar', 'andelPerÅr', year],
        'finsam-5-paragraf',
        `${year === undefined ? '' : `in ${year} `}the ${kategori} members' shares sum to ${formatShare(sum)}, not ${formatShare(expected)}${configuration.medlemsbidragsfördelning === undefined ? ' (Finsam 5 §: staten 1/2, region 1/4, kommunerna 1/4; state another split in medlemsbidragsfördelning)' : ' (medlemsbidragsfördelning)'}`,
      );
    }
}

/**
 * The sum of a kategori's shares in a year (each member's `andelPerÅr` for it, else its `andel`),
 * or in every year without one (`year` undefined); undefined unless every member states a share.
 */
function kategoriShareSum(
  medlemmar: Configuration['medlemmar'],
  kategori: Medlemskategori,
  year: string | undefined,
): string | undefined {
  const members = medlemmar.filter((member) => member.medlemskategori === kategori);
  const shares = members.map((member) =>
    year === undefined ? member.andel : (member.andelPerÅr?.[year] ?? member.andel),
  );
  if (shares.length === 0 || shares.some((share) => share === undefined)) return undefined;
  return sumOfShares(shares as string[]);
}
