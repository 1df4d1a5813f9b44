import type { BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import { defaultChart, type Chart, type StatementLine } from '../bookkeeping/ChartOfAccounts.js';
import { accountOfKind, isReceivableKind, openItemKinds } from '../bookkeeping/OpenItem.js';
import type { PostedEvent } from '../bookkeeping/postingFold.js';
import { assert, ledgerError } from '../error.js';
import { isCalendarDate } from '../events/zodFields.js';
import type { DomainEvent } from '../ledger/EventCatalog.js';
import { Money } from '../money/Money.js';
import type { Projection } from '../projections/Projection.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import {
  openItemsAtDateProjection,
  type OpenItemAtYearEnd,
  type OpenItemsAtYearEndState,
} from './openItemsAtYearEnd.js';
import { replayBookkeeping } from './replayStatements.js';

/**
 * How long an open item has been due at the reskontra's date, in the buckets an ageing list
 * (åldersanalys) uses: not yet due, 1–30, 31–60, 61–90 or more than 90 days past its due date,
 * or without a due date (accruals, and invoices recorded without one).
 */
export const förfalloklasser = [
  'ej-förfallen',
  '1-30-dagar',
  '31-60-dagar',
  '61-90-dagar',
  'över-90-dagar',
  'utan-förfallodatum',
] as const;
/** One of {@link förfalloklasser}. */
export type Förfalloklass = (typeof förfalloklasser)[number];

/** One open item at the reskontra's date. */
export interface ReskontraPost extends OpenItemAtYearEnd {
  /**
   * Whole days from the due date to the reskontra's date: positive when the item is overdue, zero
   * on its due date, negative before it. Left out when the item has no due date.
   */
  readonly dagarEfterFörfallodatum?: number;
  /** The ageing bucket the item is in at the reskontra's date. */
  readonly förfalloklass: Förfalloklass;
}

/** One balance-sheet account of the reskontra: its open items, checked against the account. */
export interface ReskontraKonto {
  /** The balance-sheet account, e.g. `2440`. */
  readonly konto: string;
  /** The account's name in the chart, e.g. `Leverantörsskulder`. */
  readonly namn: string;
  /** The balansräkning line the account feeds. */
  readonly line: StatementLine;
  /** Fordringar (debet) or skulder (kredit): the side the amounts below are positive on. */
  readonly sida: 'fordran' | 'skuld';
  /** The open items on the account, by kind, then in the order they were recorded. */
  readonly poster: readonly ReskontraPost[];
  /** What the items have open, per ageing bucket (every bucket, zero included). */
  readonly perFörfalloklass: Readonly<Record<Förfalloklass, Money>>;
  /** The items' open amounts added up. */
  readonly summaPoster: Money;
  /** The account's balance at the date from the verifikationer, on the account's side. */
  readonly saldoEnligtHuvudbok: Money;
  /**
   * What the items do not explain: `saldoEnligtHuvudbok − summaPoster`, a booking on the account
   * that no open item carries (an imported verifikation, say). Zero when the reskontra agrees
   * with the ledger.
   */
  readonly ospecificerat: Money;
}

/**
 * The reskontra at a date: every open item (kundfordringar, accruals, prepayments,
 * leverantörsskulder, other short-term debts) with what was still open that day, its due date
 * and how long it has been overdue; per account checked against the ledger's balance.
 */
export interface Reskontra {
  /** The date the items stood at, `YYYY-MM-DD`: every event dated on or before it counts. */
  readonly datum: string;
  /** The accounts with an open item or a balance, in account order. */
  readonly konton: readonly ReskontraKonto[];
}

/** What the reskontra's projection gathers: the open items and the item accounts' balances. */
export interface ReskontraState {
  readonly openItems: OpenItemsAtYearEndState;
  /** Each open-item account's balance at the date, debet positive. */
  readonly balances: Map<string, Money>;
}

/** Refuses a date that is not a calendar date `YYYY-MM-DD`, naming `datum`. */
function checkDate(datum: string): void {
  if (isCalendarDate(datum)) return;
  throw ledgerError('VALIDATION_FAILED', `the reskontra's date "${datum}" is not a date`, {
    issues: [{ path: 'datum', rule: 'date-exists', message: 'must be a date YYYY-MM-DD' }],
  });
}

/**
 * The accounts open items are kept on, each once with its side: an account that holds any kind of
 * receivable is a fordran's (debet), the others hold debts (kredit).
 */
function itemAccountSides(chart: Chart): Map<string, ReskontraKonto['sida']> {
  const sides = new Map<string, ReskontraKonto['sida']>();
  for (const kind of openItemKinds) {
    const konto = accountOfKind(chart, kind);
    if (isReceivableKind(kind)) sides.set(konto, 'fordran');
    else if (!sides.has(konto)) sides.set(konto, 'skuld');
  }
  return sides;
}

