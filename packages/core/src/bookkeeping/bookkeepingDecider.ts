import * as E from 'fp-ts/Either';
import type { LedgerError } from '../error.js';
import { withVerifikationsnummer } from '../store/quickCheckedEnvelope.js';
import { yearOf } from '../events/zodFields.js';
import type { Decider } from '../ledger/Decider.js';
import { Money } from '../money/Money.js';
import type { BookkeepingEventModule } from './BookkeepingEventModule.js';
import { bookkeepingModule, type BookkeepingEvent } from './bookkeepingCatalog.js';
import {
  checkpointBookkeepingState,
  cloneBookkeepingState,
  foldBookkeepingEvent,
  initialBookkeepingState,
  openItemStanding,
  openYearOf,
  type BookkeepingState,
  type OpenItemStanding,
} from './BookkeepingState.js';
import { defaultChart, type Chart } from './ChartOfAccounts.js';
import type { OpenItemEffect } from './OpenItem.js';
import { prepareEvent, PreparedEvents, type PreparedEvent } from './PreparedEvents.js';
import { refusal } from './refusal.js';
import { imbalanceOf, imbalanceText, type VerifikationDraft } from './Verifikation.js';
import { verifikationNumberMismatch } from './postingFold.js';

/**
 * The write-side rules of a förbund's books. Each event's own rule is its module's `check`
 * (an opening balance once and first, a budget once a year, a year closed once and in order
 * with the result the books show, a correction of a stored, correctable event repeated
 * exactly, historical figures that add up). After it, the rules every event shares:
 * - nothing is booked in a closed year or before the opening balance; a correction goes
 *   into the open year;
 * - every verifikation balances;
 * - open items are opened once and settled only if they exist, up to their open amount;
 *   accruals are reversed whole;
 * - no VAT refund above the VAT receivable (a refund is never more than what is receivable);
 *   any other event may take the VAT account below zero, a VAT debt to Skatteverket.
 * Idempotency (the same event id twice) is the store's rule: a retried batch is never
 * checked again, so it is never refused and never booked twice.
 */
export function createBookkeepingDecider(
  chart: Chart = defaultChart,
): Decider<BookkeepingState, BookkeepingEvent> {
  const prepared = new PreparedEvents(chart);
  return {
    initialState: () => initialBookkeepingState(chart),
    evolve(state, event) {
      const { drafts, effects } = prepared.takeForEvolve(event) ?? prepareEvent(state.chart, event);
      foldBookkeepingEvent(state, event, effects, drafts);
      return state;
    },
    // The prepared events themselves, not a closure per event, answer what the rules post.
    decide: (state, event) => checkBookkeepingRules(state, event, prepared),
    clone: cloneBookkeepingState,
    checkpoint: (state, events) =>
      checkpointBookkeepingState(state, events, prepared.startBatch(events)),
    annotate: (state, event) => {
      const found = prepared.of(event);
      const annotated = numberVerifikationer(state, event, found.drafts);
      // The annotated event is what is evolved: it keeps what deciding worked out.
      prepared.annotated(event, annotated, found);
      return annotated;
    },
  };
}

/** The answer of a rule that holds: one value, not a new one per event and rule. */
const rulesHold: E.Either<LedgerError, void> = E.right(undefined);

/**
 * Gives the verifikationer an accepted event books their numbers, stored with the event
 * (`metadata.verifikationsnummer`): continuous, without gaps, one series per year, in recording
 * order. An event that books nothing is stored as it is.
 */
export function numberVerifikationer(
  state: BookkeepingState,
  event: BookkeepingEvent,
  drafts: readonly VerifikationDraft[] = bookkeepingModule(event.type).post(
    event.data,
    state.chart,
  ),
): BookkeepingEvent {
  if (drafts.length === 0) return event;
  // The same members in the same order (a number already given keeps its place); certified as
  // the catalog's metadata was, so that a store takes it as it is (quickCheckedEnvelope.ts).
  const metadata = withVerifikationsnummer(event.metadata, state.numbering.numbersFor(drafts));
  // The envelope's five members, in the order the catalog's `create` and `validate` give every
  // event the recorder checks (and all a store is handed, see `toNewEvent`): one object built
  // whole, where `Object.assign` added them one by one to an empty one (100–250 ns an event
  // against 12–60).
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata,
  } as BookkeepingEvent;
}

