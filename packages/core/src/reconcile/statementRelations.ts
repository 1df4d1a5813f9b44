import type { PrintedStatementName } from './PrintedReport.js';

/** A figure a relation uses: a statement's row in the target's year or the year before. */
export interface RelationReference {
  readonly statement: PrintedStatementName;
  readonly row: string;
  /** −1: the year before the target's column. */
  readonly yearOffset?: -1;
  /** −1: subtracted. */
  readonly sign?: -1;
  /** A row a report may leave out: then it counts as zero. */
  readonly optional?: true;
}

/**
 * How a figure of one statement follows from figures of another: `target` equals the sum of
 * `terms`, for each of the target's columns of the listed kinds. `absolute`: the two may
 * be printed with opposite signs (a nettokostnad printed as positive or negative).
 */
export interface StatementRelation {
  readonly check: 'balansräkning' | 'mellan-rapporter';
  readonly target: RelationReference;
  readonly terms: readonly RelationReference[];
  readonly kinds?: readonly ('utfall' | 'budget')[];
  readonly absolute?: true;
}

const rr = (row: string, sign?: -1): RelationReference => ({
  statement: 'resultaträkning',
  row,
  ...(sign === undefined ? {} : { sign }),
});
const br = (row: string, more: Partial<RelationReference> = {}): RelationReference => ({
  statement: 'balansräkning',
  row,
  ...more,
});
const same = (
  target: RelationReference,
  term: RelationReference,
  more: Partial<StatementRelation> = {},
): StatementRelation => ({ check: 'mellan-rapporter', target, terms: [term], ...more });

const receivables = [
  'kundfordringar',
  'förutbetalda-kostnader-upplupna-intäkter',
  'övriga-fordringar',
];
const liabilities = ['leverantörsskulder', 'upplupna-kostnader', 'övriga-kortfristiga-skulder'];
const before = { yearOffset: -1 } as const;

/** The balansräkning's own sides and how the kassaflödesanalys follows from it. */
const balanceAndCashFlow: readonly StatementRelation[] = [
  {
    check: 'balansräkning',
    target: br('summa-eget-kapital-och-skulder'),
    terms: [br('summa-tillgångar')],
  },
  same(br('årets-resultat'), rr('årets-resultat')),
  same({ statement: 'kassaflödesanalys', row: 'årets-resultat' }, rr('årets-resultat')),
  same(
    { statement: 'kassaflödesanalys', row: 'likvida-medel-vid-årets-slut' },
    br('kassa-och-bank'),
  ),
  same(
    { statement: 'kassaflödesanalys', row: 'likvida-medel-vid-årets-början' },
    br('kassa-och-bank', before),
  ),
  {
    check: 'mellan-rapporter',
    target: { statement: 'kassaflödesanalys', row: 'förändring-kortfristiga-fordringar' },
    terms: [
      ...receivables.map((row) => br(row, { ...before, optional: true })),
      ...receivables.map((row) => br(row, { sign: -1, optional: true })),
    ],
  },
  {
    check: 'mellan-rapporter',
    target: { statement: 'kassaflödesanalys', row: 'förändring-kortfristiga-skulder' },
    terms: [
      ...liabilities.map((row) => br(row, { optional: true })),
      ...liabilities.map((row) => br(row, { ...before, sign: -1, optional: true })),
    ],
  },
];

/** Eget kapital moves only by the year's result. */
const equity: readonly StatementRelation[] = [
  {
    check: 'mellan-rapporter',
    target: br('övrigt-eget-kapital'),
    terms: [br('årets-resultat', before), br('övrigt-eget-kapital', before)],
  },
  same(br('övrigt-eget-kapital'), {
    statement: 'driftredovisning',
    row: 'utgående-eget-kapital',
    yearOffset: -1,
  }),
  {
    check: 'mellan-rapporter',
    target: { statement: 'driftredovisning', row: 'utgående-eget-kapital' },
    terms: [br('årets-resultat'), br('övrigt-eget-kapital')],
  },
  same({ statement: 'driftredovisning', row: 'resultat' }, rr('årets-resultat')),
];

/** The notes' totals, the driftredovisning and the flerårsöversikt against the statements. */
const notesAndOverviews: readonly StatementRelation[] = [
  same({ statement: 'not1', row: 'summa' }, rr('verksamhetens-intäkter')),
  same({ statement: 'not2', row: 'summa' }, rr('verksamhetens-kostnader', -1)),
  same(
    { statement: 'driftredovisning', row: 'nettokostnad' },
    { statement: 'not2', row: 'summa' },
    { kinds: ['utfall', 'budget'], absolute: true },
  ),
  same({ statement: 'not3', row: 'kundfordringar' }, br('kundfordringar')),
  same(
    { statement: 'not3', row: 'summa:förutbetalda-kostnader-upplupna-intäkter' },
    br('förutbetalda-kostnader-upplupna-intäkter'),
  ),
  // A VAT balance below zero is a debt (vatDebtAtEndOf): the balansräkning shows it under
  // övriga kortfristiga skulder and Not 4 as momsskuld, and Not 3 prints no momsfordran, so
  // these hold as printed and the kassaflödesanalys's changes use the same moved figures.
  same({ statement: 'not3', row: 'momsfordran' }, br('övriga-fordringar')),
  same({ statement: 'not3', row: 'kassa-och-bank' }, br('kassa-och-bank')),
  same({ statement: 'not4', row: 'summa:leverantörsskulder' }, br('leverantörsskulder')),
  same(
    { statement: 'not4', row: 'summa:övriga-kortfristiga-skulder' },
    br('övriga-kortfristiga-skulder'),
  ),
  same(
    { statement: 'not4', row: 'summa:upplupna-kostnader-förutbetalda-intäkter' },
    br('upplupna-kostnader'),
  ),
  same(
    { statement: 'flerårsöversikt', row: 'verksamhetens-intäkter' },
    rr('verksamhetens-intäkter'),
  ),
  same(
    { statement: 'flerårsöversikt', row: 'verksamhetens-kostnader' },
    rr('verksamhetens-kostnader'),
    { absolute: true },
  ),
  same({ statement: 'flerårsöversikt', row: 'årets-resultat' }, rr('årets-resultat')),
];

/**
 * Every relation between printed statements that `reconcileReport` checks, by the ledger's
 * row keys: a transcription that uses those keys for these rows gets these checks.
 */
export const statementRelations: readonly StatementRelation[] = [
  ...balanceAndCashFlow,
  ...equity,
  ...notesAndOverviews,
];