/**
 * The reskontra's projection over posted events: the open items as they stood at `datum` (the
 * same effects and dating as {@link openItemsAtDateProjection}) and the balance of every
 * open-item account from the verifikationer dated on or before `datum`. Memory: the open items
 * and a few balances.
 */
export const reskontraProjection = (
  chart: Chart,
  datum: string,
): Projection<PostedEvent<BookkeepingEvent>, ReskontraState, ReskontraState> => {
  checkDate(datum);
  const items = openItemsAtDateProjection(chart, datum);
  const accounts = itemAccountSides(chart);
  return {
    name: `reskontra(${datum})`,
    init: () => ({ openItems: items.init(), balances: new Map() }),
    apply(state, posted) {
      items.apply(state.openItems, posted);
      for (const verifikation of posted.verifikationer) {
        if (verifikation.datum > datum) continue;
        for (const rad of verifikation.rader)
          if (accounts.has(rad.konto))
            state.balances.set(
              rad.konto,
              (state.balances.get(rad.konto) ?? Money.zero).plus(rad.belopp),
            );
      }
      return state;
    },
    result: (state) => state,
  };
};

const daysBetween = (from: string, to: string): number =>
  // Both are calendar dates at UTC midnight: the difference is whole days.
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

function förfalloklassOf(dagar: number | undefined): Förfalloklass {
  if (dagar === undefined) return 'utan-förfallodatum';
  if (dagar <= 0) return 'ej-förfallen';
  if (dagar <= 30) return '1-30-dagar';
  if (dagar <= 60) return '31-60-dagar';
  return dagar <= 90 ? '61-90-dagar' : 'över-90-dagar';
}

function postOf(item: OpenItemAtYearEnd, datum: string): ReskontraPost {
  if (item.förfallodatum === undefined) return { ...item, förfalloklass: 'utan-förfallodatum' };
  const dagar = daysBetween(item.förfallodatum, datum);
  return { ...item, dagarEfterFörfallodatum: dagar, förfalloklass: förfalloklassOf(dagar) };
}

/**
 * The reskontra at `state`'s date from the projection's state (pure): per open-item account its
 * items, their ageing and the check against the account's balance. An account with neither an
 * item nor a balance is left out.
 */
export function reskontra(chart: Chart, state: ReskontraState): Reskontra {
  const datum = state.openItems.datum;
  const open = openItemsAtDateProjection(chart, datum).result(state.openItems);
  const konton = [...itemAccountSides(chart)]
    .sort(([left], [right]) => left.localeCompare(right))
    .flatMap(([konto, sida]): ReskontraKonto[] => {
      const poster = open.items
        .filter((item) => item.konto === konto)
        .map((item) => postOf(item, datum));
      const debetBalance = state.balances.get(konto) ?? Money.zero;
      if (poster.length === 0 && debetBalance.isZero()) return [];
      const saldoEnligtHuvudbok = sida === 'fordran' ? debetBalance : debetBalance.negated();
      const summaPoster = Money.sum(poster.map((post) => post.öppetBelopp));
      const account = chart.account(konto);
      return [
        {
          konto,
          namn: account.name,
          line: account.line,
          sida,
          poster,
          perFörfalloklass: perFörfalloklass(poster),
          summaPoster,
          saldoEnligtHuvudbok,
          ospecificerat: saldoEnligtHuvudbok.minus(summaPoster),
        },
      ];
    });
  return { datum, konton };
}

function perFörfalloklass(poster: readonly ReskontraPost[]): Record<Förfalloklass, Money> {
  const sums = Object.fromEntries(
    förfalloklasser.map((klass) => [
      klass,
      Money.sum(poster.filter((post) => post.förfalloklass === klass).map((p) => p.öppetBelopp)),
    ]),
  ) as Record<Förfalloklass, Money>;
  assert(
    Money.sum(Object.values(sums)).equals(Money.sum(poster.map((post) => post.öppetBelopp))),
    'every open item is in exactly one ageing bucket',
    { items: poster.length },
  );
  return sums;
}

/**
 * Replays a förbund's bookkeeping events and returns the reskontra at `datum` (`YYYY-MM-DD`):
 * the open items as they stood that day, aged by their due dates, each account checked against
 * its balance in the ledger.
 */
export async function replayReskontra(
  events: AsyncIterable<StoredEvent | DomainEvent> | Iterable<StoredEvent | DomainEvent>,
  datum: string,
  options: { readonly chart?: Chart } = {},
): Promise<Reskontra> {
  const chart = options.chart ?? defaultChart;
  const { reskontra: state } = await replayBookkeeping(events, {
    chart,
    extra: { reskontra: reskontraProjection(chart, datum) },
  });
  return reskontra(chart, state);
}
