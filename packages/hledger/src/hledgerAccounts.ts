import type { AccountDefinition, StatementLine } from '@finsam-ledger/core';

/**
 * hledger's account types, as its `type:` tag names them: asset, liability, equity, revenue,
 * expense.
 */
export type HledgerAccountType = 'A' | 'L' | 'E' | 'R' | 'X';

/** Where a statement line's accounts sit in the journal's account tree, and their type. */
export interface HledgerLinePlacement {
  readonly type: HledgerAccountType;
  /** The parent account of the line's accounts, e.g. `Tillgångar:Kassa och bank`. */
  readonly parent: string;
}

/**
 * The account tree of the journal: one branch per line of the balansräkning and
 * resultaträkning, in the statements' order, so that `hledger bse --depth 2` and
 * `hledger is --depth 2` print the statements' lines. The resultatdisposition (BAS 8999, which
 * takes the year's result at closing) is an expense account like in BAS; its closing entries are
 * tagged `bokslut`, and `hledger is not:tag:bokslut` leaves them out.
 */
export const hledgerLinePlacements: Readonly<Record<StatementLine, HledgerLinePlacement>> = {
  anläggningstillgångar: { type: 'A', parent: 'Tillgångar:Anläggningstillgångar' },
  kundfordringar: { type: 'A', parent: 'Tillgångar:Kundfordringar' },
  'förutbetalda-kostnader-upplupna-intäkter': {
    type: 'A',
    parent: 'Tillgångar:Förutbetalda kostnader och upplupna intäkter',
  },
  'övriga-fordringar': { type: 'A', parent: 'Tillgångar:Övriga fordringar' },
  'kassa-och-bank': { type: 'A', parent: 'Tillgångar:Kassa och bank' },
  'eget-kapital': { type: 'E', parent: 'Eget kapital:Eget kapital' },
  'långfristiga-skulder': { type: 'L', parent: 'Skulder:Långfristiga skulder' },
  leverantörsskulder: { type: 'L', parent: 'Skulder:Leverantörsskulder' },
  'övriga-kortfristiga-skulder': { type: 'L', parent: 'Skulder:Övriga kortfristiga skulder' },
  'upplupna-kostnader-förutbetalda-intäkter': {
    type: 'L',
    parent: 'Skulder:Upplupna kostnader och förutbetalda intäkter',
  },
  'verksamhetens-intäkter': { type: 'R', parent: 'Intäkter:Verksamhetens intäkter' },
  'finansiella-intäkter': { type: 'R', parent: 'Intäkter:Finansiella intäkter' },
  'verksamhetens-kostnader': { type: 'X', parent: 'Kostnader:Verksamhetens kostnader' },
  avskrivningar: { type: 'X', parent: 'Kostnader:Avskrivningar' },
  'finansiella-kostnader': { type: 'X', parent: 'Kostnader:Finansiella kostnader' },
  resultatdisposition: { type: 'X', parent: 'Kostnader:Resultatdisposition' },
};

/**
 * A name as one segment of an hledger account name: hledger splits account names at `:`, ends
 * them at two spaces or a tab, and reads `;` as the start of a comment, so a colon becomes ` -`,
 * a semicolon `,` and runs of white space one space.
 */
export const hledgerAccountSegment = (name: string): string =>
  name.replace(/:/g, ' -').replace(/;/g, ',').replace(/\s+/g, ' ').trim();

/** The journal's name of an account of the chart: `Tillgångar:Kassa och bank:1930 Bank`. */
export const hledgerAccountName = (account: AccountDefinition): string =>
  `${hledgerLinePlacements[account.line].parent}:${hledgerAccountSegment(`${account.number} ${account.name}`)}`;

/** The chart's account number of a journal account name (its last segment's first word). */
export const accountNumberOfHledgerName = (name: string): string =>
  name.slice(name.lastIndexOf(':') + 1).split(' ')[0]!;
