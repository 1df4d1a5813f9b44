import { z } from 'zod';
import { calendarDate, freeText, identifier } from '../events/zodFields.js';
import { positiveAmount } from '../money/zodMoney.js';
import {
  intäktsslag,
  områden,
  förutbetaldaIntäkterAccount,
  type Chart,
  type Intäktsslag,
  type Område,
} from './ChartOfAccounts.js';

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
 * Where an open item's amount belongs when it is reversed: a cost accrual's område, post,
 * underpost and insats (Not 2), an income accrual's intäktsslag and intäktspost (Not 1).
 * Shared by the open item and the reversal (`PeriodiseringÅterförd`), which must repeat it.
 */
export const openItemPlacementFields = {
  område: costPlacementFields.område.optional(),
  post: costPlacementFields.post.optional(),
  underpost: costPlacementFields.underpost,
  insats: costPlacementFields.insats,
  intäktsslag: z.enum(intäktsslag).optional(),
  /** The Not 1 line of an income accrual, e.g. `Intäkt försäljning tjänst`. */
  intäktspost: freeText(100).optional(),
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
        message: `a ${item.slag} needs its intäktsslag (esf, bidrag or övrig)`,
        params: { rule: 'income-accrual-needs-kind' },
      });
    }
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
  readonly intäktsslag?: Intäktsslag;
  readonly intäktspost?: string;
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