/**
 * Numbers the writer gave (an import keeping its numbering) must be the ones the books assign.
 */
function checkGivenNumbers(
  state: BookkeepingState,
  event: BookkeepingEvent,
  drafts: readonly VerifikationDraft[],
): E.Either<LedgerError, void> {
  const given = event.metadata.verifikationsnummer;
  if (given === undefined) return rulesHold;
  const assigned = state.numbering.numbersFor(drafts);
  if (
    given.length === assigned.length &&
    given.every((number, index) => number === assigned[index])
  )
    return rulesHold;
  return E.left(verifikationNumberMismatch(event, given, assigned));
}

/**
 * Checks one new event against the state: its own rule, then the shared ones, in that order; the
 * first refusal is the answer. Pure. Plain early returns rather than a chain of `E.chain`: this
 * runs for every event recorded, and the chain's closures cost more than the checks.
 */
export function checkBookkeepingRules(
  state: BookkeepingState,
  event: BookkeepingEvent,
  prepared: { of(event: BookkeepingEvent): PreparedEvent } = {
    of: (posted) => prepareEvent(state.chart, posted),
  },
): E.Either<LedgerError, void> {
  const module = bookkeepingModule(event.type);
  const own = module.check(state, event);
  if (E.isLeft(own)) return own;
  // Decisions and facts about a year carry their own year rule: there is no open year to
  // move them to.
  if (module.posted) {
    const yearOpen = checkYearOpen(state, event, module);
    if (E.isLeft(yearOpen)) return yearOpen;
  }
  // Posted only once the event's own rule holds (a correction of a budget cannot be posted).
  const { drafts, effects } = prepared.of(event);
  const accounts = checkAccountsInChart(state, event.type, drafts);
  if (E.isLeft(accounts)) return accounts;
  const verifikationer = checkVerifikationer(state, event.type, module, drafts);
  if (E.isLeft(verifikationer)) return verifikationer;
  const openItems = checkOpenItemEffects(state, event.type, module, effects);
  if (E.isLeft(openItems)) return openItems;
  const vat = checkVatReceivable(state, event, module, drafts);
  if (E.isLeft(vat)) return vat;
  return checkGivenNumbers(state, event, drafts);
}

/**
 * Every row books on an account of the chart. A chart's mapping (a cost account per område and
 * post, say) may name an account the chart does not define; that is a refusal naming the
 * account, not a throw from the fold that would meet it later.
 */
function checkAccountsInChart(
  state: BookkeepingState,
  type: string,
  drafts: readonly VerifikationDraft[],
): E.Either<LedgerError, void> {
  // Index loops here and in the other checks of every event: `for…of` left an iterator per list.
  for (let index = 0; index < drafts.length; index += 1) {
    const rader = drafts[index]!.rader;
    for (let row = 0; row < rader.length; row += 1) {
      const rad = rader[row]!;
      if (!state.chart.hasAccount(rad.konto))
        return refusal(
          'UNKNOWN_ACCOUNT',
          `${type} would book on account ${rad.konto || '(none)'}, which chart ${state.chart.name} does not define`,
          {
            path: 'konto',
            rule: 'account-in-chart',
            message: `account ${rad.konto || '(none)'} is not in chart ${state.chart.name}`,
          },
          { account: rad.konto },
        );
    }
  }
  return rulesHold;
}

/**
 * A booking is dated on or after the opening balance, in a year that is not closed, and not
 * past the open year's next. A correction is exempt from the last: it reverses a booking
 * already there, on or after that booking's date, and refusing it would leave a booking that
 * came in before this rule (or before the books' first year was known) with no way out.
 */
