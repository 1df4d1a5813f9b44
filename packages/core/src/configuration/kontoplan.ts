import { z } from 'zod';
import { accountNumber } from '../events/zodFields.js';
import {
  defaultChart,
  defineChart,
  intäktsslag,
  medlemskategorier,
  områden,
  isIncomeStatementLine,
  type AccountRoles,
  type Chart,
  type StatementLine,
} from '../bookkeeping/ChartOfAccounts.js';

/** Every line of the resultaträkning and balansräkning an account can feed. */
export const statementLines = [
  'verksamhetens-intäkter',
  'verksamhetens-kostnader',
  'avskrivningar',
  'finansiella-intäkter',
  'finansiella-kostnader',
  'resultatdisposition',
  'anläggningstillgångar',
  'kundfordringar',
  'förutbetalda-kostnader-upplupna-intäkter',
  'övriga-fordringar',
  'kassa-och-bank',
  'eget-kapital',
  'långfristiga-skulder',
  'leverantörsskulder',
  'övriga-kortfristiga-skulder',
  'upplupna-kostnader-förutbetalda-intäkter',
] as const satisfies readonly StatementLine[];

/** Every role the posting rules need an account for (see `AccountRoles`). */
export const accountRoleNames = [
  'bank',
  'kundfordringar',
  'momsfordran',
  'förutbetaldaKostnaderUpplupnaIntäkter',
  'leverantörsskulder',
  'övrigaKortfristigaSkulder',
  'upplupnaKostnader',
  'förutbetaldaIntäkter',
  'balanseratResultat',
  'åretsResultat',
  'åretsResultatDisposition',
  'medlemsbidragStaten',
  'medlemsbidragRegionOchKommuner',
  'bidrag',
  'övrigaIntäkter',
  'finansiellaIntäkter',
  'finansiellaKostnader',
] as const satisfies readonly (keyof AccountRoles)[];
/** One of {@link accountRoleNames}. */
export type AccountRoleName = (typeof accountRoleNames)[number];

/**
 * The roles a chart may leave out, each with the role whose account stands in for it: a
 * configuration written before `förutbetaldaIntäkter` existed keeps förutbetalda intäkter on its
 * `upplupnaKostnader` account, and loads unchanged.
 */
const optionalAccountRoles: Readonly<Partial<Record<AccountRoleName, AccountRoleName>>> = {
  förutbetaldaIntäkter: 'upplupnaKostnader',
};

/** A chart account: 3 to 8 digits, as in BAS and Kommun-BAS. */
const chartAccountNumber = () => accountNumber(3);
const roleSchema = z.enum(accountRoleNames, {
  error: `must be one of ${accountRoleNames.join(', ')}`,
});

/** One row of the account table. */
export const kontoSchema = z
  .object({
    /** The account number, e.g. `"1930"` (BAS) or `"1930"`/`"3030"` (Kommun-Bas). */
    nummer: chartAccountNumber().describe('The account number, 3 to 8 digits, e.g. "1930".'),
    /** The account's name as the förbund's books print it. */
    namn: z.string().min(1).max(200).describe("The account's name."),
    /** The statement line the account feeds. */
    rad: z
      .enum(statementLines, { error: `must be one of ${statementLines.join(', ')}` })
      .describe('The resultaträkning or balansräkning line the account feeds.'),
    /**
     * The posting role(s) the account plays, if any: one role, or a list when one account plays
     * several.
     */
    roll: z
      .union([roleSchema, z.array(roleSchema).min(1)])
      .optional()
      .describe(
        'The posting role(s) the account plays: every role must be given to exactly one account, except förutbetaldaIntäkter, which may be left out (förutbetalda intäkter then go to the upplupnaKostnader account).',
      ),
  })
  .strict();

/**
 * The chart of accounts as tables: the accounts (number, name, statement line, role) and
 * the mappings from område (and optionally post) to cost account, from intäktsslag to
 * income account, and from medlemskategori to contribution account.
 */
