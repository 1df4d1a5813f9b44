import * as E from 'fp-ts/Either';
import { ledgerError, type ErrorCode, type Issue, type LedgerError } from '../error.js';
import { yearOf } from '../events/zodFields.js';
import type { Decider } from '../ledger/Decider.js';
import { Money } from '../money/Money.js';
import { eventFingerprint } from '../store/appendRules.js';
import {
  bookkeepingModule,
  correctableEventTypes,
  postEvent,
  type BookkeepingEvent,
} from './bookkeepingCatalog.js';
import {
  cloneBookkeepingState,
  evolveBookkeepingState,
  initialBookkeepingState,
  type BookkeepingState,
} from './BookkeepingState.js';
import { defaultChart, type Chart } from './ChartOfAccounts.js';
import { openItemPlacementNames, type OpenItemEffect, type OpenItemPlacement } from './OpenItem.js';
import { imbalanceOf } from './Verifikation.js';

const refuse = (
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
  issues: Issue[] = [],
): E.Either<LedgerError, never> => E.left(ledgerError(code, message, { details, issues }));

const effectsOf = (event: BookkeepingEvent): readonly OpenItemEffect[] =>
  bookkeepingModule(event.type).openItemEffects(event.data);

/**
 * The write-side rules of a förbund's books:
 * - nothing is booked in a closed year or before the opening balance; a correction goes
 *   into the open year;
 * - the opening balance is recorded once, before any booking, and balances;
 * - open items are opened once and settled only if they exist, up to their open amount;
 *   accruals are reversed whole, with the placement they were opened with;
 * - the VAT receivable never goes below zero (no refund above what is receivable);
 * - a correction names a stored, correctable, not yet corrected event, repeated exactly;
 * - a year is closed once, after the year before, with the result the books show;
 * - historical figures are consistent in themselves and with the opening balance.
 * Idempotency (the same event id twice) is the store's rule: a retried batch is never
 * checked again, so it is never refused and never booked twice.
 */
export function createBookkeepingDecider(
  chart: Chart = defaultChart,
): Decider<BookkeepingState, BookkeepingEvent> {
  return {
    initialState: () => initialBookkeepingState(chart),
    evolve(state, event) {
      evolveBookkeepingState(state, event, effectsOf(event));
      return state;
    },
    decide: checkBookkeepingRules,
    clone: cloneBookkeepingState,
  };
}