function checkYearOpen(
  state: BookkeepingState,
  event: BookkeepingEvent,
  module: BookkeepingEventModule,
): E.Either<LedgerError, void> {
  const businessDate = module.definition.businessDate(event.data);
  const year = yearOf(businessDate);
  const path = module.fieldPaths.date;
  const openingDate = state.openingBalance?.datum;
  if (openingDate !== undefined && businessDate < openingDate)
    return refusal(
      'BEFORE_FIRST_YEAR',
      `${event.type} is dated ${businessDate}, before the ledger's opening balance of ${openingDate}; book it in the open year`,
      { path, rule: 'after-opening-balance', message: `must be on or after ${openingDate}` },
      { datum: businessDate },
    );
  if (state.closedYears.has(year))
    return refusal(
      'YEAR_CLOSED',
      `Financial year ${year} is closed; ${event.type} dated ${businessDate} must be booked in the open year (a correction of ${year} is booked in the open year)`,
      { path, rule: 'year-open', message: `${year} is closed; book it in the open year` },
      { år: year, datum: businessDate },
    );
  if (module.reversesBooking) return rulesHold;
  const openYear = openYearOf(state);
  if (openYear === undefined)
    return checkFirstYearNotAhead(event, businessDate, path, yearOf(event.metadata.recordedAt));
  return checkYearNotTooFarAhead(openYear, event.type, businessDate, path);
}

/**
 * Bookings go in the earliest open year or the one after it (next year's first invoices come
 * before this year is closed); a year further on is a mistyped date (2052 for 2025), which would
 * take the booking out of the year being reported without a word.
 */
function checkYearNotTooFarAhead(
  openYear: number,
  type: string,
  businessDate: string,
  path: string,
): E.Either<LedgerError, void> {
  const year = yearOf(businessDate);
  if (year <= openYear + 1) return rulesHold;
  return refusal(
    'YEAR_NOT_YET_OPEN',
    `${type} is dated ${businessDate}, but the books' open year is ${openYear}: a booking goes in ${openYear} or ${openYear + 1}; check the date, or close ${openYear} first`,
    { path, rule: 'open-year-or-next', message: `must be in ${openYear} or ${openYear + 1}` },
    { datum: businessDate, öppetÅr: openYear },
  );
}

/**
 * The first posted event opens the books in its year (an opening balance, or the first booking
 * of books without one), and every later booking must follow it: a mistyped year there (2052
 * for 2025) would leave the store refusing every right date for good. So it may lie at most in
 * the year after the one it is recorded in, as a later booking may lie at most in the year
 * after the open one. History far back is welcome.
 */
function checkFirstYearNotAhead(
  event: BookkeepingEvent,
  businessDate: string,
  path: string,
  recordedYear: number,
): E.Either<LedgerError, void> {
  if (yearOf(businessDate) <= recordedYear + 1) return rulesHold;
  return refusal(
    'YEAR_NOT_YET_OPEN',
    `${event.type} is dated ${businessDate} and would open the books in ${yearOf(businessDate)}, but it is recorded in ${recordedYear}: the first booking goes in ${recordedYear + 1} at the latest; check the date`,
    {
      path,
      rule: 'first-year-not-ahead',
      message: `must be in ${recordedYear + 1} or earlier (recorded in ${recordedYear})`,
    },
    { datum: businessDate, registreratÅr: recordedYear },
  );
}

/** Every verifikation falls in an open year and balances. */
function checkVerifikationer(
  state: BookkeepingState,
  type: string,
  module: BookkeepingEventModule,
  drafts: readonly VerifikationDraft[],
): E.Either<LedgerError, void> {
  for (let index = 0; index < drafts.length; index += 1) {
    const draft = drafts[index]!;
    const draftYear = yearOf(draft.datum);
    if (state.closedYears.has(draftYear))
      return refusal(
        'YEAR_CLOSED',
        `A verifikation dated ${draft.datum} would fall in closed year ${draftYear}`,
        {
          path: module.fieldPaths.date,
          rule: 'verifikation-in-open-year',
          message: `${type} would book in closed year ${draftYear}`,
        },
        { år: draftYear },
      );
    const imbalance = imbalanceOf(draft.rader);
    if (!imbalance.isZero())
      return refusal(
        'UNBALANCED_VERIFIKATION',
        `${type} does not balance: ${imbalanceText(imbalance)} (assets must equal liabilities plus equity)`,
        {
          path: module.fieldPaths.amount,
          rule: 'debet-equals-kredit',
          message: imbalanceText(imbalance),
        },
        { imbalance: imbalance.toString() },
      );
  }
  return rulesHold;
}