export const kontoplanSchema = z
  .object({
    /** The chart's name, e.g. `"Kommun-Bas 2019, förbundets urval"`. */
    namn: z.string().min(1).max(200).describe("The chart's name."),
    konton: z
      .array(kontoSchema)
      .min(1)
      .describe('The accounts: number, name, statement line and role.'),
    /**
     * Where costs go: one row per område without `post` (the område's account), and
     * optionally rows with a `post` for a post with its own account.
     */
    kostnadskonton: z
      .array(
        z
          .object({
            område: z
              .enum(områden, { error: `must be one of ${områden.join(', ')}` })
              .describe('The område whose costs go to the account.'),
            post: z
              .string()
              .min(1)
              .max(100)
              .optional()
              .describe(
                "A post of the område with an account of its own; left out, the område's account.",
              ),
            konto: chartAccountNumber().describe('The cost account.'),
          })
          .strict(),
      )
      .describe(
        'Cost accounts: one row per område without post, and rows with a post for a post with its own account.',
      ),
    /** The income account of each intäktsslag (esf, bidrag, övrig): one row each. */
    intäktskonton: z
      .array(
        z
          .object({
            intäktsslag: z
              .enum(intäktsslag, { error: `must be one of ${intäktsslag.join(', ')}` })
              .describe('esf, bidrag or övrig.'),
            konto: chartAccountNumber().describe('The income account.'),
          })
          .strict(),
      )
      .describe('Income accounts: one row for each intäktsslag (esf, bidrag, övrig).'),
    /** The contribution account of each medlemskategori (staten, region, kommun): one row each. */
    medlemsbidragskonton: z
      .array(
        z
          .object({
            medlemskategori: z
              .enum(medlemskategorier, { error: `must be one of ${medlemskategorier.join(', ')}` })
              .describe('staten, region or kommun.'),
            konto: chartAccountNumber().describe('The contribution account.'),
          })
          .strict(),
      )
      .describe(
        'Contribution accounts: one row for each medlemskategori (staten, region, kommun).',
      ),
  })
  .strict()
  .superRefine(checkKontoplan);

/** The chart-of-accounts tables of a configuration: the accounts and the mappings to them. */
export type Kontoplan = z.output<typeof kontoplanSchema>;

const rolesOf = (konto: { roll?: AccountRoleName | readonly AccountRoleName[] | undefined }) =>
  konto.roll === undefined ? [] : typeof konto.roll === 'string' ? [konto.roll] : konto.roll;

type AddIssue = (path: PropertyKey[], rule: string, message: string) => void;
type KontoplanInput = z.input<typeof kontoplanSchema>;

/**
 * Each account once, each role exactly once, every mapped account defined, every område,
 * intäktsslag and medlemskategori mapped once.
 */
function checkKontoplan(kontoplan: KontoplanInput, context: z.RefinementCtx) {
  const issue: AddIssue = (path, rule, message) =>
    context.addIssue({ code: 'custom', path, message, params: { rule } });
  const numbers = checkAccountsAndRoles(kontoplan, issue);
  const mappings = [
    ['kostnadskonton', kontoplan.kostnadskonton] as const,
    ['intäktskonton', kontoplan.intäktskonton] as const,
    ['medlemsbidragskonton', kontoplan.medlemsbidragskonton] as const,
  ];
  for (const [table, rows] of mappings)
    rows.forEach((row, index) => {
      const line = numbers.get(row.konto);
      if (line === undefined)
        issue([table, index, 'konto'], 'defined-account', `account ${row.konto} is not in konton`);
      else if (line !== mappedLines[table].line)
        issue(
          [table, index, 'konto'],
          'account-line',
          `account ${row.konto} is on ${line}, but a ${mappedLines[table].what} account feeds ${mappedLines[table].line}: give it that rad, or map another account`,
        );
    });
  const costRows = kontoplan.kostnadskonton;
  mappedOnce(
    issue,
    'kostnadskonton',
    områden,
    costRows.map((row) => (row.post === undefined ? row.område : undefined)),
    'område (without post)',
  );
  const postKeys = new Set<string>();
  costRows.forEach((row, index) => {
    if (row.post === undefined) return;
    const key = `${row.område} / ${row.post}`;
    if (postKeys.has(key))
      issue(['kostnadskonton', index], 'mapped-once', `${key} is mapped twice`);
    postKeys.add(key);
  });
  mappedOnce(
    issue,
    'intäktskonton',
    intäktsslag,
    kontoplan.intäktskonton.map((row) => row.intäktsslag),
    'intäktsslag',
  );
  mappedOnce(
    issue,
    'medlemsbidragskonton',
    medlemskategorier,
    kontoplan.medlemsbidragskonton.map((row) => row.medlemskategori),
    'medlemskategori',
  );
}