/** Checks one new event against the state. Pure: the state is not changed. */
export function checkBookkeepingRules(
  state: BookkeepingState,
  event: BookkeepingEvent,
): E.Either<LedgerError, void> {
  const businessDate = bookkeepingModule(event.type).definition.businessDate(event.data);
  const year = yearOf(businessDate);

  if (event.type === 'HistoriskaÅrsuppgifterRegistrerade')
    return checkHistoricalFigures(state, event.data);
  if (event.type === 'BudgetFastställd' || event.type === 'BudgetÄndrad') {
    const budgetCheck = checkBudgetDecision(state, event);
    if (E.isLeft(budgetCheck)) return budgetCheck;
  }

  const openingDate = state.openingBalance?.datum;
  if (event.type === 'IngåendeBalansRegistrerad') {
    if (openingDate !== undefined)
      return refuse(
        'OPENING_BALANCE_ALREADY_RECORDED',
        `The opening balance was already recorded (${openingDate})`,
      );
    if (state.firstYear !== undefined)
      return refuse(
        'OPENING_BALANCE_ALREADY_RECORDED',
        'An opening balance must come before any booking',
      );
    // Budgets and staffing post nothing, so they may come before the opening balance, but
    // only for its year or later: recorded after it, one for an earlier year is refused.
    const before = (years: Iterable<number>) => [...years].filter((år) => år < year);
    const earlier = [
      ...before(state.budgetDecisionDates.keys()).map((år) => `the budget of ${år}`),
      ...before(state.staffingYears).map((år) => `the staffing of ${år}`),
    ];
    if (earlier.length > 0) {
      return refuse(
        'YEAR_CLOSED',
        `The opening balance of ${event.data.datum} would leave ${earlier.join(' and ')} before the ledger's first year ${year}; years before the ledger carry their personnel on HistoriskaÅrsuppgifterRegistrerade`,
        { datum: event.data.datum },
        [
          {
            path: 'data.datum',
            rule: 'after-recorded-years',
            message: `must be on or before the first day of the earliest year with a budget or staffing (${earlier.join(', ')})`,
          },
        ],
      );
    }
    const history = state.historicalYears.get(year - 1);
    if (history?.balansräkning) {
      const mismatch = compareWithOpening(history.balansräkning, event.data);
      if (mismatch.length > 0)
        return refuse(
          'HISTORICAL_FIGURES_INCONSISTENT',
          `The opening balance does not agree with the balance sheet of ${year - 1}: ${mismatch.map((issue) => issue.message).join('; ')}`,
          { år: year - 1 },
          mismatch,
        );
    }
  }

  if (
    event.type === 'BudgetFastställd' ||
    event.type === 'BudgetÄndrad' ||
    event.type === 'PersonalresurserRegistrerade'
  ) {
    // Decisions and facts about a year, not bookings: there is no open year to move them to.
    const år = event.data.år;
    const rule =
      openingDate !== undefined && businessDate < openingDate
        ? {
            rule: 'year-in-ledger',
            why: `before the ledger's first year ${yearOf(openingDate)}${event.type === 'PersonalresurserRegistrerade' ? ' (years before it carry their personnel on HistoriskaÅrsuppgifterRegistrerade)' : ''}`,
          }
        : state.closedYears.has(år)
          ? { rule: 'year-open', why: 'closed' }
          : undefined;
    if (rule !== undefined) {
      return refuse(
        'YEAR_CLOSED',
        `${event.type} for ${år} is refused: ${år} is ${rule.why}`,
        { år },
        [{ path: 'data.år', rule: rule.rule, message: `${år} is ${rule.why}` }],
      );
    }
  }

  if (openingDate !== undefined && businessDate < openingDate) {
    return refuse(
      'YEAR_CLOSED',
      `${event.type} is dated ${businessDate}, before the ledger's opening balance of ${openingDate}; book it in the open year`,
      { datum: businessDate },
    );
  }
  if (state.closedYears.has(year)) {
    return event.type === 'RäkenskapsårStängt'
      ? refuse('YEAR_ALREADY_CLOSED', `Financial year ${year} is already closed`, { år: year })
      : refuse(
          'YEAR_CLOSED',
          `Financial year ${year} is closed; ${event.type} dated ${businessDate} must be booked in the open year (a correction of ${year} is booked in the open year)`,
          { år: year, datum: businessDate },
        );
  }

  // Before posting: a correction's posting reverses the original's, which only a correctable type has.
  if (event.type === 'HändelseRättad' && !correctableEventTypes.has(event.data.original.type)) {
    const type = event.data.original.type;
    const instead =
      type === 'BudgetFastställd' || type === 'BudgetÄndrad'
        ? '; a budget is changed by an ändringsbeslut (BudgetÄndrad)'
        : type === 'PersonalresurserRegistrerade'
          ? '; a new PersonalresurserRegistrerade for the year replaces the earlier'
          : '';
    return refuse(
      'EVENT_NOT_CORRECTABLE',
      `${type} cannot be corrected with HändelseRättad${instead}`,
      { eventId: event.data.rättadEventId, type },
      [
        {
          path: 'data.original.type',
          rule: 'correctable-event-type',
          message: `${type} is not a correctable event type${instead}`,
        },
      ],
    );
  }

  const drafts = postEvent(event, state.chart);
  for (const draft of drafts) {
    const draftYear = yearOf(draft.datum);
    if (state.closedYears.has(draftYear))
      return refuse(
        'YEAR_CLOSED',
        `A verifikation dated ${draft.datum} would fall in closed year ${draftYear}`,
        { år: draftYear },
      );
    const imbalance = imbalanceOf(draft.rader);
    if (!imbalance.isZero()) {
      return refuse(
        'UNBALANCED_VERIFIKATION',
        `${event.type} does not balance: debet exceeds kredit by ${imbalance.toString()} kr (assets must equal liabilities plus equity)`,
        {
          imbalance: imbalance.toString(),
        },
      );
    }
  }

  if (event.type === 'RäkenskapsårStängt') {
    if (state.firstYear === undefined)
      return refuse('OPENING_BALANCE_REQUIRED', `Nothing is booked yet; ${year} cannot be closed`, {
        år: year,
      });
    if (year < state.firstYear)
      return refuse('YEAR_CLOSED', `${year} is before the ledger's first year ${state.firstYear}`, {
        år: year,
      });
    if (year > state.firstYear && !state.closedYears.has(year - 1))
      return refuse('PREVIOUS_YEAR_NOT_CLOSED', `Close ${year - 1} before ${year}`, { år: year });
    const booked = state.yearResults.get(year) ?? Money.zero;
    if (!booked.equals(Money.from(event.data.åretsResultat))) {
      return refuse(
        'YEAR_RESULT_MISMATCH',
        `The books show a result of ${booked.toString()} kr for ${year}, not ${event.data.åretsResultat}`,
        { år: year, booked: booked.toString(), stated: event.data.åretsResultat },
      );
    }
  }

  if (event.type === 'HändelseRättad') {
    const { rättadEventId, original } = event.data;
    if (state.correctedEventIds.has(rättadEventId))
      return refuse('EVENT_ALREADY_CORRECTED', `Event ${rättadEventId} was already corrected`, {
        eventId: rättadEventId,
      });
    const stored = state.correctableEvents.get(rättadEventId);
    if (!stored)
      return refuse(
        'EVENT_NOT_FOUND',
        `No correctable event ${rättadEventId} in these books (openings, closings and corrections are not corrected this way)`,
        { eventId: rättadEventId },
      );
    if (!correctableEventTypes.has(original.type))
      return refuse('EVENT_NOT_CORRECTABLE', `${original.type} cannot be corrected`, {
        eventId: rättadEventId,
      });
    if (eventFingerprint(original) !== stored.fingerprint) {
      return refuse(
        'CORRECTION_MISMATCH',
        `The correction's copy of ${rättadEventId} differs from the stored event; repeat it exactly`,
        { eventId: rättadEventId },
      );
    }
  }

  const effectCheck = checkOpenItemEffects(state, event);
  if (E.isLeft(effectCheck)) return effectCheck;

  const vatAccount = state.chart.roles.momsfordran;
  let vat = state.balances.get(vatAccount) ?? Money.zero;
  for (const draft of drafts)
    for (const rad of draft.rader) if (rad.konto === vatAccount) vat = vat.plus(rad.belopp);
  if (vat.isNegative()) {
    return refuse(
      'VAT_REFUND_EXCEEDS_RECEIVABLE',
      `The VAT receivable is ${(state.balances.get(vatAccount) ?? Money.zero).toString()} kr; ${event.type} would take it to ${vat.toString()} kr`,
      {
        receivable: (state.balances.get(vatAccount) ?? Money.zero).toString(),
      },
    );
  }
  return E.right(undefined);
}

