import { z } from 'zod';
import { calendarDate, freeText, identifier } from '../events/zodFields.js';
import { positiveAmount } from '../money/zodMoney.js';
import {
  intäktsslag,
  områden,
  förutbetaldaIntäkterAccount,
  type Chart,
  type Intäktsslag,
  type Medlemskategori,
  type Område,
} from './ChartOfAccounts.js';
import { medlemFields } from './events/MedlemsbidragFakturerat.js';

/**
 * Open items (öppna poster): receivables, accruals, prepayments and payables that stay
 * open across days or years until they are paid or reversed. Each has an id chosen by the
 * förbund (an invoice number, say), so that a later event can settle exactly that item,
 * and so that Not 3 and Not 4 can list every open item at year end with its text.
 */
export const openItemKinds = [
  'kundfordran',
  'upplupen-intäkt',
  'förutbetald-kostnad',
  'leverantörsskuld',
  'upplupen-kostnad',
  'övrig-kortfristig-skuld',
  // Last, not beside upplupen-kostnad: a write-side checkpoint stores each settled item's kind
  // as its index in this list (SettledOpenItems), so a new kind only ever goes at the end.
  'förutbetald-intäkt',
] as const;
/** One of `openItemKinds`. */
export type OpenItemKind = (typeof openItemKinds)[number];

/** True for the kinds that are assets (fordringar). */
export const isReceivableKind = (kind: OpenItemKind): boolean =>
  kind === 'kundfordran' || kind === 'upplupen-intäkt' || kind === 'förutbetald-kostnad';

/**
 * True for the kinds whose reversal lands on an income account (by intäktsslag and intäktspost):
 * an upplupen intäkt (reversed against its income) and a förutbetald intäkt (reversed into the
 * income of its period). The other accruals carry a cost placement (område and post).
 */
export const isIncomeAccrualKind = (kind: OpenItemKind): boolean =>
  kind === 'upplupen-intäkt' || kind === 'förutbetald-intäkt';

/** The balance-sheet account of an open item kind. */
export function accountOfKind(chart: Chart, kind: OpenItemKind): string {
  const roles = chart.roles;
  switch (kind) {
    case 'kundfordran':
      return roles.kundfordringar;
    case 'upplupen-intäkt':
    case 'förutbetald-kostnad':
      return roles.förutbetaldaKostnaderUpplupnaIntäkter;
    case 'leverantörsskuld':
      return roles.leverantörsskulder;
    case 'upplupen-kostnad':
      return roles.upplupnaKostnader;
    case 'förutbetald-intäkt':
      return förutbetaldaIntäkterAccount(chart);
    case 'övrig-kortfristig-skuld':
      return roles.övrigaKortfristigaSkulder;
  }
}

/** Where a cost belongs: område, post (the Not 2 line), optional sub-line and insats. */
export const costPlacementFields = {
  område: z.enum(områden, { error: `must be one of ${områden.join(', ')}` }),
  post: freeText(100),
  underpost: freeText(100).optional(),
  insats: freeText(100).optional(),
};

/**
 * The intäktsslag an income accrual may carry: the chart's income kinds, and `medlemsbidrag`, a
 * member's contribution paid ahead (a förutbetald intäkt only), reversed onto the member's
 * contribution account.
 */
export const accrualIntäktsslag = [...intäktsslag, 'medlemsbidrag'] as const;

/**
 * Where an open item's amount belongs when it is reversed: a cost accrual's område, post,
 * underpost and insats (Not 2), an income accrual's intäktsslag and intäktspost (Not 1), a
 * förutbetald medlemsbidrag's medlem and medlemskategori (Not 1's member lines). Shared by the
 * open item and the reversal (`PeriodiseringÅterförd`), which must repeat it.
 */