/**
 * The line an account of each mapping table must feed: a cost, an income or a contribution
 * posted on a balance-sheet line would leave the resultaträkning and Not 2 without it and move
 * the balansräkning, even in a closed year, with every rule of the books still holding.
 */
const mappedLines = {
  kostnadskonton: { line: 'verksamhetens-kostnader', what: 'cost' },
  intäktskonton: { line: 'verksamhetens-intäkter', what: 'income' },
  medlemsbidragskonton: { line: 'verksamhetens-intäkter', what: 'contribution' },
} as const satisfies Record<string, { line: StatementLine; what: string }>;

/**
 * The line each role's account must feed, or `'balansräkning'` for any line of it: the posting
 * rules put each role's amounts where its statement reads them.
 */
const roleLines: Record<AccountRoleName, StatementLine | 'balansräkning'> = {
  bank: 'kassa-och-bank',
  kundfordringar: 'balansräkning',
  momsfordran: 'balansräkning',
  förutbetaldaKostnaderUpplupnaIntäkter: 'balansräkning',
  leverantörsskulder: 'balansräkning',
  övrigaKortfristigaSkulder: 'balansräkning',
  upplupnaKostnader: 'balansräkning',
  förutbetaldaIntäkter: 'balansräkning',
  balanseratResultat: 'eget-kapital',
  åretsResultat: 'eget-kapital',
  åretsResultatDisposition: 'resultatdisposition',
  medlemsbidragStaten: 'verksamhetens-intäkter',
  medlemsbidragRegionOchKommuner: 'verksamhetens-intäkter',
  bidrag: 'verksamhetens-intäkter',
  övrigaIntäkter: 'verksamhetens-intäkter',
  finansiellaIntäkter: 'finansiella-intäkter',
  finansiellaKostnader: 'finansiella-kostnader',
};

/** Why `line` cannot carry `role`, or `undefined` when it can. */
function roleLineMismatch(role: AccountRoleName, line: StatementLine): string | undefined {
  const wanted = roleLines[role];
  if (wanted === 'balansräkning')
    return isIncomeStatementLine(line) ? 'a line of the balansräkning' : undefined;
  return line === wanted ? undefined : wanted;
}

/**
 * Each account listed once, each role on exactly one account and on a line that carries it;
 * returns each account's line by number.
 */
function checkAccountsAndRoles(
  kontoplan: KontoplanInput,
  issue: AddIssue,
): Map<string, StatementLine> {
  const numbers = new Map<string, StatementLine>();
  const roleAccounts = new Map<string, string>();
  kontoplan.konton.forEach((konto, index) => {
    if (numbers.has(konto.nummer))
      issue(['konton', index, 'nummer'], 'account-once', `account ${konto.nummer} is listed twice`);
    numbers.set(konto.nummer, konto.rad);
    for (const role of rolesOf(konto)) {
      const wanted = roleLineMismatch(role, konto.rad);
      if (wanted !== undefined)
        issue(
          ['konton', index, 'rad'],
          'role-line',
          `account ${konto.nummer} has role ${role}, which feeds ${wanted}, not ${konto.rad}`,
        );
      if (roleAccounts.has(role))
        issue(
          ['konton', index, 'roll'],
          'role-once',
          `role ${role} is given to both ${roleAccounts.get(role)} and ${konto.nummer}`,
        );
      roleAccounts.set(role, konto.nummer);
    }
  });
  const missingRoles = accountRoleNames.filter(
    (role) => !roleAccounts.has(role) && optionalAccountRoles[role] === undefined,
  );
  if (missingRoles.length > 0)
    issue(
      ['konton'],
      'every-role',
      `no account has the role(s) ${missingRoles.join(', ')}: the posting rules need one account per role`,
    );
  return numbers;
}