function checkOpenItemEffects(
  state: BookkeepingState,
  event: BookkeepingEvent,
): E.Either<LedgerError, void> {
  // The items this event touches: kind and placement as opened, and what is open after each effect.
  const touched = new Map<string, { item: OpenItemPlacement & { slag: string }; öppet: Money }>();
  const current = (postId: string) => {
    if (touched.has(postId)) return touched.get(postId);
    const item = state.openItems.get(postId);
    return item === undefined ? undefined : { item, öppet: Money.from(item.öppetBelopp) };
  };
  for (const effect of effectsOf(event)) {
    if (effect.effect === 'open') {
      const existing = current(effect.item.postId);
      if (effect.reopen) {
        if (existing === undefined)
          return refuse('OPEN_ITEM_NOT_FOUND', `Open item ${effect.item.postId} does not exist`, {
            postId: effect.item.postId,
          });
        if (existing.item.slag !== effect.item.slag)
          return refuse(
            'OPEN_ITEM_MISMATCH',
            `${effect.item.postId} is a ${existing.item.slag}, not a ${effect.item.slag}`,
            { postId: effect.item.postId, slag: existing.item.slag },
          );
        touched.set(effect.item.postId, {
          ...existing,
          öppet: existing.öppet.plus(Money.from(effect.item.belopp)),
        });
        continue;
      }
      if (existing !== undefined || state.openItems.has(effect.item.postId)) {
        return refuse(
          'OPEN_ITEM_ALREADY_EXISTS',
          `Open item ${effect.item.postId} already exists; every receivable, accrual and payable needs its own id`,
          { postId: effect.item.postId },
        );
      }
      touched.set(effect.item.postId, { item: effect.item, öppet: Money.from(effect.item.belopp) });
      continue;
    }
    const entry = current(effect.postId);
    if (entry === undefined)
      return refuse(
        'OPEN_ITEM_NOT_FOUND',
        `${event.type} settles ${effect.postId}, which is not an open item of these books`,
        { postId: effect.postId },
      );
    const { item, öppet } = entry;
    if (!effect.slag.includes(item.slag as never)) {
      return refuse(
        'OPEN_ITEM_MISMATCH',
        `${effect.postId} is a ${item.slag}; ${event.type} settles only ${effect.slag.join(' or ')}`,
        { postId: effect.postId, slag: item.slag },
      );
    }
    const amount = Money.from(effect.belopp);
    if (amount.compare(öppet) > 0) {
      const code =
        event.type === 'HändelseRättad'
          ? 'EVENT_NOT_CORRECTABLE'
          : 'SETTLEMENT_EXCEEDS_OPEN_AMOUNT';
      return refuse(
        code,
        `${effect.postId} has ${öppet.toString()} kr open; ${event.type} would settle ${amount.toString()} kr${code === 'EVENT_NOT_CORRECTABLE' ? ' (correct its settlements first)' : ''}`,
        {
          postId: effect.postId,
          open: öppet.toString(),
          settle: amount.toString(),
        },
      );
    }
    if (effect.whole && !amount.equals(öppet)) {
      return refuse(
        'OPEN_ITEM_MISMATCH',
        `${effect.postId} has ${öppet.toString()} kr open; an accrual is reversed whole`,
        { postId: effect.postId, open: öppet.toString() },
      );
    }
    if (event.type === 'PeriodiseringÅterförd') {
      const data = event.data;
      // The reversal states the item's whole placement exactly: its posting cannot see the open
      // item, and without the underpost, insats or intäktspost the reversed amount would land on
      // another Not 1 or Not 2 line than the accrual it reverses.
      const mismatch = openItemPlacementNames
        .filter((field) => data[field] !== item[field])
        .map((field) => `${field} is ${item[field] ?? '(none)'}, not ${data[field] ?? '(none)'}`);
      if (mismatch.length > 0)
        return refuse('OPEN_ITEM_MISMATCH', `${effect.postId}: ${mismatch.join('; ')}`, {
          postId: effect.postId,
        });
    }
    touched.set(effect.postId, { item, öppet: öppet.minus(amount) });
  }
  return E.right(undefined);
}

