import { ledgerError } from '../error.js';

/** The three områden a samordningsförbund's costs are grouped in. */
export const områden = ['administrativa', 'strukturpåverkande', 'operativa'] as const;
/**
 * An område: administrativa kostnader, strukturpåverkande insatser or operativa individinsatser.
 */
export type Område = (typeof områden)[number];
/** How the seed reports name each område. */
export const områdeNames: Readonly<Record<Område, string>> = {
  administrativa: 'Administrativa kostnader',
  strukturpåverkande: 'Strukturpåverkande insatser',
  operativa: 'Operativa individinsatser',
};

/** Who a member contribution comes from (Finsam 5 §: state 1/2, region 1/4, municipalities 1/4). */
export const medlemskategorier = ['staten', 'region', 'kommun'] as const;
/** One of `medlemskategorier`. */
export type Medlemskategori = (typeof medlemskategorier)[number];

/** What kind of income an accrual or other income is. */
export const intäktsslag = ['esf', 'bidrag', 'övrig'] as const;
/** One of `intäktsslag`. */
export type Intäktsslag = (typeof intäktsslag)[number];

/**
 * The dimensions whose values the statements sort by: a value outside them (`operativ`,
 * `kommunen`) would put the row's amount under no område, member category or kind of income, and
 * the statements and guideline checks would disagree. A native event's schema holds these to
 * their enums; an imported row's values come from the förbund's SIE mapping and are checked as it
 * is recorded (and by `finsam audit`, which re-checks what was recorded), never on replay, and
 * the mapping's own before an import.
 */
export const enumeratedDimensionValues: Readonly<Record<string, readonly string[]>> = {
  område: områden,
  medlemskategori: medlemskategorier,
  intäktsslag,
};

/**
 * The dimensions of `dimensioner` whose value is not one of {@link enumeratedDimensionValues}'s,
 * each with the message a refusal gives (rule `known-dimension-value`).
 */
export function unknownDimensionValues(
  dimensioner: Readonly<Record<string, string | undefined>> | undefined,
): { readonly name: string; readonly message: string }[] {
  if (dimensioner === undefined) return [];
  return Object.entries(enumeratedDimensionValues).flatMap(([name, values]) => {
    const value = dimensioner[name];
    if (value === undefined || values.includes(value)) return [];
    return [
      {
        name,
        message: `unknown ${name} ${JSON.stringify(value)}: must be one of ${values.join(', ')}`,
      },
    ];
  });
}

/** The line of the resultaträkning or balansräkning an account feeds. */
export type StatementLine =
  | 'verksamhetens-intäkter'
  | 'verksamhetens-kostnader'
  | 'avskrivningar'
  | 'finansiella-intäkter'
  | 'finansiella-kostnader'
  | 'resultatdisposition'
  | 'anläggningstillgångar'
  | 'kundfordringar'
  | 'förutbetalda-kostnader-upplupna-intäkter'
  | 'övriga-fordringar'
  | 'kassa-och-bank'
  | 'eget-kapital'
  | 'långfristiga-skulder'
  | 'leverantörsskulder'
  | 'övriga-kortfristiga-skulder'
  | 'upplupna-kostnader-förutbetalda-intäkter';

/** True for lines of the resultaträkning. */
export const isIncomeStatementLine = (line: StatementLine): boolean =>
  [
    'verksamhetens-intäkter',
    'verksamhetens-kostnader',
    'avskrivningar',
    'finansiella-intäkter',
    'finansiella-kostnader',
    'resultatdisposition',
  ].includes(line);

/** One account of the chart. */
export interface AccountDefinition {
  /** The account number, e.g. `1930`. */
  readonly number: string;
  readonly name: string;
  readonly line: StatementLine;
}