/** Every key of `keys` in exactly one row of `table` (rows keyed `undefined` are skipped). */
function mappedOnce(
  issue: AddIssue,
  table: string,
  keys: readonly string[],
  rowKeys: readonly (string | undefined)[],
  what: string,
): void {
  const seen = new Set<string>();
  rowKeys.forEach((key, index) => {
    if (key === undefined) return;
    if (seen.has(key)) issue([table, index], 'mapped-once', `${what} ${key} is mapped twice`);
    seen.add(key);
  });
  const missing = keys.filter((key) => !seen.has(key));
  if (missing.length > 0)
    issue([table], 'every-key-mapped', `no row for ${what} ${missing.join(', ')}`);
}

/**
 * Builds the {@link Chart} the posting rules use from a chart's tables: the accounts with
 * their lines, the roles, and the cost, income and contribution accounts as lookups in the
 * mapping tables (a cost's post row first, else its område's row). Expects tables that
 * {@link kontoplanSchema} accepted.
 */
export function chartFromKontoplan(kontoplan: Kontoplan): Chart {
  const roles = Object.fromEntries(
    kontoplan.konton.flatMap((konto) => rolesOf(konto).map((role) => [role, konto.nummer])),
  ) as unknown as AccountRoles;
  // Keyed by område, then post: a cost's account is found without a key made for it, on the
  // path every cost recorded takes.
  const costByOmråde = new Map<string, string>();
  const costByPost = new Map<string, Map<string, string>>();
  for (const row of kontoplan.kostnadskonton) {
    if (row.post === undefined) costByOmråde.set(row.område, row.konto);
    else {
      const byPost = costByPost.get(row.område) ?? new Map<string, string>();
      costByPost.set(row.område, byPost.set(row.post, row.konto));
    }
  }
  const income = new Map(kontoplan.intäktskonton.map((row) => [row.intäktsslag, row.konto]));
  const contribution = new Map(
    kontoplan.medlemsbidragskonton.map((row) => [row.medlemskategori, row.konto]),
  );
  return defineChart({
    name: kontoplan.namn,
    accounts: kontoplan.konton.map((konto) => ({
      number: konto.nummer,
      name: konto.namn,
      line: konto.rad,
    })),
    roles,
    costAccount: (område, post) =>
      costByPost.get(område)?.get(post) ?? costByOmråde.get(område) ?? '',
    incomeAccount: (kind) => income.get(kind) ?? '',
    contributionAccount: (kategori) => contribution.get(kategori) ?? '',
  });
}

/** The role (or roles) `chart` gives account `nummer`, as a row of the account table has it. */
function rollOf(chart: Chart, nummer: string): Pick<z.input<typeof kontoSchema>, 'roll'> {
  const roles = accountRoleNames.filter((role) => chart.roles[role] === nummer);
  if (roles.length === 0) return {};
  return { roll: roles.length === 1 ? roles[0]! : roles };
}

/**
 * The library's `defaultChart` as tables, the form `finsam init` writes into a new
 * `forbund.json`: read from the chart, so that the default is defined once. Its costs go to one
 * account per område (the chart maps no post of its own), so one row per område says it all;
 * {@link chartFromKontoplan} of these tables is the same chart.
 */
export const defaultKontoplan: Kontoplan = {
  namn: defaultChart.name,
  konton: defaultChart.accounts.map((account) => ({
    nummer: account.number,
    namn: account.name,
    rad: account.line,
    ...rollOf(defaultChart, account.number),
  })),
  kostnadskonton: områden.map((område) => ({
    område,
    konto: defaultChart.costAccount(område, ''),
  })),
  intäktskonton: intäktsslag.map((slag) => ({
    intäktsslag: slag,
    konto: defaultChart.incomeAccount(slag),
  })),
  medlemsbidragskonton: medlemskategorier.map((kategori) => ({
    medlemskategori: kategori,
    konto: defaultChart.contributionAccount(kategori),
  })),
};
