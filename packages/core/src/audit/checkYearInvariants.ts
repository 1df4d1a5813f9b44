import type { BookkeepingState } from '../bookkeeping/BookkeepingState.js';
import { toLedgerError } from '../error.js';
import { Money } from '../money/Money.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import type { LedgerTotals } from '../statements/LedgerTotals.js';
import { mainStatements, type MainStatements } from '../statements/replayStatements.js';
import type { Statement } from '../statements/Statement.js';
import { placeOf, type AuditFinding } from './AuditFinding.js';

/** A closing event as stored: the year, the date and the result it states. */
export interface ClosingStatement {
  readonly år: number;
  readonly datum: string;
  readonly åretsResultat: string;
  readonly stored: StoredEvent;
  /** The numbers of the verifikationer the books gave it, filled in as it is posted. */
  readonly verifikationer: string[];
}

/** A year's close as the audit read it: the closing event (`RäkenskapsårStängt`) and its place. */
export interface AuditedClose {
  /** The date the year was closed (the closing event's `datum`: the board's decision). */
  readonly datum: string;
  /** The årets resultat the close states: what the board adopted. */
  readonly åretsResultat: string;
  /** The numbers of the verifikationer the close books (none when the result is zero). */
  readonly verifikationer: readonly string[];
  readonly streamId: string;
  readonly streamRevision: number;
  /** The closing event's position in the store's global order. */
  readonly globalPosition: number;
  readonly eventId: string;
}

/** How a year of the books stands in the store audited: closed, or not closed. */
export interface AuditedYear {
  readonly år: number;
  /** The year's first close (a second one is a rule finding); left out when not closed. */
  readonly closed?: AuditedClose;
}

/**
 * Each year of the books (`years`, and any year closed without postings), in order, with its
 * close from the closing events the audit read: a store cut short before a close passes the
 * audit without an expected head, and this says that its year is not closed.
 */
export function auditedYears(
  years: readonly number[],
  closings: readonly ClosingStatement[],
): AuditedYear[] {
  const closeOf = new Map<number, ClosingStatement>();
  for (const closing of closings) if (!closeOf.has(closing.år)) closeOf.set(closing.år, closing);
  const all = [...new Set([...years, ...closeOf.keys()])].sort((left, right) => left - right);
  return all.map((år) => {
    const closing = closeOf.get(år);
    if (closing === undefined) return { år };
    const { stored } = closing;
    return {
      år,
      closed: {
        datum: closing.datum,
        åretsResultat: Money.from(closing.åretsResultat).toString(),
        verifikationer: [...closing.verifikationer],
        streamId: stored.streamId,
        streamRevision: stored.streamRevision,
        globalPosition: stored.globalPosition,
        eventId: stored.eventId,
      },
    };
  });
}

/** The year's column of a row; zero for a row left out (zero in every column). */
const yearAmount = (statement: Statement, key: string): Money =>
  statement.rows.find((row) => row.key === key)?.amounts[0] ?? Money.zero;

/** The statements of a year, or a finding when computing them breaks an invariant. */
function statementsOf(
  totals: LedgerTotals,
  year: number,
  report: (finding: AuditFinding) => void,
): MainStatements | undefined {
  try {
    return mainStatements(totals, year);
  } catch (thrown) {
    const error = toLedgerError(thrown);
    report({
      kind: 'invariant',
      code: error.code,
      message: `the statements of ${year} cannot be computed: ${error.message}`,
      år: year,
    });
    return undefined;
  }
}

/** The balansräkning balances, and the kassaflödesanalys ends with the bank's balance. */
function checkStatements(
  statements: MainStatements,
  year: number,
  report: (finding: AuditFinding) => void,
): void {
  const { balansräkning, kassaflödesanalys } = statements;
  const assets = yearAmount(balansräkning, 'summa-tillgångar');
  const equityAndLiabilities = yearAmount(balansräkning, 'summa-eget-kapital-och-skulder');
  if (!assets.equals(equityAndLiabilities))
    report({
      kind: 'invariant',
      code: 'BALANSRÄKNING_UNBALANCED',
      message: `the balansräkning ${year} does not balance: tillgångar ${assets.toString()} ≠ eget kapital och skulder ${equityAndLiabilities.toString()}`,
      år: year,
    });
  const closingCash = yearAmount(kassaflödesanalys, 'likvida-medel-vid-årets-slut');
  const bank = yearAmount(balansräkning, 'kassa-och-bank');
  if (!closingCash.equals(bank))
    report({
      kind: 'invariant',
      code: 'KASSAFLÖDE_NOT_BANK',
      message: `the kassaflödesanalys ${year} ends with likvida medel ${closingCash.toString()}, but the bank holds ${bank.toString()}`,
      år: year,
    });
}

/**
 * What a closed year's changed result can come from, and how to find it: the audit sees only the
 * books as they are now, not which event differs from the ones the board adopted.
 */
const changedCloseCauses =
  'the books of the year are not the ones its close stated (an event of the year was changed, added or removed, or one was booked into it after the close); find the difference with finsam reconcile of the adopted (printed) report against the store and finsam explain on the rows that differ, or with finsam audit --expected-head and the head written down at the close';

/**
 * Checks the invariants of every year of the books (see {@link checkStatements}) and that each
 * closed year's result, as the books show it now, is the one its closing event states: an event
 * of the year changed, added or removed around the rules, or booked into it after the close,
 * changes the result the close stated. Returns the years checked.
 */
export function checkYearInvariants(
  totals: LedgerTotals,
  state: BookkeepingState,
  closings: readonly ClosingStatement[],
  report: (finding: AuditFinding) => void,
): number[] {
  const years = [...totals.movements.keys()].sort((left, right) => left - right);
  const resultByYear = new Map<number, Money>();
  for (const year of years) {
    const statements = statementsOf(totals, year, report);
    if (statements === undefined) continue;
    checkStatements(statements, year, report);
    resultByYear.set(year, yearAmount(statements.resultaträkning, 'årets-resultat'));
  }
  for (const closing of closings) {
    const stated = Money.from(closing.åretsResultat);
    const booked = state.yearResults.get(closing.år) ?? Money.zero;
    const printed = resultByYear.get(closing.år) ?? Money.zero;
    if (stated.equals(booked) && stated.equals(printed)) continue;
    report({
      kind: 'invariant',
      code: 'CLOSED_YEAR_RESULT_CHANGED',
      message: `${closing.år} was closed with årets resultat ${stated.toString()}, but the books now show ${booked.toString()} (resultaträkning ${printed.toString()}): ${changedCloseCauses}`,
      år: closing.år,
      ...placeOf(closing.stored),
    });
  }
  return years;
}