/** A budget is adopted once per year; ändringsbeslut follow it in date order; a budget decision is dated on or before the year's end. */
function checkBudgetDecision(
  state: BookkeepingState,
  event: Extract<BookkeepingEvent, { type: 'BudgetFastställd' | 'BudgetÄndrad' }>,
): E.Either<LedgerError, void> {
  const { år, beslutsdatum } = event.data;
  const latest = state.budgetDecisionDates.get(år);
  if (beslutsdatum > `${år}-12-31`) {
    return refuse(
      'VALIDATION_FAILED',
      `A budget decision for ${år} is dated on or before ${år}-12-31, not ${beslutsdatum}`,
      { år },
      [
        {
          path: 'data.beslutsdatum',
          rule: 'decided-before-year-end',
          message: `must be on or before ${år}-12-31`,
        },
      ],
    );
  }
  if (event.type === 'BudgetFastställd') {
    if (latest !== undefined)
      return refuse(
        'BUDGET_ALREADY_ADOPTED',
        `The budget for ${år} was already adopted; change it with an ändringsbeslut (BudgetÄndrad)`,
        { år },
      );
    return E.right(undefined);
  }
  if (latest === undefined)
    return refuse(
      'BUDGET_NOT_ADOPTED',
      `No budget for ${år} is adopted; an ändringsbeslut needs one (BudgetFastställd)`,
      { år },
    );
  if (beslutsdatum < latest) {
    return refuse(
      'DATES_OUT_OF_ORDER',
      `An ändringsbeslut for ${år} dated ${beslutsdatum} comes before the latest budget decision of ${latest}`,
      { år, latest },
      [
        {
          path: 'data.beslutsdatum',
          rule: 'after-previous-decision',
          message: `must be on or after ${latest}`,
        },
      ],
    );
  }
  return E.right(undefined);
}

type HistoricalFigures = Extract<
  BookkeepingEvent,
  { type: 'HistoriskaÅrsuppgifterRegistrerade' }
>['data'];
type OpeningData = Extract<BookkeepingEvent, { type: 'IngåendeBalansRegistrerad' }>['data'];