export const openItemPlacementFields = {
  område: costPlacementFields.område.optional(),
  post: costPlacementFields.post.optional(),
  underpost: costPlacementFields.underpost,
  insats: costPlacementFields.insats,
  intäktsslag: z
    .enum(accrualIntäktsslag, { error: `must be one of ${accrualIntäktsslag.join(', ')}` })
    .optional(),
  /** The Not 1 line of an income accrual, e.g. `Intäkt försäljning tjänst`. */
  intäktspost: freeText(100).optional(),
  /**
   * A förutbetald medlemsbidrag's member and medlemskategori: the dimensions of the contribution
   * it becomes, as a MedlemsbidragMottaget carries them. Last, so that the placement of every
   * other item keeps its order.
   */
  medlem: medlemFields.medlem
    .optional()
    .describe('A förutbetald medlemsbidrag’s member: required with intäktsslag medlemsbidrag.'),
  medlemskategori: medlemFields.medlemskategori
    .optional()
    .describe('The member’s medlemskategori: required with intäktsslag medlemsbidrag.'),
};

/** The placement fields by name. */
export const openItemPlacementNames = Object.keys(
  openItemPlacementFields,
) as (keyof typeof openItemPlacementFields)[];
/** An open item's placement. */
export type OpenItemPlacement = {
  readonly [Field in keyof typeof openItemPlacementFields]?: string;
};

/**
 * The placement fields an item has (none set to `undefined`), to copy onto a reversal or a report
 * row.
 */
export const placementOf = <Item extends OpenItemPlacement>(
  item: Item,
): Pick<Item, Extract<keyof Item, keyof OpenItemPlacement>> => {
  // A plain loop: every cost that opens an item calls this as it is recorded.
  const placement: Record<string, string> = {};
  for (const field of openItemPlacementNames) {
    const value = item[field];
    if (value !== undefined) placement[field] = value;
  }
  return placement as Pick<Item, Extract<keyof Item, keyof OpenItemPlacement>>;
};

/**
 * `item` with the placement fields `source` has (none set to `undefined`) added after its own
 * members, in their order: what `{ ...item, ...placementOf(source) }` gives, without copying
 * twice. `item` must be the caller's own new object without placement fields; it is returned.
 */
export function withPlacementOf<Item extends object>(
  item: Item,
  source: OpenItemPlacement,
): Item & OpenItemPlacement {
  const target = item as Record<string, unknown>;
  for (const field of openItemPlacementNames) {
    const value = source[field];
    if (value !== undefined) target[field] = value;
  }
  return item;
}

