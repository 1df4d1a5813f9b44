import * as E from 'fp-ts/Either';
import type { LedgerError } from '../error.js';
import type { EventDefinition } from '../events/defineEvent.js';
import type { DomainEvent } from '../ledger/EventCatalog.js';
import type { BookkeepingState } from './BookkeepingState.js';
import type { Chart } from './ChartOfAccounts.js';
import type { OpenItemEffect } from './OpenItem.js';
import type { VerifikationDraft } from './Verifikation.js';

/**
 * Everything about one bookkeeping event, in one file: its definition (schema, business
 * date, meaning), its posting rule, how it opens or settles open items, and its own
 * write-side rule.
 *
 * `post` is pure: the same data and chart always give the same balanced verifikationer.
 * It needs nothing but the event itself, so that replay holds no history in memory.
 *
 * `check` holds only the rules that belong to this event (an opening balance is recorded
 * once, a budget is adopted once a year, a year closes with the result the books show).
 * The rules that hold for every event (nothing booked in a closed year, every verifikation
 * balances, open items are opened once and settled up to their open amount, no VAT refund
 * above the VAT receivable) are the decider's, and run after `check`.
 */
export interface BookkeepingEventModule<
  Type extends string = string,
  Data = unknown,
  Input = unknown,
> {
  readonly definition: EventDefinition<Type, Data, Input>;
  /**
   * True if the event books verifikationer. False for decisions and facts about a year
   * (budgets, staffing, historical figures): they carry their own year rule, and they do
   * not start the ledger's first year.
   */
  readonly posted: boolean;
  /** True if a correction (HändelseRättad) may reverse the event. */
  readonly correctable: boolean;
  /**
   * True if the event, with this data, is a VAT refund: Skatteverket paying back the VAT
   * receivable (`MomsÅterbetald`; an imported verifikation that books the bank account). A
   * refund is never more than the receivable (`VAT_REFUND_EXCEEDS_RECEIVABLE`). Any other event
   * that takes the VAT account below zero (a credit note's VAT after a full refund, a correction
   * of a cost whose VAT was refunded) is accepted: the förbund then owes that VAT to
   * Skatteverket, and a year end shows it as a debt (`vatDebtAtEndOf`).
   */
  vatRefund(data: Data, chart: Chart): boolean;
  /**
   * True if the event reverses a booking already in the books (a correction). Such an event
   * may be dated past the open year's next year, since the booking it reverses may be: the
   * rule that keeps bookings in the open year or the next does not apply to it.
   */
  readonly reversesBooking: boolean;
  /**
   * The fields a refusal of the decider's common rules names: `date`, the field that gives
   * the business date (a booking in a closed year), `amount`, the field whose amount breaks
   * a balance (an unbalanced verifikation, a refund above the VAT receivable, a settlement
   * above the open amount). `rows`, for an event whose data lists its verifikation's rows in
   * the order it posts them (an imported verifikation's `data.rader`), lets a rule about one
   * account name the row that books on it.
   */
  readonly fieldPaths: {
    readonly date: string;
    readonly amount: string;
    readonly rows?: string;
  };
  post(data: Data, chart: Chart): readonly VerifikationDraft[];
  openItemEffects(data: Data): readonly OpenItemEffect[];
  /** The event's own write-side rule, against the books so far. Pure. */
  check(state: BookkeepingState, event: DomainEvent<Type, Data>): E.Either<LedgerError, void>;
  /**
   * Keeps what later rules need to know of this event beyond its postings and open items
   * (the opening balance, a closed year, a budget's decision date), updating the state in
   * place as the state's fold does.
   */
  evolve(state: BookkeepingState, event: DomainEvent<Type, Data>): void;
}

/** What {@link defineBookkeepingEvent} takes: the module, with defaults for the optional parts. */
export interface BookkeepingEventModuleInput<Type extends string, Data, Input> {
  definition: EventDefinition<Type, Data, Input>;
  post(data: Data, chart: Chart): readonly VerifikationDraft[];
  openItemEffects?(data: Data): readonly OpenItemEffect[];
  check?(state: BookkeepingState, event: DomainEvent<Type, Data>): E.Either<LedgerError, void>;
  evolve?(state: BookkeepingState, event: DomainEvent<Type, Data>): void;
  /** False for events that never book a verifikation; true when left out. */
  posted?: boolean;
  /** True for ordinary bookings a correction may reverse; false when left out. */
  correctable?: boolean;
  /** True, or a test of the data, for a VAT refund; false when left out (see the module's). */
  vatRefund?: boolean | ((data: Data, chart: Chart) => boolean);
  /** True for an event that reverses a booking already in the books; false when left out. */
  reversesBooking?: boolean;
  /** Defaults: `data.datum` and `data.belopp`, and no `rows`. */
  fieldPaths?: {
    readonly date?: string;
    readonly amount?: string;
    readonly rows?: string;
  };
}

// One answer for every event without a rule of its own, not a new one per event.
const acceptedAnswer: E.Either<LedgerError, void> = E.right(undefined);
const accepted = (): E.Either<LedgerError, void> => acceptedAnswer;
const always = (): boolean => true;
const never = (): boolean => false;

/** The module's `vatRefund` test from what {@link defineBookkeepingEvent} was given. */
const vatRefundTest = <Data>(
  given: boolean | ((data: Data, chart: Chart) => boolean) | undefined,
): ((data: Data, chart: Chart) => boolean) =>
  typeof given === 'function' ? given : given === true ? always : never;

/**
 * Declares a bookkeeping event module. Left out: no open-item effects, no rule of its own,
 * nothing kept beyond postings and open items, posted, not correctable, no VAT refund, reversing
 * nothing, dated by `data.datum`, amount in `data.belopp`.
 *
 * @example
 * ```ts
 * export const MomsÅterbetald = defineBookkeepingEvent({
 *   definition: defineEvent({ type: 'MomsÅterbetald', ... }),
 *   correctable: true,
 *   vatRefund: true,
 *   post: (data, chart) => [{ datum: data.datum, text: 'Moms', rader: [...] }],
 * });
 * ```
 */
export const defineBookkeepingEvent = <const Type extends string, Data, Input>(
  module: BookkeepingEventModuleInput<Type, Data, Input>,
): BookkeepingEventModule<Type, Data, Input> => ({
  definition: module.definition,
  posted: module.posted ?? true,
  correctable: module.correctable ?? false,
  vatRefund: vatRefundTest(module.vatRefund),
  reversesBooking: module.reversesBooking ?? false,
  fieldPaths: {
    date: module.fieldPaths?.date ?? 'data.datum',
    amount: module.fieldPaths?.amount ?? 'data.belopp',
    ...(module.fieldPaths?.rows === undefined ? {} : { rows: module.fieldPaths.rows }),
  },
  post: module.post,
  openItemEffects: module.openItemEffects ?? (() => []),
  check: module.check ?? accepted,
  evolve: module.evolve ?? (() => undefined),
});