function checkHistoricalFigures(
  state: BookkeepingState,
  data: HistoricalFigures,
): E.Either<LedgerError, void> {
  const ledgerStart =
    state.openingBalance === undefined ? state.firstYear : yearOf(state.openingBalance.datum);
  if (ledgerStart !== undefined && data.år >= ledgerStart) {
    return refuse(
      'VALIDATION_FAILED',
      `Historical figures are for years before the ledger's first year ${ledgerStart}, not ${data.år}`,
      { år: data.år },
      [
        {
          path: 'data.år',
          rule: 'historical-before-ledger',
          message: `must be before ${ledgerStart}`,
        },
      ],
    );
  }
  if (state.historicalYears.has(data.år)) {
    return refuse(
      'VALIDATION_FAILED',
      `Historical figures for ${data.år} are already recorded`,
      { år: data.år },
      [{ path: 'data.år', rule: 'one-per-year', message: 'already recorded' }],
    );
  }
  const issues: Issue[] = [];
  const m = Money.from;
  const rr = data.resultaträkning;
  const result = m(rr.verksamhetensIntäkter)
    .minus(m(rr.verksamhetensKostnader))
    .minus(m(rr.avskrivningar))
    .plus(m(rr.finansiellaIntäkter))
    .minus(m(rr.finansiellaKostnader));
  const br = data.balansräkning;
  if (br) {
    const assets = Money.sum(
      [
        br.kundfordringar,
        br.förutbetaldaKostnaderUpplupnaIntäkter,
        br.övrigaFordringar,
        br.kassaOchBank,
      ].map(m),
    );
    const equityAndLiabilities = Money.sum(
      [
        br.åretsResultat,
        br.övrigtEgetKapital,
        br.leverantörsskulder,
        br.övrigaKortfristigaSkulder,
        br.upplupnaKostnader,
      ].map(m),
    );
    if (!assets.equals(equityAndLiabilities)) {
      issues.push({
        path: 'data.balansräkning',
        rule: 'balance-sheet-balances',
        message: `summa tillgångar ${assets.toString()} ≠ summa eget kapital och skulder ${equityAndLiabilities.toString()}`,
      });
    }
    if (!m(br.åretsResultat).equals(result)) {
      issues.push({
        path: 'data.balansräkning.åretsResultat',
        rule: 'result-agrees',
        message: `årets resultat ${br.åretsResultat} ≠ resultaträkningens ${result.toString()}`,
      });
    }
  }
  const kf = data.kassaflödesanalys;
  if (kf) {
    const flow = Money.sum([
      result,
      m(kf.justeringEjLikviditetspåverkandePoster),
      m(kf.förändringKortfristigaFordringar),
      m(kf.förändringKortfristigaSkulder),
      m(kf.investeringsverksamhet),
      m(kf.finansieringsverksamhet),
    ]);
    if (br && !m(kf.likvidaMedelVidÅretsBörjan).plus(flow).equals(m(br.kassaOchBank))) {
      issues.push({
        path: 'data.kassaflödesanalys',
        rule: 'cash-flow-adds-up',
        message: `likvida medel ${kf.likvidaMedelVidÅretsBörjan} + årets kassaflöde ${flow.toString()} ≠ kassa och bank ${br.kassaOchBank}`,
      });
    }
  }
  if (
    br &&
    state.openingBalance !== undefined &&
    yearOf(state.openingBalance.datum) === data.år + 1
  ) {
    issues.push(...compareWithOpening(br, state.openingBalance));
  }
  if (issues.length > 0)
    return refuse(
      'HISTORICAL_FIGURES_INCONSISTENT',
      `The figures for ${data.år} do not add up: ${issues.map((issue) => issue.message).join('; ')}`,
      { år: data.år },
      issues,
    );
  return E.right(undefined);
}

function compareWithOpening(
  br: NonNullable<HistoricalFigures['balansräkning']>,
  opening: OpeningData,
): Issue[] {
  const m = Money.from;
  const sumOf = (kinds: readonly string[]) =>
    Money.sum(
      opening.öppnaPoster.filter((item) => kinds.includes(item.slag)).map((item) => m(item.belopp)),
    );
  const pairs: [string, Money, Money][] = [
    ['kassaOchBank', m(br.kassaOchBank), m(opening.kassaOchBank)],
    ['övrigaFordringar', m(br.övrigaFordringar), m(opening.momsfordran)],
    ['kundfordringar', m(br.kundfordringar), sumOf(['kundfordran'])],
    [
      'förutbetaldaKostnaderUpplupnaIntäkter',
      m(br.förutbetaldaKostnaderUpplupnaIntäkter),
      sumOf(['upplupen-intäkt', 'förutbetald-kostnad']),
    ],
    ['leverantörsskulder', m(br.leverantörsskulder), sumOf(['leverantörsskuld'])],
    ['upplupnaKostnader', m(br.upplupnaKostnader), sumOf(['upplupen-kostnad'])],
    [
      'övrigaKortfristigaSkulder',
      m(br.övrigaKortfristigaSkulder),
      sumOf(['övrig-kortfristig-skuld']),
    ],
    [
      'eget kapital',
      m(br.åretsResultat).plus(m(br.övrigtEgetKapital)),
      m(opening.balanseratResultat),
    ],
  ];
  return pairs
    .filter(([, closing, opened]) => !closing.equals(opened))
    .map(([field, closing, opened]) => ({
      path: `balansräkning.${field}`,
      rule: 'agrees-with-opening-balance',
      message: `${field}: ${closing.toString()} at year end, ${opened.toString()} in the opening balance`,
    }));
}