/** The accounts the posting rules need, by role. */
export interface AccountRoles {
  readonly bank: string;
  readonly kundfordringar: string;
  readonly momsfordran: string;
  readonly förutbetaldaKostnaderUpplupnaIntäkter: string;
  readonly leverantörsskulder: string;
  readonly övrigaKortfristigaSkulder: string;
  readonly upplupnaKostnader: string;
  /**
   * Where income received for a later period (förutbetald intäkt) is kept until it is reversed,
   * e.g. Kommun-BAS 2970 Förutbetalda intäkter. Optional: a chart without it keeps förutbetalda
   * intäkter on `upplupnaKostnader`, the account of the balansräkning line "Upplupna kostnader
   * och förutbetalda intäkter" (see {@link förutbetaldaIntäkterAccount}).
   */
  readonly förutbetaldaIntäkter?: string;
  readonly balanseratResultat: string;
  readonly åretsResultat: string;
  /** The result-statement account that takes the year's result at closing (BAS 8999). */
  readonly åretsResultatDisposition: string;
  readonly medlemsbidragStaten: string;
  readonly medlemsbidragRegionOchKommuner: string;
  readonly bidrag: string;
  readonly övrigaIntäkter: string;
  readonly finansiellaIntäkter: string;
  readonly finansiellaKostnader: string;
}

/**
 * A chart of accounts: which account each posting goes to. The mapping is configuration,
 * per förbund: many use Kommun-Bas or their own numbers. {@link defaultChart} is BAS-style.
 */
export interface ChartOfAccounts {
  readonly name: string;
  readonly accounts: readonly AccountDefinition[];
  readonly roles: AccountRoles;
  /** The cost account for a cost of `område` and `post`. */
  costAccount(område: Område, post: string): string;
  /** The income account for a kind of income. */
  incomeAccount(kind: Intäktsslag): string;
  /** The income account for a member contribution. */
  contributionAccount(kategori: Medlemskategori): string;
}

/**
 * The account förutbetalda intäkter are kept on: the chart's `förutbetaldaIntäkter` role when it
 * has one, else its `upplupnaKostnader` account (the line "Upplupna kostnader och förutbetalda
 * intäkter"), so that a chart written before the role existed keeps working unchanged.
 */
export const förutbetaldaIntäkterAccount = (chart: Pick<ChartOfAccounts, 'roles'>): string =>
  chart.roles.förutbetaldaIntäkter ?? chart.roles.upplupnaKostnader;

/** Builds a chart and checks that every role and cost account is defined. */
export function defineChart(chart: ChartOfAccounts): ChartOfAccounts & {
  account(number: string): AccountDefinition;
  hasAccount(number: string): boolean;
} {
  const byNumber = new Map<string, AccountDefinition>();
  chart.accounts.forEach((account, index) => {
    // A chart is the caller's configuration: a repeated account is their mistake, named by field.
    if (byNumber.has(account.number))
      throw ledgerError(
        'VALIDATION_FAILED',
        `Chart ${chart.name} defines account ${account.number} twice`,
        {
          issues: [
            {
              path: `accounts.${index}.number`,
              rule: 'unique-account',
              message: `account ${account.number} is already defined`,
            },
          ],
          details: { account: account.number },
        },
      );
    byNumber.set(account.number, account);
  });
  const required = [
    ...Object.values(chart.roles).filter((number) => number !== undefined),
    ...områden.map((område) => chart.costAccount(område, '')),
    ...intäktsslag.map((kind) => chart.incomeAccount(kind)),
    ...medlemskategorier.map((kategori) => chart.contributionAccount(kategori)),
  ];
  for (const number of required) {
    if (!byNumber.has(number))
      throw ledgerError(
        'UNKNOWN_ACCOUNT',
        `Chart ${chart.name} uses account ${number} but does not define it`,
        {
          issues: [
            { path: 'accounts', rule: 'defines-used-account', message: `must define ${number}` },
          ],
          details: { account: number },
        },
      );
  }
  return {
    ...chart,
    account(number: string) {
      const account = byNumber.get(number);
      if (!account)
        throw ledgerError('UNKNOWN_ACCOUNT', `Account ${number} is not in chart ${chart.name}`, {
          details: { account: number },
          issues: [
            {
              path: 'konto',
              rule: 'account-in-chart',
              message: `account ${number} is not in chart ${chart.name}`,
            },
          ],
        });
      return account;
    },
    hasAccount: (number: string) => byNumber.has(number),
  };
}