/** An open item as the effects of one event leave it: kind and what is still open. */
type TouchedItem = OpenItemStanding;

/**
 * Open items are opened once (a correction may reopen an existing one), and settled only if
 * they exist, are of a kind the event settles, and are open for at least the amount; an
 * accrual is reversed whole. The effects of one event are checked in order, each against
 * the items as the earlier ones left them. (Exported for its property test.)
 */
export function checkOpenItemEffects(
  state: BookkeepingState,
  type: string,
  module: BookkeepingEventModule,
  effects: readonly OpenItemEffect[],
): E.Either<LedgerError, void> {
  // The items the effects leave, for the later effects to read: none is built for the last
  // effect, which no later one reads, so an event with one effect (most that have any: a cost
  // owed, a payment) builds nothing, nor a map.
  let touched: Map<string, TouchedItem> | undefined;
  const last = effects.length - 1;
  for (let index = 0; index <= last; index += 1) {
    const effect = effects[index]!;
    const postId = effect.effect === 'open' ? effect.item.postId : effect.postId;
    const current = touched?.get(postId) ?? openItemStanding(state, postId);
    if (index === last) return checkLastEffect(current, effect, type, module);
    const checked =
      effect.effect === 'open'
        ? checkOpening(current, effect)
        : checkSettlement(current, effect, type, module);
    if (E.isLeft(checked)) return checked;
    (touched ??= new Map()).set(postId, checked.right);
  }
  return rulesHold;
}

/**
 * The check of an event's last open-item effect against the item as the earlier ones left it
 * (`current`): the same checks and refusals as {@link checkOpening} and
 * {@link checkSettlement}, without the item the effect leaves. A new item is told by its id
 * alone; a settlement's amount is parsed once.
 */
function checkLastEffect(
  current: TouchedItem | undefined,
  effect: OpenItemEffect,
  type: string,
  module: BookkeepingEventModule,
): E.Either<LedgerError, void> {
  if (effect.effect === 'open') {
    // A first opening needs only to know that no item of the id was ever opened.
    if (current === undefined && effect.reopen !== true) return rulesHold;
    const checked = checkOpening(current, effect);
    return E.isLeft(checked) ? checked : rulesHold;
  }
  const settled = settledAmount(current, effect, type, module);
  return settled instanceof Money ? rulesHold : settled;
}

function checkOpening(
  existing: TouchedItem | undefined,
  effect: Extract<OpenItemEffect, { effect: 'open' }>,
): E.Either<LedgerError, TouchedItem> {
  const { postId, slag, belopp } = effect.item;
  const path = effect.path ?? 'data.postId';
  if (effect.reopen !== true) {
    if (existing === undefined) return E.right({ slag, öppet: Money.from(belopp) });
    return refusal(
      'OPEN_ITEM_ALREADY_EXISTS',
      `Open item ${postId} already exists; every receivable, accrual and payable needs its own id`,
      { path, rule: 'unique-open-item', message: `${postId} is already an open item` },
      { postId },
    );
  }
  if (existing === undefined)
    return refusal(
      'OPEN_ITEM_NOT_FOUND',
      `Open item ${postId} does not exist`,
      { path, rule: 'open-item-exists', message: `${postId} is not an open item` },
      { postId },
    );
  if (existing.slag !== slag)
    return refusal(
      'OPEN_ITEM_MISMATCH',
      `${postId} is a ${existing.slag}, not a ${slag}`,
      { path, rule: 'same-kind', message: `${postId} is a ${existing.slag}, not a ${slag}` },
      { postId, slag: existing.slag },
    );
  return E.right({ ...existing, öppet: existing.öppet.plus(Money.from(belopp)) });
}

function checkSettlement(
  entry: TouchedItem | undefined,
  effect: Extract<OpenItemEffect, { effect: 'settle' }>,
  type: string,
  module: BookkeepingEventModule,
): E.Either<LedgerError, TouchedItem> {
  const settled = settledAmount(entry, effect, type, module);
  if (!(settled instanceof Money)) return settled;
  return E.right({ slag: entry!.slag, öppet: entry!.öppet.minus(settled) });
}