/** A field of a placement that breaks a rule: its name (no `data.` prefix), rule and message. */
export interface PlacementIssue {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

/**
 * What is wrong with the medlem fields of an open item of kind `slag` or its reversal: a
 * `medlemsbidrag` is a förutbetald intäkt only, needs its medlem and medlemskategori and has no
 * intäktspost (its Not 1 line is the member's); any other placement has no medlem fields.
 */
export function medlemsbidragPlacementIssues(
  slag: OpenItemKind,
  placement: OpenItemPlacement,
): PlacementIssue[] {
  if (placement.intäktsslag !== 'medlemsbidrag') return memberFieldsRefused(placement);
  const issues: PlacementIssue[] = [];
  if (slag !== 'förutbetald-intäkt')
    issues.push({
      path: 'intäktsslag',
      rule: 'medlemsbidrag-is-förutbetald-intäkt',
      message: `a ${slag} cannot be a medlemsbidrag: only a förutbetald intäkt is (an unpaid contribution is a MedlemsbidragFakturerat)`,
    });
  for (const field of ['medlem', 'medlemskategori'] as const)
    if (placement[field] === undefined)
      issues.push({
        path: field,
        rule: 'medlemsbidrag-needs-member',
        message: `a medlemsbidrag needs its ${field}: the contribution is booked per member`,
      });
  if (placement.intäktspost !== undefined)
    issues.push({
      path: 'intäktspost',
      rule: 'medlemsbidrag-has-member-line',
      message: 'must be left out for a medlemsbidrag: its Not 1 line is the member’s',
    });
  return issues;
}

const memberFieldsRefused = (placement: OpenItemPlacement): PlacementIssue[] =>
  (['medlem', 'medlemskategori'] as const)
    .filter((field) => placement[field] !== undefined)
    .map((field) => ({
      path: field,
      rule: 'member-only-for-medlemsbidrag',
      message: `must be left out unless intäktsslag is medlemsbidrag (it is ${placement.intäktsslag ?? 'not given'})`,
    }));

/** Adds `issues` to a zod refinement, each at its field with its rule. */
export function addPlacementIssues(context: z.RefinementCtx, issues: readonly PlacementIssue[]) {
  for (const issue of issues)
    context.addIssue({
      code: 'custom',
      path: [issue.path],
      message: issue.message,
      params: { rule: issue.rule },
    });
}

/** An open item as declared by an opening balance. */
export const openItemSpecSchema = z
  .object({
    postId: identifier(),
    slag: z.enum(openItemKinds, { error: `must be one of ${openItemKinds.join(', ')}` }),
    belopp: positiveAmount(),
    text: freeText(),
    motpart: freeText(200).optional(),
    förfallodatum: calendarDate().optional(),
    ...openItemPlacementFields,
  })
  .strict()
  .superRefine((item, context) => {
    const isCostAccrual = item.slag === 'förutbetald-kostnad' || item.slag === 'upplupen-kostnad';
    if (isCostAccrual && (item.område === undefined || item.post === undefined)) {
      context.addIssue({
        code: 'custom',
        path: ['område'],
        message: `a ${item.slag} needs område and post, so that its reversal lands on the right cost`,
        params: { rule: 'cost-accrual-needs-placement' },
      });
    }
    if (isIncomeAccrualKind(item.slag) && item.intäktsslag === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['intäktsslag'],
        message: `a ${item.slag} needs its intäktsslag (${accrualIntäktsslag.join(', ')})`,
        params: { rule: 'income-accrual-needs-kind' },
      });
    }
    addPlacementIssues(context, medlemsbidragPlacementIssues(item.slag, item));
  });

/** The data of an open item. */
export type OpenItemSpec = z.output<typeof openItemSpecSchema>;

/** An open item in the ledger's state. */
export interface OpenItem {
  readonly postId: string;
  readonly slag: OpenItemKind;
  readonly text: string;
  readonly motpart?: string;
  readonly område?: Område;
  readonly post?: string;
  readonly underpost?: string;
  readonly insats?: string;
  /** An income accrual's kind: `medlemsbidrag` for a member's contribution paid ahead. */
  readonly intäktsslag?: Intäktsslag | 'medlemsbidrag';
  readonly intäktspost?: string;
  /** A förutbetald medlemsbidrag's member, as its contributions name it. */
  readonly medlem?: string;
  readonly medlemskategori?: Medlemskategori;
  /** The amount when the item was opened, as a decimal string. */
  readonly ursprungligtBelopp: string;
  /** What is still open, as a decimal string. */
  readonly öppetBelopp: string;
  /** The date it was opened. */
  readonly datum: string;
  /** The event that opened it. */
  readonly eventId: string;
}

/**
 * How an event changes open items. `path` is the field of the event that names the item
 * (`data.postId` when left out), so that a refusal can point at it.
 */
export type OpenItemEffect =
  | {
      readonly effect: 'open';
      readonly path?: string;
      readonly item: OpenItemSpec;
      readonly datum: string;
      /** A correction reopens what a corrected payment settled. */
      readonly reopen?: boolean;
    }
  | {
      readonly effect: 'settle';
      readonly path?: string;
      readonly postId: string;
      readonly belopp: string;
      /** The kinds this event may settle; anything else is refused. */
      readonly slag: readonly OpenItemKind[];
      /** Accrual reversals must take the whole open amount. */
      readonly whole: boolean;
    };