/** A chart with its account lookup. */
export type Chart = ReturnType<typeof defineChart>;

/**
 * The default chart's cost account of each område. One table for every cost posted: the table
 * written inside `costAccount` was a new object for every cost recorded (48 bytes each).
 */
const defaultCostAccounts: Readonly<Record<Område, string>> = {
  administrativa: '6010',
  strukturpåverkande: '4020',
  operativa: '4010',
};

/**
 * The default, BAS-style chart. Costs go to one account per område; a förbund that wants
 * finer accounts (personal, lokaler, köpta tjänster) passes its own `costAccount`.
 */
export const defaultChart: Chart = defineChart({
  name: 'BAS-style default for samordningsförbund',
  accounts: [
    { number: '1510', name: 'Kundfordringar', line: 'kundfordringar' },
    { number: '1650', name: 'Momsfordran', line: 'övriga-fordringar' },
    {
      number: '1790',
      name: 'Förutbetalda kostnader och upplupna intäkter',
      line: 'förutbetalda-kostnader-upplupna-intäkter',
    },
    { number: '1930', name: 'Bank', line: 'kassa-och-bank' },
    { number: '2091', name: 'Balanserat resultat (övrigt eget kapital)', line: 'eget-kapital' },
    { number: '2099', name: 'Årets resultat', line: 'eget-kapital' },
    { number: '2440', name: 'Leverantörsskulder', line: 'leverantörsskulder' },
    { number: '2890', name: 'Övriga kortfristiga skulder', line: 'övriga-kortfristiga-skulder' },
    {
      number: '2990',
      name: 'Upplupna kostnader och förutbetalda intäkter',
      line: 'upplupna-kostnader-förutbetalda-intäkter',
    },
    {
      number: '3985',
      name: 'Medlemsbidrag från staten (Försäkringskassan/Arbetsförmedlingen)',
      line: 'verksamhetens-intäkter',
    },
    {
      number: '3987',
      name: 'Medlemsbidrag från region och kommuner',
      line: 'verksamhetens-intäkter',
    },
    { number: '3989', name: 'EU-medel (ESF) och andra bidrag', line: 'verksamhetens-intäkter' },
    { number: '3990', name: 'Övriga intäkter', line: 'verksamhetens-intäkter' },
    { number: '4010', name: 'Operativa individinsatser', line: 'verksamhetens-kostnader' },
    { number: '4020', name: 'Strukturpåverkande insatser', line: 'verksamhetens-kostnader' },
    { number: '6010', name: 'Administrativa kostnader', line: 'verksamhetens-kostnader' },
    { number: '8310', name: 'Ränteintäkter', line: 'finansiella-intäkter' },
    { number: '8410', name: 'Räntekostnader', line: 'finansiella-kostnader' },
    { number: '8999', name: 'Årets resultat (resultatdisposition)', line: 'resultatdisposition' },
  ],
  roles: {
    bank: '1930',
    kundfordringar: '1510',
    momsfordran: '1650',
    förutbetaldaKostnaderUpplupnaIntäkter: '1790',
    leverantörsskulder: '2440',
    övrigaKortfristigaSkulder: '2890',
    upplupnaKostnader: '2990',
    balanseratResultat: '2091',
    åretsResultat: '2099',
    åretsResultatDisposition: '8999',
    medlemsbidragStaten: '3985',
    medlemsbidragRegionOchKommuner: '3987',
    bidrag: '3989',
    övrigaIntäkter: '3990',
    finansiellaIntäkter: '8310',
    finansiellaKostnader: '8410',
  },
  costAccount: (område) => defaultCostAccounts[område],
  incomeAccount: (kind) => (kind === 'övrig' ? '3990' : '3989'),
  contributionAccount: (kategori) => (kategori === 'staten' ? '3985' : '3987'),
});