/** The amount `effect` settles of item `entry`, or the refusal of the settlement. */
function settledAmount(
  entry: TouchedItem | undefined,
  effect: Extract<OpenItemEffect, { effect: 'settle' }>,
  type: string,
  module: BookkeepingEventModule,
): Money | E.Either<LedgerError, never> {
  const { postId } = effect;
  const path = effect.path ?? 'data.postId';
  if (entry === undefined)
    return refusal(
      'OPEN_ITEM_NOT_FOUND',
      `${type} settles ${postId}, which is not an open item of these books`,
      { path, rule: 'open-item-exists', message: `${postId} is not an open item` },
      { postId },
    );
  const { slag, öppet } = entry;
  if (!effect.slag.includes(slag))
    return refusal(
      'OPEN_ITEM_MISMATCH',
      `${postId} is a ${slag}; ${type} settles only ${effect.slag.join(' or ')}`,
      { path, rule: 'settled-kind', message: `${postId} is a ${slag}` },
      { postId, slag },
    );
  const amount = Money.from(effect.belopp);
  const amountPath = module.fieldPaths.amount;
  if (amount.compare(öppet) > 0)
    return refusal(
      'SETTLEMENT_EXCEEDS_OPEN_AMOUNT',
      `${postId} has ${öppet.toString()} kr open; ${type} would settle ${amount.toString()} kr`,
      {
        path: amountPath,
        rule: 'at-most-open-amount',
        message: `must be at most ${öppet.toString()}, what is open of ${postId}`,
      },
      { postId, open: öppet.toString(), settle: amount.toString() },
    );
  if (effect.whole && !amount.equals(öppet))
    return refusal(
      'OPEN_ITEM_MISMATCH',
      `${postId} has ${öppet.toString()} kr open; an accrual is reversed whole`,
      { path: amountPath, rule: 'reversed-whole', message: `must be ${öppet.toString()}` },
      { postId, open: öppet.toString() },
    );
  return amount;
}

/**
 * No VAT refund above the VAT receivable: an event its module declares a refund
 * (`vatRefund`) may not take the VAT account below zero. Any other event may: a credit note's VAT
 * after a full refund, or a correction reversing a refunded cost's VAT, is owed back to
 * Skatteverket (lag (2005:807) om ersättning för viss mervärdesskatt), a VAT debt the statements
 * show as one at a year end (`vatDebtAtEndOf`).
 */
function checkVatReceivable(
  state: BookkeepingState,
  event: BookkeepingEvent,
  module: BookkeepingEventModule,
  drafts: readonly VerifikationDraft[],
): E.Either<LedgerError, void> {
  const account = state.chart.roles.momsfordran;
  const receivable = state.balances.get(account) ?? Money.zero;
  // Plain loops: most events book nothing on the VAT account, and then nothing is allocated.
  let after = receivable;
  let rowBelowZero = -1;
  for (let index = 0; index < drafts.length; index += 1) {
    const rader = drafts[index]!.rader;
    for (let row = 0; row < rader.length; row += 1)
      if (rader[row]!.konto === account) {
        after = after.plus(rader[row]!.belopp);
        if (rowBelowZero < 0 && after.isNegative()) rowBelowZero = row;
      }
  }
  if (!after.isNegative() || !module.vatRefund(event.data, state.chart)) return rulesHold;
  // An imported verifikation's own rows book the refund: name the row on the VAT account that
  // first takes the receivable below zero.
  const { rows, amount } = module.fieldPaths;
  return refusal(
    'VAT_REFUND_EXCEEDS_RECEIVABLE',
    `The VAT receivable is ${receivable.toString()} kr; ${event.type} would take it to ${after.toString()} kr`,
    {
      path: rows === undefined ? amount : `${rows}.${rowBelowZero}.belopp`,
      rule: 'at-most-vat-receivable',
      message: `must leave the VAT receivable of ${receivable.toString()} kr at zero or above`,
    },
    { receivable: receivable.toString() },
  );
}
